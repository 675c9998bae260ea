import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { mathMacroTopicsTask } from './math-macro-topics-task';
import { mathProblemsTask } from './math-problems-task';
import { mathSubtopicsTask } from './math-subtopics-task';

describe('nemotron:math-macro-topics', () => {
  it('asks for n_macro_topics topics at school_level and emits them, then the additional topics', async () => {
    const models = scriptedListModels('1. Algebra\n2. Geometry', '');
    const { records, requests } = await runTask(mathMacroTopicsTask, {
      options: { n_macro_topics: 2, school_level: 'high school', additional_macro_topics: ['Statistics'], additional_subtopics: ['Fractions'] },
      models,
    });
    expect(records).toEqual([{ macro_topic: 'Algebra' }, { macro_topic: 'Geometry' }, { macro_topic: 'Statistics' }, { macro_topic: 'Fractions', topic: 'Fractions' }]);
    expect(requests[0]?.variables).toEqual({ n_macro_topics: 2, school_level: 'high school' });
    const prompt = models.generator.doGenerateCalls[0]?.messages?.[0]?.content;
    expect(prompt).toContain('students at this level: high school.');
    expect(prompt).toContain('exactly 2 topics');
  });
});

describe('nemotron:math-subtopics', () => {
  it('asks for n_subtopics subtopics of the math topic and emits them, then the topic itself', async () => {
    const models = scriptedListModels('1. Linear equations\n2. Quadratics', '');
    const { records } = await runTask(mathSubtopicsTask, { options: { n_subtopics: 2 }, input: { macro_topic: 'Algebra' }, models });
    expect(records).toEqual([{ topic: 'Linear equations' }, { topic: 'Quadratics' }, { topic: 'Algebra' }]);
    expect(models.generator.doGenerateCalls[0]?.messages?.[0]?.content).toMatch(/^Broad topic: Algebra\n\nThis is an area of mathematics\./);
  });
});

describe('nemotron:math-problems', () => {
  it.each([
    ['general', 'math-problems-general', 'Vary their difficulty'],
    ['beginner', 'math-problems-beginner', 'for a beginner'],
  ] as const)('level %s uses the template %s', async (level, template, phrase) => {
    const models = scriptedListModels('1. Solve 2x + 3 = 7.\n2. Solve x - 4 = 1.', '');
    const { records, calls } = await runTask(mathProblemsTask, { options: { n_openlines: 2, level }, input: { topic: 'Linear equations' }, models });
    expect(records).toEqual([{ openline: 'Solve 2x + 3 = 7.' }, { openline: 'Solve x - 4 = 1.' }]);
    expect(calls[0]?.template).toBe(template);
    const prompt = models.generator.doGenerateCalls[0]?.messages?.[0]?.content;
    expect(prompt).toContain('Topic: Linear equations');
    expect(prompt).toContain(phrase);
    expect(prompt).toContain('exactly 2 problems');
  });
});
