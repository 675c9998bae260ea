import { TemplateError, type PromptTemplateV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { parsePromptTemplate } from './parse-prompt-template';

const template: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'judge',
  system: 'Score {criterion}.',
  user: 'Answer: {answer}. Criterion again: {criterion}.',
  variables: ['criterion', 'answer'],
};

describe('parsePromptTemplate', () => {
  it('parses both texts and merges their placeholders, system first', () => {
    const parsed = parsePromptTemplate(template);
    expect(parsed.system?.placeholders).toEqual(['criterion']);
    expect(parsed.user.placeholders).toEqual(['answer', 'criterion']);
    expect(parsed.placeholders).toEqual(['criterion', 'answer']);
  });

  it('has no system part when the system text is absent or empty', () => {
    expect(parsePromptTemplate({ ...template, system: undefined }).system).toBeUndefined();
    expect(parsePromptTemplate({ ...template, system: '' }).system).toBeUndefined();
  });

  it('parses a template object once and returns the same frozen result afterwards', () => {
    const own = { ...template };
    const first = parsePromptTemplate(own);
    expect(parsePromptTemplate(own)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(parsePromptTemplate({ ...template })).not.toBe(first);
  });

  it('throws every time for a malformed template instead of caching the failure', () => {
    const broken = { ...template, user: 'oops }' };
    expect(() => parsePromptTemplate(broken)).toThrow(TemplateError);
    expect(() => parsePromptTemplate(broken)).toThrow('single "}" at line 1, column 6 (offset 5) of the user text');
  });
});
