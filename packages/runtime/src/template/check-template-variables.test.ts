import { TemplateError, type PromptTemplateV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { checkTemplateVariables } from './check-template-variables';
import { templatePlaceholders } from './template-placeholders';

const subtopics: PromptTemplateV1 = {
  specificationVersion: 'v1',
  name: 'subtopics',
  system: 'You write in {language}. Stay on {topic}.',
  user: 'List {n_subtopics} subtopics of {topic} for {audience}.',
  variables: ['topic', 'n_subtopics'],
};

describe('templatePlaceholders', () => {
  it('lists system placeholders first, then user ones, once each', () => {
    expect(templatePlaceholders(subtopics)).toEqual(['language', 'topic', 'n_subtopics', 'audience']);
  });

  it('returns an empty list for a template without placeholders', () => {
    expect(templatePlaceholders({ ...subtopics, system: undefined, user: 'Literal {{braces}}' })).toEqual([]);
  });

  it('returns a fresh array each time', () => {
    const first = templatePlaceholders(subtopics);
    first.push('changed');
    expect(templatePlaceholders(subtopics)).toEqual(['language', 'topic', 'n_subtopics', 'audience']);
  });
});

describe('checkTemplateVariables', () => {
  it('returns the placeholders nothing supplies, in order of first use', () => {
    expect(checkTemplateVariables(subtopics, subtopics.variables)).toEqual(['language', 'audience']);
  });

  it('returns nothing when the task and the stage supply every placeholder', () => {
    const stageVariables = new Set(['language', 'audience', 'extra_unused']);
    expect(checkTemplateVariables(subtopics, [...subtopics.variables, ...stageVariables])).toEqual([]);
  });

  it('accepts any iterable of names, such as Object.keys or a Map', () => {
    const supplied = new Map([
      ['language', 1],
      ['topic', 2],
    ]).keys();
    expect(checkTemplateVariables(subtopics, supplied)).toEqual(['n_subtopics', 'audience']);
  });

  it('rejects a malformed template when it is checked', () => {
    expect(() => checkTemplateVariables({ ...subtopics, user: 'List {n.subtopics}' }, [])).toThrow(TemplateError);
  });
});
