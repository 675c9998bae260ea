import type { StageV1 } from '@synthkit/core';
import { serializedLine } from '../engine/pipeline-record';
import type { ResponseCache } from '../gateway/response-cache';
import { openResponseCache } from '../gateway/response-cache';
import { runRecipe, type RunRecipeOptions } from '../run/run-recipe';
import type { RunReport } from '../run/run-report';
import { compilePipeline, type PipelineDefinition, type PipelineRecordOf } from './compile-pipeline';

/** How a pipeline written in code runs: the options of `synthkit run`. */
export interface PipelineRunOptions
  extends Pick<RunRecipeOptions, 'overwrite' | 'resume' | 'limit' | 'maxCostUsd' | 'maxRequests' | 'signal' | 'statistics' | 'middleware' | 'onWarning' | 'readCache'> {
  /** The output folder: `data.jsonl`, `rejects.jsonl`, `run.json`, and what `resume` needs. */
  readonly out: string;
  /**
   * The response cache: an opened one, the folder of one, or false for none. Default: false (a
   * program decides where its cache lives; the CLI uses `defaultCacheDirectory()`).
   */
  readonly cache?: ResponseCache | string | false;
}

/**
 * Runs a pipeline written in code, as `synthkit run` runs a recipe: the same engine, output folder,
 * resume, cache, budgets and limit.
 *
 * ```ts
 * import { run } from '@synthkit/runtime';
 * import { openai } from '@synthkit/provider-openai';
 * import { macroTopics, subtopics } from '@synthkit/tasks-nemotron';
 *
 * const report = await run({
 *   models: { default: openai('gpt-4o-mini') },
 *   stages: [macroTopics({ n_macro_topics: 5 }), subtopics({ n_subtopics: 3 })],
 *   out: 'out/topics',
 * });
 * ```
 *
 * @throws InvalidRecipeError (every problem, before any request) and what `runRecipe` throws.
 */
export async function run<const Stages extends ReadonlyArray<StageV1>>(options: PipelineDefinition<Stages> & PipelineRunOptions): Promise<RunReport> {
  return runWith(options, {});
}

/**
 * Runs a pipeline written in code and yields each record as soon as it is written to the output
 * folder, typed from the stages (every field they add, with `_id` and `_meta`). Stopping the
 * iteration (`break`) cancels the run; the folder then holds what was written, and `resume` continues.
 *
 * ```ts
 * for await (const record of stream({ models, stages: [macroTopics({ n_macro_topics: 5 })], out: 'out/topics' })) {
 *   console.log(record.macro_topic);
 * }
 * ```
 */
export async function* stream<const Stages extends ReadonlyArray<StageV1>>(
  options: PipelineDefinition<Stages> & PipelineRunOptions,
): AsyncGenerator<PipelineRecordOf<Stages>, RunReport, undefined> {
  const queue: Array<{ readonly record: PipelineRecordOf<Stages>; readonly release: () => void }> = [];
  let wake: (() => void) | undefined;
  const stopped = new AbortController();
  const signal = options.signal == null ? stopped.signal : AbortSignal.any([options.signal, stopped.signal]);
  let finished = false;
  const stop = () => stopped.abort(new Error('the consumer stopped reading the stream'));
  const running = runWith({ ...options, signal }, {
    // Holds the run until the consumer has taken the record: memory stays bounded by one record.
    onRecord: (record) =>
      // Once the consumer is gone, records still written on the way out are not held.
      stopped.signal.aborted
        ? undefined
        : new Promise<void>((release) => {
            // Without the line the writer kept on it: the record as data.jsonl has it.
            const { [serializedLine]: _line, ...written } = record;
            queue.push({ record: written as unknown as PipelineRecordOf<Stages>, release });
            wake?.();
          }),
  }).finally(() => {
    finished = true;
    wake?.();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        let taken = false;
        try {
          yield next.record;
          taken = true;
        } finally {
          // The consumer stopped (break, return, throw): stop the run before letting it go on.
          if (!taken) stop();
          next.release();
        }
        continue;
      }
      if (finished) return await running;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    if (!finished) {
      stop();
      for (const waiting of queue.splice(0)) waiting.release();
      await running.catch(() => undefined);
    }
  }
}

// --- Internal helpers ---

async function runWith(options: PipelineDefinition & PipelineRunOptions, extra: Pick<RunRecipeOptions, 'onRecord'>): Promise<RunReport> {
  const { plan } = await compilePipeline(options);
  const cache = typeof options.cache === 'string' ? await openResponseCache(options.cache) : options.cache === false ? undefined : options.cache;
  try {
    return await runRecipe({
      plan,
      out: options.out,
      ...pick(options, ['overwrite', 'resume', 'limit', 'maxCostUsd', 'maxRequests', 'signal', 'statistics', 'middleware', 'onWarning', 'readCache']),
      ...(cache == null ? {} : { cache }),
      ...extra,
    });
  } finally {
    if (typeof options.cache === 'string') await cache?.close();
  }
}

function pick<Value extends object, Key extends keyof Value>(value: Value, keys: ReadonlyArray<Key>): Partial<Pick<Value, Key>> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])) as Partial<Pick<Value, Key>>;
}
