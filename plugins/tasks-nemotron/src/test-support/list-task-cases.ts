/**
 * Test-only table (not exported from the package): every list task of the plugin, with what a
 * test needs to run it on one input with one generator call.
 */
import type { JsonRecord, TaskV1 } from '@synthkit/core';
import { createRecordId } from '@synthkit/runtime';
import { nemotronPlugin } from '../nemotron-plugin';

/** One list task, as the shared tests run it. */
export interface ListTaskCase {
  /** The task's name in the plugin (`subtopics`). */
  readonly name: keyof typeof nemotronPlugin.tasks & string;
  readonly task: TaskV1<unknown, JsonRecord, JsonRecord>;
  /** The option giving the number of items (`n_subtopics`). */
  readonly countOption: string;
  /** An input the task makes exactly one generator call for. */
  readonly input: JsonRecord;
  /** The template of that call with the default options. */
  readonly template: string;
  /** The output field each item lands in. */
  readonly outputField: string;
  /** The shape of the task: a macro-topics task accepts a wrong length when ignoring failures; a subtopics task emits its macro topic last. */
  readonly shape: 'macro-topics' | 'subtopics' | 'items';
  /** Fields every item record has besides the item, with `runTask`'s defaults (closed QA's `document_id`). */
  readonly itemFields?: JsonRecord;
}

const cases: ReadonlyArray<Omit<ListTaskCase, 'task'>> = [
  { name: 'macro-topics', countOption: 'n_macro_topics', input: {}, template: 'macro-topics', outputField: 'macro_topic', shape: 'macro-topics' },
  { name: 'subtopics', countOption: 'n_subtopics', input: { macro_topic: 'Science' }, template: 'subtopics', outputField: 'topic', shape: 'subtopics' },
  { name: 'open-qa-questions', countOption: 'n_openlines', input: { topic: 'Volcanoes' }, template: 'open-qa-questions', outputField: 'openline', shape: 'items' },
  { name: 'open-qa-revisions', countOption: 'n_revisions', input: { openline: 'Why do volcanoes erupt?' }, template: 'open-qa-revisions', outputField: 'revision', shape: 'items' },
  { name: 'writing-tasks', countOption: 'n_openlines', input: { topic: 'Volcanoes', text_material_type: 'poem' }, template: 'writing-tasks', outputField: 'openline', shape: 'items' },
  { name: 'writing-task-revisions', countOption: 'n_revisions', input: { openline: 'Write a poem about a volcano.' }, template: 'writing-task-revisions', outputField: 'revision', shape: 'items' },
  { name: 'closed-qa-instructions', countOption: 'n_openlines', input: { document: 'Volcanoes erupt when magma rises.' }, template: 'closed-qa-instructions', outputField: 'openline', shape: 'items', itemFields: { document_id: createRecordId('', '', 0) } },
  { name: 'math-macro-topics', countOption: 'n_macro_topics', input: {}, template: 'math-macro-topics', outputField: 'macro_topic', shape: 'macro-topics' },
  { name: 'math-subtopics', countOption: 'n_subtopics', input: { macro_topic: 'Algebra' }, template: 'math-subtopics', outputField: 'topic', shape: 'subtopics' },
  { name: 'math-problems', countOption: 'n_openlines', input: { topic: 'Linear equations' }, template: 'math-problems-general', outputField: 'openline', shape: 'items' },
  { name: 'python-macro-topics', countOption: 'n_macro_topics', input: {}, template: 'python-macro-topics', outputField: 'macro_topic', shape: 'macro-topics' },
  { name: 'python-subtopics', countOption: 'n_subtopics', input: { macro_topic: 'Iteration' }, template: 'python-subtopics', outputField: 'topic', shape: 'subtopics' },
  { name: 'python-problems', countOption: 'n_openlines', input: { topic: 'Generators' }, template: 'python-problems-beginner', outputField: 'openline', shape: 'items' },
];

/** Every list task of the plugin, in the plugin's order. */
export const listTaskCases: ReadonlyArray<ListTaskCase> = cases.map((entry) => ({
  ...entry,
  task: nemotronPlugin.tasks[entry.name] as TaskV1<unknown, JsonRecord, JsonRecord>,
}));

/** The records a task emits for the items `items` read from its list, given its kind and input. */
export function expectedRecords(entry: ListTaskCase, items: ReadonlyArray<string>): JsonRecord[] {
  const records: JsonRecord[] = items.map((item) => ({ [entry.outputField]: item, ...entry.itemFields }));
  if (entry.shape === 'subtopics') records.push({ topic: entry.input.macro_topic as string });
  if (entry.name === 'writing-tasks') return records.map((record) => ({ ...record, text_material_type: entry.input.text_material_type as string }));
  return records;
}
