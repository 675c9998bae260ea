import type { JsonRecord, TaskV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { macroTopicsTask } from './macro-topics-task';
import { openQAQuestionsTask } from './open-qa-questions-task';
import { openQARevisionsTask } from './open-qa-revisions-task';
import { subtopicsTask } from './subtopics-task';

const tasks: Array<[string, TaskV1<unknown, JsonRecord, JsonRecord>, string]> = [
  ['macro-topics', macroTopicsTask, 'n_macro_topics'],
  ['subtopics', subtopicsTask, 'n_subtopics'],
  ['open-qa-questions', openQAQuestionsTask, 'n_openlines'],
  ['open-qa-revisions', openQARevisionsTask, 'n_revisions'],
];

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

  it('subtopics: include_macro_topic defaults to true', () => {
    expect(subtopicsTask.options.parse({ n_subtopics: 2 }).include_macro_topic).toBe(true);
    expect(subtopicsTask.options.parse({ n_subtopics: 2, include_macro_topic: false }).include_macro_topic).toBe(false);
  });
});
