import type { JsonRecord, TaskV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { listTaskCases } from '../test-support/list-task-cases';
import { closedQAInstructionsTask } from './closed-qa-instructions-task';
import { macroTopicsTask } from './macro-topics-task';
import { mathMacroTopicsTask } from './math-macro-topics-task';
import { mathProblemsTask } from './math-problems-task';
import { mathSubtopicsTask } from './math-subtopics-task';
import { pythonMacroTopicsTask } from './python-macro-topics-task';
import { pythonProblemsTask } from './python-problems-task';
import { pythonSubtopicsTask } from './python-subtopics-task';
import { subtopicsTask } from './subtopics-task';
import { writingTasksTask } from './writing-tasks-task';

const tasks = listTaskCases.map((entry) => [entry.name, entry.task, entry.countOption] as const);

/** The messages of a failed parse, as `path: message` lines. */
function issues(task: TaskV1<unknown, JsonRecord, JsonRecord>, options: unknown): string[] {
  const result = task.options.safeParse(options);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe.each(tasks)('%s options', (_name, task, countOption) => {
  it('applies the shared defaults', () => {
    expect(task.options.parse({ [countOption]: 4 })).toMatchObject({
      [countOption]: 4,
      conversion: 'auto',
      ignore_conversion_failure: false,
      trim_to_length: false,
    });
  });

  it('rejects a count given as a string (NeMo quirk 15.2)', () => {
    expect(issues(task, { [countOption]: '5' })).toEqual([
      `${countOption}: ${countOption} must be a number such as 5, not the string "5"; write it without quotes.`,
    ]);
  });

  it.each([
    [0, 'must be at least 1'],
    [-2, 'must be at least 1'],
    [2.5, 'must be a whole number'],
  ])('rejects the count %s', (count, message) => {
    expect(issues(task, { [countOption]: count })[0]).toContain(message);
  });

  it('requires the count', () => {
    expect(issues(task, {})[0]).toContain(`${countOption} is required`);
  });

  it('rejects an unknown option, naming the valid ones', () => {
    const [issue] = issues(task, { [countOption]: 2, n_topics: 3 });
    expect(issue).toContain('unknown option "n_topics"');
    expect(issue).toContain(countOption);
    expect(issue).toContain('ignore_conversion_failure');
  });

  it('has no conversion_params option: converter parameters live in the recipe (params.converter)', () => {
    expect(issues(task, { [countOption]: 2, conversion_params: { temperature: 0 } })[0]).toContain('unknown option "conversion_params"');
  });

  it('takes conversion auto, llm or local, and nothing else', () => {
    for (const conversion of ['auto', 'llm', 'local']) expect(issues(task, { [countOption]: 2, conversion })).toEqual([]);
    expect(issues(task, { [countOption]: 2, conversion: 'yaml' })[0]).toContain('conversion');
  });

  it('rejects non-boolean flags', () => {
    expect(issues(task, { [countOption]: 2, ignore_conversion_failure: 'yes' })).toHaveLength(1);
    expect(issues(task, { [countOption]: 2, trim_to_length: 1 })).toHaveLength(1);
  });
});

describe('task-specific options', () => {
  it('macro-topics: additional_macro_topics defaults to [] and rejects empty topics', () => {
    expect(macroTopicsTask.options.parse({ n_macro_topics: 2 }).additional_macro_topics).toEqual([]);
    expect(macroTopicsTask.options.parse({ n_macro_topics: 2, additional_macro_topics: [' Music '] }).additional_macro_topics).toEqual(['Music']);
    expect(issues(macroTopicsTask as TaskV1<unknown, JsonRecord, JsonRecord>, { n_macro_topics: 2, additional_macro_topics: ['  '] })[0]).toContain(
      'must not contain empty topics',
    );
  });

  it.each([
    ['macro-topics', macroTopicsTask],
    ['math-macro-topics', mathMacroTopicsTask],
    ['python-macro-topics', pythonMacroTopicsTask],
  ] as const)('%s: additional_macro_topics and additional_subtopics default to [] and are trimmed', (_name, task) => {
    expect(task.options.parse({ n_macro_topics: 2 })).toMatchObject({ additional_macro_topics: [], additional_subtopics: [] });
    expect(task.options.parse({ n_macro_topics: 2, additional_subtopics: [' Jazz '] }).additional_subtopics).toEqual(['Jazz']);
    expect(issues(task as TaskV1<unknown, JsonRecord, JsonRecord>, { n_macro_topics: 2, additional_subtopics: [''] })[0]).toContain(
      'additional_subtopics must not contain empty topics',
    );
  });

  it.each([
    ['subtopics', subtopicsTask],
    ['math-subtopics', mathSubtopicsTask],
    ['python-subtopics', pythonSubtopicsTask],
  ] as const)('%s: include_macro_topic defaults to true', (_name, task) => {
    expect(task.options.parse({ n_subtopics: 2 }).include_macro_topic).toBe(true);
    expect(task.options.parse({ n_subtopics: 2, include_macro_topic: false }).include_macro_topic).toBe(false);
  });

  it('writing-tasks: text_material_types defaults to five kinds of text and must not be empty', () => {
    expect(writingTasksTask.options.parse({ n_openlines: 2 }).text_material_types).toEqual(['essay', 'poem', 'short story', 'letter', 'blog post']);
    expect(writingTasksTask.options.parse({ n_openlines: 2, text_material_types: [' haiku '] }).text_material_types).toEqual(['haiku']);
    expect(issues(writingTasksTask as TaskV1<unknown, JsonRecord, JsonRecord>, { n_openlines: 2, text_material_types: [] })[0]).toContain(
      'at least one kind of text',
    );
  });

  it('math-macro-topics: school_level defaults to university and must not be blank', () => {
    expect(mathMacroTopicsTask.options.parse({ n_macro_topics: 2 }).school_level).toBe('university');
    expect(issues(mathMacroTopicsTask as TaskV1<unknown, JsonRecord, JsonRecord>, { n_macro_topics: 2, school_level: ' ' })[0]).toContain('school_level');
  });

  it('math-problems: level is general (default) or beginner', () => {
    expect(mathProblemsTask.options.parse({ n_openlines: 2 }).level).toBe('general');
    expect(issues(mathProblemsTask as TaskV1<unknown, JsonRecord, JsonRecord>, { n_openlines: 2, level: 'advanced' })).toHaveLength(1);
  });

  it('python tasks: language defaults to Python; python-problems: level is beginner (default), intermediate or advanced', () => {
    expect(pythonMacroTopicsTask.options.parse({ n_macro_topics: 2 }).language).toBe('Python');
    expect(pythonSubtopicsTask.options.parse({ n_subtopics: 2, language: 'Rust' }).language).toBe('Rust');
    expect(pythonProblemsTask.options.parse({ n_openlines: 2 })).toMatchObject({ language: 'Python', level: 'beginner' });
    expect(issues(pythonProblemsTask as TaskV1<unknown, JsonRecord, JsonRecord>, { n_openlines: 2, level: 'expert' })).toHaveLength(1);
    expect(issues(pythonProblemsTask as TaskV1<unknown, JsonRecord, JsonRecord>, { n_openlines: 2, language: '' })[0]).toContain('language');
  });

  it('closed-qa-instructions: has the count, document_id_field (_id or a field name) and the shared options', () => {
    expect(closedQAInstructionsTask.options.parse({ n_openlines: 2 })).toEqual({
      n_openlines: 2,
      document_id_field: '_id',
      conversion: 'auto',
      ignore_conversion_failure: false,
      trim_to_length: false,
    });
    expect(closedQAInstructionsTask.options.parse({ n_openlines: 2, document_id_field: 'url' }).document_id_field).toBe('url');
    expect(issues(closedQAInstructionsTask as TaskV1<unknown, JsonRecord, JsonRecord>, { n_openlines: 2, document_id_field: '_meta' })).toEqual([
      'document_id_field: names an engine field (they start with "_"); use _id for the record\'s own id, or a field of the documents such as url.',
    ]);
    expect(closedQAInstructionsTask.fields?.(closedQAInstructionsTask.options.parse({ n_openlines: 2 }))).toEqual({});
    expect(closedQAInstructionsTask.fields?.(closedQAInstructionsTask.options.parse({ n_openlines: 2, document_id_field: 'url' }))).toEqual({ reads: ['url'] });
  });
});
