import type { PromptTemplateV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { applyTemplateOverride } from './apply-template-override';

const base: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'ask',
  description: 'Asks about an item.',
  system: 'Be {style}.',
  user: 'Tell me about {item}.',
  variables: ['item', 'style'],
};

describe('applyTemplateOverride', () => {
  it('replaces the texts given and keeps the rest of the task template', () => {
    expect(applyTemplateOverride(base, { user: 'Describe {item}.' })).toEqual({ ...base, user: 'Describe {item}.' });
    expect(applyTemplateOverride(base, { system: 'Be short.', user: undefined })).toEqual({ ...base, system: 'Be short.' });
    expect(applyTemplateOverride(base, {})).toEqual(base);
  });

  it('keeps an empty system text, which drops the system message', () => {
    expect(applyTemplateOverride(base, { system: '' }).system).toBe('');
  });
});
