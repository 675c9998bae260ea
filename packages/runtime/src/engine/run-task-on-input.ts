import type { JsonRecord, TaskContextV1 } from '@synthkit/core';
import type { PlannedTaskStage } from '../recipe/recipe-plan';

/**
 * Runs a task stage on one input record, as the engine does for every record it receives: parses
 * the fields with the task's `input` schema, runs the task in `context`, collects what it returns
 * (an array or an async iterable) and checks each record against the task's `output` schema.
 * The pipeline and the testkit's `runTask` both call it, so a task test sees the engine's checks.
 *
 * @param fields The input record's fields, without the engine's `_id` and `_meta`.
 * @param context The context the task runs with, usually from `createTaskContext`.
 * @returns The checked output records (the task's new fields only, in order).
 * @throws Error when the input or an output does not fit the task's schema (the message names
 *   each field and what was wrong), and whatever the task or its model calls throw.
 */
export async function runTaskOnInput(
  stage: Pick<PlannedTaskStage, 'reference' | 'task'>,
  fields: JsonRecord,
  context: TaskContextV1<unknown>,
): Promise<JsonRecord[]> {
  const input = stage.task.input.safeParse(fields);
  if (!input.success) {
    throw new Error(
      `input does not fit ${stage.reference}: ${input.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`).join('; ')}`,
    );
  }
  const outputs: JsonRecord[] = [];
  const check = (output: JsonRecord) => {
    const checked = stage.task.output.safeParse(output);
    if (!checked.success) {
      throw new Error(
        `${stage.reference} returned a record that does not fit its output schema (a bug in the task): ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    }
    outputs.push(checked.data as JsonRecord);
  };
  const result = stage.task.run(input.data as JsonRecord, context);
  if (Symbol.asyncIterator in result) {
    for await (const output of result) check(output);
  } else {
    // Most tasks return a promise of an array: checked in a plain loop, without the async
    // generator (and its microtask hops per record) an async iterable needs.
    for (const output of await result) check(output);
  }
  return outputs;
}
