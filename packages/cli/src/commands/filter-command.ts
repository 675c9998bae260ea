import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { InvalidRecipeError, type JsonRecord, type JsonValue } from '@synthkit/core';
import { compileRecipe, createRegistry, runPipeline, type RejectEntry } from '@synthkit/runtime';
import { RunStatistics } from '@synthkit/runtime/internal';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { mockOverrides } from '../mock-overrides';
import { usageError } from '../usage-error';

/** What `synthkit filter` was asked to do. */
export interface FilterCommandOptions {
  /** The JSONL dataset (gzip too), relative to the working directory. */
  readonly input: string;
  /** The filters and modifiers to apply, in order: `namespace:item` or `namespace:item?option=value&...`. */
  readonly filters: ReadonlyArray<string>;
  /** The field every item reads (and a modifier rewrites). Default: `text`. */
  readonly field?: string;
  /** Where the kept records go. Default: stdout. */
  readonly out?: string;
  /**
   * Where the dropped records go, one `{ stage, reason, record }` per line. Default: beside `out`
   * (`kept.jsonl` → `kept.rejects.jsonl`); with no `out`, not written.
   */
  readonly rejects?: string;
  /**
   * Models of the items that call models (a judge, an embedding filter, semantic dedup):
   * `role=provider:model-id` binds one role, `provider:model-id` every language-model role.
   */
  readonly models?: ReadonlyArray<string>;
  /** Answer every model call with the offline mock provider (`mock:offline`), reward and embedding roles included. */
  readonly mock?: boolean;
  /**
   * Write each kept record's `_id`: its own when the input line has one, else the hash of its
   * content the engine gave it, which a duplicate's reject names in `details.duplicate_of`.
   * Rejected records always carry theirs. Default: false (the input's fields only).
   */
  readonly ids?: boolean;
}

/**
 * `synthkit filter`: applies filters and modifiers to a dataset with no recipe. The kept records
 * (the input's own fields, a modifier's field rewritten) go to `--out` or stdout, the dropped ones
 * beside them with the stage and the reason, and a summary to stderr. Plugins are found as a
 * recipe's are: the installed plugins of the nearest package.json above the working directory. The
 * items run as the filter stages of a recipe would (streaming, checked options), so a spec that
 * does not fit is reported before any record is read.
 */
export async function filterCommand(options: FilterCommandOptions, io: CliIo): Promise<ExitCode> {
  if (options.filters.length === 0) {
    throw usageError('"synthkit filter" needs at least one --filter, e.g. --filter heuristic:word-count?min_words=50.');
  }
  const items = options.filters.map(parseItemSpec);
  const { roles, model } = parseModelOptions(options.models ?? []);
  const loading = mockOverrides(options.mock ?? false, { overrides: model == null ? {} : { model } });
  const registry = await createRegistry({ directory: io.cwd, ...(loading.plugins == null ? {} : { plugins: loading.plugins }) });
  const modifiers = new Set(registry.list('modifiers').map((item) => item.reference));
  const field = options.field ?? 'text';
  const document = {
    name: 'filter',
    ...(Object.keys(roles).length === 0 ? {} : { models: roles }),
    stages: [
      { source: resolve(io.cwd, options.input) },
      ...items.map(({ reference, options: itemOptions }) => ({ [modifiers.has(reference) ? 'modifier' : 'filter']: reference, field, options: itemOptions })),
    ],
  };
  let plan;
  try {
    plan = compileRecipe({ document, registry, directory: io.cwd, ...(loading.overrides == null ? {} : { overrides: loading.overrides }) });
  } catch (error) {
    if (!InvalidRecipeError.isInstance(error)) throw error;
    // The recipe is ours: say where each problem is on the command line instead.
    // The input is given relative to the working directory, not to a recipe.
    const lines = error.issues.map((issue) => `  - ${commandLinePath(issue.path, options)}: ${issue.message.replace(' (paths are relative to the recipe)', '')}`);
    io.stderr.write(`error: synthkit filter cannot run (${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n`);
    return exitCodes.badInput;
  }

  const outPath = options.out == null ? undefined : resolve(io.cwd, options.out);
  const rejectsPath = options.rejects != null ? resolve(io.cwd, options.rejects) : outPath == null ? undefined : outPath.replace(/(\.jsonl)?$/, '.rejects.jsonl');
  // Written under a temporary name and renamed at the end: a failed run leaves no half file.
  const output: NodeJS.WritableStream = outPath == null ? io.stdout : createWriteStream(`${outPath}.partial`);
  const rejectOutput = rejectsPath == null ? undefined : createWriteStream(`${rejectsPath}.partial`);
  const dropped = new Map<string, number>();
  let kept = 0;
  const statistics = new RunStatistics();
  try {
    const records = runPipeline({
      plan,
      statistics,
      ...(io.signal == null ? {} : { signal: io.signal }),
      onReject: (entry: RejectEntry) => {
        dropped.set(entry.stage, (dropped.get(entry.stage) ?? 0) + 1);
        rejectOutput?.write(
          `${JSON.stringify({ stage: entry.stage, kind: entry.kind, reason: entry.reason, ...(entry.details == null ? {} : { details: entry.details }), record: withId(entry.record) })}\n`,
        );
      },
    });
    for await (const record of records) {
      kept++;
      if (!output.write(`${JSON.stringify(options.ids === true ? withId(record) : ownFields(record))}\n`)) await new Promise((done) => output.once('drain', done));
    }
  } catch (error) {
    if (outPath != null) await discard(output, `${outPath}.partial`);
    if (rejectsPath != null && rejectOutput != null) await discard(rejectOutput, `${rejectsPath}.partial`);
    throw error;
  }
  if (outPath != null) {
    output.end();
    await finished(output);
    await rename(`${outPath}.partial`, outPath);
  }
  if (rejectsPath != null && rejectOutput != null) {
    rejectOutput.end();
    await finished(rejectOutput);
    await rename(`${rejectsPath}.partial`, rejectsPath);
  }
  const read = kept + [...dropped.values()].reduce((sum, count) => sum + count, 0);
  const perStage = [...dropped].map(([stage, count]) => `${stage} ${count}`).join(', ');
  io.stderr.write(
    `Kept ${kept} of ${read} records${outPath == null ? '' : ` in ${options.out}`}; dropped ${read - kept}${perStage === '' ? '' : ` (${perStage})`}` +
      `${rejectsPath == null ? '' : `, in ${relative(io.cwd, rejectsPath)}`}.\n`,
  );
  // What aggregate filters (dedup, statistics) found.
  for (const stage of statistics.stages) if (stage.summary != null) io.stderr.write(`${stage.name}: ${stage.summary.replace(/\n/g, '\n  ')}\n`);
  return exitCodes.ok;
}

