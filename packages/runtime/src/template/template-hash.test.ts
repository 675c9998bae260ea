import type { PromptTemplateV1 } from '@synthkit/core';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { templateHash } from './template-hash';

const base: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'questions',
  system: 'You are helpful.',
  user: 'Ask about {topic}.',
  variables: ['topic'],
};

describe('templateHash', () => {
  it('is the first 12 hex characters of sha256(system + NUL + user)', () => {
    const expected = createHash('sha256').update('You are helpful.\u0000Ask about {topic}.').digest('hex').slice(0, 12);
    expect(templateHash(base)).toBe(expected);
    expect(templateHash(base)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('is stable: equal texts in different objects give the same hash', () => {
    expect(templateHash({ ...base })).toBe(templateHash(base));
    expect(templateHash({ ...base, name: 'renamed', description: 'other', variables: [] })).toBe(templateHash(base));
  });

  it('changes when either text changes, even by one character', () => {
    const hashes = new Set([
      templateHash(base),
      templateHash({ ...base, user: 'Ask about {topic}!' }),
      templateHash({ ...base, system: 'You are helpful' }),
      templateHash({ ...base, system: undefined }),
    ]);
    expect(hashes.size).toBe(4);
  });

  it('changes when text moves between the system and user texts', () => {
    expect(templateHash({ ...base, system: 'ab', user: 'c' })).not.toBe(templateHash({ ...base, system: 'a', user: 'bc' }));
  });

  it('treats a missing and an empty system text alike, as both send no system message', () => {
    expect(templateHash({ ...base, system: undefined })).toBe(templateHash({ ...base, system: '' }));
  });

  it('hashes unicode text as UTF-8', () => {
    const unicode = { ...base, system: undefined, user: '日本語 🙂' };
    const expected = createHash('sha256').update(Buffer.from('\u0000日本語 🙂', 'utf8')).digest('hex').slice(0, 12);
    expect(templateHash(unicode)).toBe(expected);
  });
});
