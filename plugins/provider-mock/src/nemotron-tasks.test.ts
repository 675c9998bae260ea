import { runTask } from '@synthkit/testkit';
import type { JsonRecord, TaskV1 } from '@synthkit/core';
import nemotron, {
  closedQAInstructionsTask,
  macroTopicsTask,
  mathMacroTopicsTask,
  mathProblemsTask,
  mathSubtopicsTask,
  openQAQuestionsTask,
  openQARevisionsTask,
  pythonMacroTopicsTask,
  pythonProblemsTask,
  pythonSubtopicsTask,
  subtopicsTask,
  writingTaskRevisionsTask,
  writingTasksTask,
} from '@synthkit/tasks-nemotron';
import { describe, expect, it } from 'vitest';
import { createMock } from './create-mock';

// Every task of @synthkit/tasks-nemotron, on the mock's answers alone, through the engine's own code
// (templates, the generator and converter calls, the list reading and its checks).
const mock = createMock().languageModel('nemotron-check');

describe('@synthkit/tasks-nemotron on the mock provider', () => {
  it('covers every task the plugin has', () => {
    expect(Object.keys(nemotron.tasks).sort()).toEqual([
      'closed-qa-instructions',
      'dialogue',
      'macro-topics',
      'math-entity-classification',
      'math-macro-topics',
      'math-problems',
      'math-subtopics',
      'open-qa-questions',
      'open-qa-revisions',
      'python-entity-classification',
      'python-macro-topics',
      'python-problems',
      'python-subtopics',
      'subtopics',
      'two-turn-prompts',
      'writing-task-revisions',
      'writing-tasks',
      'yaml-conversion',
    ]);
  });

  it('macro-topics: the N topics asked for, distinct, plus the additional ones, read locally or by the converter', async () => {
    for (const [conversion, roles] of [
      ['auto', ['generator']],
      ['llm', ['generator', 'converter']],
    ] as const) {
      for (const n_macro_topics of [1, 3, 12, 40]) {
        const { records, rejections, calls } = await runTask(macroTopicsTask, {
          options: { n_macro_topics, additional_macro_topics: ['Chess'], conversion },
          models: mock,
          reference: 'nemotron:macro-topics',
        });
        expect(rejections).toEqual([]);
        expect(records).toHaveLength(n_macro_topics + 1);
        expect(new Set(records.map((record) => record.macro_topic)).size).toBe(n_macro_topics + 1);
        expect(records.at(-1)).toEqual({ macro_topic: 'Chess' });
        expect(calls.map((call) => call.role)).toEqual(roles);
      }
    }
  });

  // The tasks of the writing, closed QA, math and Python pipelines: N distinct items per generator
  // call, read locally (auto) and by the converter (llm) alike.
  const listTasks: Array<[string, TaskV1<unknown, JsonRecord, JsonRecord>, JsonRecord, JsonRecord, string]> = [
    ['writing-tasks', writingTasksTask, { n_openlines: 4, text_material_types: ['poem'] }, { topic: 'The sea' }, 'openline'],
    ['writing-task-revisions', writingTaskRevisionsTask, { n_revisions: 3 }, { openline: 'Write a poem about the sea.' }, 'revision'],
    ['closed-qa-instructions', closedQAInstructionsTask, { n_openlines: 4 }, { text: 'Volcanoes erupt when magma rises to the surface.' }, 'openline'],
    ['math-macro-topics', mathMacroTopicsTask, { n_macro_topics: 5, school_level: 'high school' }, {}, 'macro_topic'],
    ['math-subtopics', mathSubtopicsTask, { n_subtopics: 4, include_macro_topic: false }, { macro_topic: 'Algebra' }, 'topic'],
    ['math-problems', mathProblemsTask, { n_openlines: 4, level: 'beginner' }, { topic: 'Fractions' }, 'openline'],
    ['python-macro-topics', pythonMacroTopicsTask, { n_macro_topics: 5, language: 'Rust' }, {}, 'macro_topic'],
    ['python-subtopics', pythonSubtopicsTask, { n_subtopics: 4, include_macro_topic: false }, { macro_topic: 'Iterators' }, 'topic'],
    ['python-problems', pythonProblemsTask, { n_openlines: 4, level: 'advanced' }, { topic: 'Generators' }, 'openline'],
  ];

  it.each(listTasks)('%s: the N distinct items asked for, either way of reading the list', async (name, task, options, input, field) => {
    const count = Object.entries(options).find(([key]) => key.startsWith('n_'))?.[1] as number;
    for (const conversion of ['auto', 'llm']) {
      const { records, rejections, calls } = await runTask(task, { options: { ...options, conversion }, input, models: mock, reference: `nemotron:${name}` });
      expect(rejections).toEqual([]);
      expect(records).toHaveLength(count);
      expect(new Set(records.map((record) => record[field])).size).toBe(count);
      expect(calls).toHaveLength(conversion === 'auto' ? 1 : 2);
    }
  });

  it('subtopics: N subtopics of the macro topic, each naming it, then the macro topic itself', async () => {
    const { records, rejections } = await runTask(subtopicsTask, {
      options: { n_subtopics: 5 },
      input: { macro_topic: 'Gardening and plants' },
      models: mock,
      reference: 'nemotron:subtopics',
    });
    expect(rejections).toEqual([]);
    expect(records).toHaveLength(6);
    expect(new Set(records.map((record) => record.topic)).size).toBe(6);
    for (const { topic } of records.slice(0, 5)) expect(topic.toLowerCase()).toContain('gardening and plants');
    expect(records.at(-1)).toEqual({ topic: 'Gardening and plants' });
  });

  it('open-qa-questions: N distinct questions about the topic', async () => {
    const { records, rejections } = await runTask(openQAQuestionsTask, {
      options: { n_openlines: 7 },
      input: { topic: 'The history of jazz' },
      models: mock,
      reference: 'nemotron:open-qa-questions',
    });
    expect(rejections).toEqual([]);
    expect(records).toHaveLength(7);
    expect(new Set(records.map((record) => record.openline)).size).toBe(7);
    for (const { openline } of records) {
      expect(openline).toContain('the history of jazz');
      expect(openline).toMatch(/[?.]$/);
    }
  });

  it('open-qa-revisions: N distinct, longer rewrites that keep the question', async () => {
    const openline = 'What are the most common misconceptions about black holes?';
    const { records, rejections } = await runTask(openQARevisionsTask, {
      options: { n_revisions: 4 },
      input: { openline },
      models: mock,
      reference: 'nemotron:open-qa-revisions',
    });
    expect(rejections).toEqual([]);
    expect(records).toHaveLength(4);
    expect(new Set(records.map((record) => record.revision)).size).toBe(4);
    for (const { revision } of records) {
      expect(revision).toContain(openline);
      expect(revision.split(/\s+/).length).toBeGreaterThan(openline.split(/\s+/).length + 5);
    }
  });

  it('chains the whole open-QA tree with no rejection, whatever the seed', async () => {
    for (const seed of [1, 2]) {
      const params = { default: { seed, temperature: 0.7 } };
      const topics = await runTask(macroTopicsTask, { options: { n_macro_topics: 2 }, models: mock, params });
      let revisions = 0;
      for (const { macro_topic } of topics.records) {
        const subtopics = await runTask(subtopicsTask, { options: { n_subtopics: 2 }, input: { macro_topic }, models: mock, params });
        for (const { topic } of subtopics.records) {
          const questions = await runTask(openQAQuestionsTask, { options: { n_openlines: 2 }, input: { topic }, models: mock, params });
          for (const { openline } of questions.records) {
            const result = await runTask(openQARevisionsTask, { options: { n_revisions: 2 }, input: { openline }, models: mock, params });
            expect(result.rejections).toEqual([]);
            revisions += result.records.length;
          }
        }
      }
      expect(revisions).toBe(2 * 3 * 2 * 2);
    }
  });
});
