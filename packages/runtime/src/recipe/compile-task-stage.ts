import type { TaskV1 } from '@synthkit/core';
import { z } from 'zod';
import { compileModelBindings, endpointFillingConcurrency } from './compile-model-bindings';
import { checkProviderOptions } from './check-provider-options';
import { optionsJsonSchema } from './options-json-schema';
import type { PlannedTaskStage } from './recipe-plan';
import { itemName, type RecipeCompilation } from './recipe-compilation';
import { taskStageSchema } from './recipe-schema';

/**
 * Compiles `- task: namespace:item`: the task and its options, a model for every role it declares
 * (with the recipe's parameters and endpoint settings), template overrides and their placeholders,
 * and that the fields it reads are produced by an earlier stage.
 */
export function compileTaskStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedTaskStage | undefined {
  const stage = compilation.parse(taskStageSchema, value, path);
  const found = stage == null ? undefined : compilation.lookup('tasks', stage.task, [...path, 'task']);
  if (stage != null) checkProviderOptions(compilation, stage.params, [...path, 'params']);
  if (stage == null || found == null) {
    // Its task (and so its roles and output fields) stays unknown: skip the checks that need them.
    compilation.rolesKnown = false;
    compilation.upstreamFieldsKnown = false;
    return undefined;
  }
  const task = found.item as TaskV1;
  const options = compilation.parseOptions(task.options, stage.options, [...path, 'options']);
  const declared = options.valid ? declaredFields(compilation, task, options.value, found.reference, path) : undefined;
  checkInputFields(compilation, task, found.reference, path, index, declared?.reads ?? []);
  const bindings = compileModelBindings(compilation, { kind: 'task', reference: found.reference, declared: task }, stage, path, options);
  // The schema's fields are known whatever the options: later stages are checked against them, with
  // no cascade. Fields the options name are not known when the options are invalid.
  for (const field of [...outputFields(task), ...(declared?.writes ?? [])]) compilation.producedFields.add(field);
  if (task.fields != null && declared == null) compilation.upstreamFieldsKnown = false;
  if (!options.valid) return undefined;
  return {
    kind: 'task',
    index,
    name: stage.name ?? itemName(found.reference),
    reference: found.reference,
    task,
    options: options.value,
    // Enough records in flight to keep the stage's busiest endpoint full on its own.
    concurrency: stage.concurrency ?? compilation.document.concurrency ?? endpointFillingConcurrency(bindings) ?? 1,
    ...bindings,
  };
}

// --- Internal helpers ---

/**
 * The fields the task says a stage with these options reads and writes ({@link TaskV1.fields});
 * undefined after reporting a task whose `fields` throws or returns something else.
 */
function declaredFields(
  compilation: RecipeCompilation,
  task: TaskV1,
  options: unknown,
  reference: string,
  path: ReadonlyArray<PropertyKey>,
): { reads: string[]; writes: string[] } | undefined {
  if (task.fields == null) return { reads: [], writes: [] };
  const declared = compilation.construct(() => task.fields!(options), [...path, 'options']);
  if (declared == null) return undefined;
  const { reads = [], writes = [] } = (declared.value ?? {}) as { reads?: unknown; writes?: unknown };
  const names = (value: unknown) => Array.isArray(value) && value.every((field) => typeof field === 'string');
  if (!names(reads) || !names(writes)) {
    compilation.report(
      [...path, 'task'],
      `task ${reference} is broken: its fields() returned ${JSON.stringify(declared.value)}, not { reads?: string[], writes?: string[] }. This is a bug in the plugin: report it to its authors.`,
    );
    return undefined;
  }
  return { reads: reads as string[], writes: writes as string[] };
}

/** Every field the task requires must come from an earlier stage (not known after a source). */
function checkInputFields(
  compilation: RecipeCompilation,
  task: TaskV1,
  reference: string,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  reads: ReadonlyArray<string>,
): void {
  if (!compilation.upstreamFieldsKnown) return;
  for (const field of new Set([...requiredFields(task.input), ...reads])) {
    if (index === 0) {
      compilation.report(
        [...path, 'task'],
        `${reference} reads the field "${field}", but the first stage receives an empty record. Put a "source" stage (a JSONL seed file) or a generating task before it.`,
      );
    } else {
      const missing = compilation.missingField(field);
      if (missing != null) {
        compilation.report([...path, 'task'], `${reference} reads the field "${field}", but ${missing} Reorder the stages, or add one that produces it.`);
      }
    }
  }
}

function requiredFields(schema: z.ZodType): string[] {
  return (optionsJsonSchema(schema) as { required?: string[] } | null)?.required ?? [];
}

function outputFields(task: TaskV1): string[] {
  try {
    const json = z.toJSONSchema(task.output, { unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
    return Object.keys(json.properties ?? {});
  } catch {
    return [];
  }
}
