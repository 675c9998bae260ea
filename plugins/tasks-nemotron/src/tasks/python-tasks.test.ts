import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { pythonMacroTopicsTask } from './python-macro-topics-task';
import { pythonProblemsTask } from './python-problems-task';
import { pythonSubtopicsTask } from './python-subtopics-task';

describe('nemotron:python-macro-topics', () => {
  it('asks for n_macro_topics concepts of the language (Python by default)', async () => {
    for (const [options, language] of [
      [{ n_macro_topics: 2 }, 'Python'],
      [{ n_macro_topics: 2, language: 'Rust' }, 'Rust'],
    ] as const) {
      const models = scriptedListModels('1. Ownership\n2. Traits', '');
      const { records, requests } = await runTask(pythonMacroTopicsTask, { options, models });
      expect(records).toEqual([{ macro_topic: 'Ownership' }, { macro_topic: 'Traits' }]);
      expect(requests[0]?.variables).toEqual({ n_macro_topics: 2, language });
      expect(models.generator.doGenerateCalls[0]?.messages?.[0]?.content).toContain(`exercises in ${language}.`);
    }
  });
});

describe('nemotron:python-subtopics', () => {
  it('asks for n_subtopics narrower concepts, once each, then the concept itself', async () => {
    const models = scriptedListModels('1. Borrowing\n2. Lifetimes', '');
    const { records, requests } = await runTask(pythonSubtopicsTask, {
      options: { n_subtopics: 2, language: 'Rust' },
      input: { macro_topic: 'Ownership' },
      models,
    });
    // NeMo's sync pipeline listed every subtopic twice (quirk 15.1); here each comes once.
    expect(records).toEqual([{ topic: 'Borrowing' }, { topic: 'Lifetimes' }, { topic: 'Ownership' }]);
    expect(requests[0]?.variables).toEqual({ macro_topic: 'Ownership', n_subtopics: 2, language: 'Rust' });
    expect(models.generator.doGenerateCalls[0]?.messages?.[0]?.content).toContain('a concept of programming in Rust');
  });
});

describe('nemotron:python-problems', () => {
  it.each([
    ['beginner', 'for a beginner'],
    ['intermediate', 'comfortable with the language'],
    ['advanced', 'experienced programmer'],
  ] as const)('level %s uses the template python-problems-%s, in the language asked for', async (level, phrase) => {
    const models = scriptedListModels('1. Write a function that sums a list.\n2. Write a function that reverses a string.', '');
    const { records, calls, requests } = await runTask(pythonProblemsTask, {
      options: { n_openlines: 2, level, language: 'Go' },
      input: { topic: 'Slices' },
      models,
    });
    expect(records).toEqual([{ openline: 'Write a function that sums a list.' }, { openline: 'Write a function that reverses a string.' }]);
    expect(calls[0]?.template).toBe(`python-problems-${level}`);
    expect(requests[0]?.variables).toEqual({ topic: 'Slices', n_openlines: 2, language: 'Go' });
    const prompt = models.generator.doGenerateCalls[0]?.messages?.[0]?.content;
    expect(prompt).toContain('Write 2 different Go programming problems');
    expect(prompt).toContain(phrase);
  });
});