/**
 * `namespace:item?option=value&...` as a reference and options. A value is read as JSON when it is
 * JSON (`50`, `true`, `["lorem","ipsum"]`), else as text; `%` escapes as in a URL.
 */
export function parseItemSpec(spec: string): { reference: string; options: Record<string, JsonValue> } {
  const [reference = '', query] = spec.split(/\?(.*)/s, 2);
  if (!/^[a-z0-9][\w.-]*:[\w.-]+$/i.test(reference)) {
    throw usageError(`--filter ${JSON.stringify(spec)}: expected namespace:item, optionally followed by ?option=value&..., e.g. heuristic:word-count?min_words=50.`);
  }
  const options: Record<string, JsonValue> = {};
  for (const [key, value] of new URLSearchParams(query ?? '')) {
    if (key in options) throw usageError(`--filter ${JSON.stringify(spec)}: the option ${key} is given twice.`);
    options[key] = readValue(value);
  }
  return { reference, options };
}

// --- Internal helpers ---

/** `--model role=provider:model-id` (one role) and `--model provider:model-id` (every language-model role). */
function parseModelOptions(values: ReadonlyArray<string>): { roles: Record<string, string>; model: string | undefined } {
  const roles: Record<string, string> = {};
  let model: string | undefined;
  for (const value of values) {
    const match = /^([a-z][\w-]*)=(.+)$/.exec(value);
    if (match != null) {
      roles[match[1]!] = match[2]!;
    } else if (/^[\w.-]+:.+$/.test(value)) {
      if (model != null) throw usageError(`--model ${value}: a model for every role is already given (--model ${model}); bind one role with --model role=provider:model-id.`);
      model = value;
    } else {
      throw usageError(`--model ${JSON.stringify(value)}: expected provider:model-id, or role=provider:model-id for one role (e.g. --model embedder=openai:text-embedding-3-small).`);
    }
  }
  return { roles, model };
}

function readValue(value: string): JsonValue {
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}

/** The record as the user wrote it: without the engine's `_id` and `_meta`. */
/** The record's fields and its `_id`, first, without `_meta`. */
function withId(record: JsonRecord): JsonRecord {
  return { _id: record['_id'] ?? null, ...ownFields(record) };
}

function ownFields(record: JsonRecord): JsonRecord {
  const { _id: _identifier, _meta: _metadata, ...fields } = record;
  return fields;
}

/** `stages[2].options.min_words` → `--filter heuristic:word-count?... (option min_words)`. */
function commandLinePath(path: string, options: FilterCommandOptions): string {
  const match = /^stages\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (match == null) return path;
  const index = Number(match[1]);
  if (index === 0) return options.input;
  const where = match[2] == null ? '' : match[2].startsWith('options.') ? ` (option ${match[2].slice('options.'.length)})` : ` (${match[2]})`;
  return `--filter ${options.filters[index - 1]}${where}`;
}

async function discard(stream: NodeJS.WritableStream, path: string): Promise<void> {
  stream.end();
  await finished(stream).catch(() => undefined);
  await rm(path, { force: true });
}
