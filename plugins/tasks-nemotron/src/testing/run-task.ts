import type { JsonRecord, TaskV1 } from '@synthkit/core';
import { createScriptedTaskContext, type ScriptedResponse, type ScriptedTaskContext } from './create-scripted-task-context';

/**
 * Runs a task on one input record the way the engine does: parses the raw options and the input
 * with the task's schemas, runs it in a scripted context, collects its records (from an array or an
 * async iterable) and checks each against the output schema.
 *
 * @throws Whatever the task throws, or a `ZodError` when options, input or output are invalid.
 */
export async function runTask<Options, Input extends JsonRecord, Output extends JsonRecord>(
  task: TaskV1<Options, Input, Output>,
  { options, input = {}, script }: { options: unknown; input?: JsonRecord; script: ReadonlyArray<ScriptedResponse> },
): Promise<{ records: Output[]; context: ScriptedTaskContext<Options> }> {
  const context = createScriptedTaskContext({
    options: task.options.parse(options),
    templates: task.templates,
    script,
  });
  const result = task.run(task.input.parse(input), context);
  const records: Output[] = [];
  if (Symbol.asyncIterator in result) {
    for await (const record of result) records.push(record);
  } else {
    records.push(...(await result));
  }
  return { records: records.map((record) => task.output.parse(record)), context };
}
