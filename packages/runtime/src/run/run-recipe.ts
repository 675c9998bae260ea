import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type JsonRecord, type LanguageModelMiddlewareV1 } from '@synthkit/core';
import type { WarningListener } from '../engine/create-task-context';
import { runPipeline } from '../engine/run-pipeline';
import { RunStatistics } from '../engine/run-statistics';
import type { CircuitBreakerOptions } from '../gateway/circuit-breaker';
import { createModelGateway, type ModelGateway } from '../gateway/model-gateway';
import type { ResponseCache } from '../gateway/response-cache';
import { RunStoppedError } from '../gateway/run-stopped-error';
import { createJsonlWriter } from '../jsonl';
import type { RecipePlan } from '../recipe/recipe-plan';
import { VERSION } from '../version';
import type { RunReport } from './run-report';

/** Names of the files a run writes into its output folder. */
export const runOutputFiles = { data: 'data.jsonl', rejects: 'rejects.jsonl', report: 'run.json' } as const;

/** Options of {@link runRecipe}. */
export interface RunRecipeOptions {
  readonly plan: RecipePlan;
  /**
   * Output folder; created when missing. A folder that already holds a run's files is refused
   * unless `overwrite` is set; the check and a write test happen before any request is sent.
   */
  readonly out: string;
  /** Replace the files of a previous run in `out` (atomically, at the end). @default false */
  readonly overwrite?: boolean;
  /** Where model answers are replayed from and stored. Default: no cache. */
  readonly cache?: ResponseCache;
  /** Replay answers from `cache` (false: send every request again, still store the answers). @default true */
  readonly readCache?: boolean;
  /** Middleware around every model call, inside the statistics and outside the cache. */
  readonly middleware?: ReadonlyArray<LanguageModelMiddlewareV1>;
  /** When the circuit breaker stops the run. Default: more than half of the last 20 calls failed. */
  readonly circuitBreaker?: CircuitBreakerOptions;
  /** Receives the gateway once it exists, e.g. to show what endpoints are doing. */
  readonly onGateway?: (gateway: ModelGateway) => void;
  /** Stop after writing this many records (the rest of the pipeline is cancelled). */
  readonly limit?: number;
  /** Cancels the run. What was written so far is still committed, and `run.json` says `cancelled`. */
  readonly signal?: AbortSignal;
  /** Counters to update; pass your own to show progress. */
  readonly statistics?: RunStatistics;
  readonly onWarning?: WarningListener;
}

/**
 * Runs a plan and writes its output folder: `data.jsonl` (the records out of the last stage),
 * `rejects.jsonl` (every record dropped, with stage and reason) and `run.json` (counts per stage,
 * requests, tokens, wall time, config hash).
 *
 * Nothing is lost on failure: whatever happens, the records produced so far are committed and
 * `run.json` is written with the status and the error.
 */
export async function runRecipe(options: RunRecipeOptions): Promise<RunReport> {
  const { plan, limit } = options;
  if (limit != null && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidArgumentError({ argument: 'limit', message: `limit must be a positive integer, got ${limit}.` });
  }
  const out = resolve(options.out);
  await prepareOutputFolder(out, options.overwrite ?? false);
  const statistics = options.statistics ?? new RunStatistics();
  const startedAt = new Date();
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  options.signal?.addEventListener('abort', forwardAbort, { once: true });

  const data = createJsonlWriter(join(out, runOutputFiles.data));
  const rejects = createJsonlWriter(join(out, runOutputFiles.rejects));
  let status: RunReport['status'] = 'completed';
  let failure: unknown;
  let limitReached = false;
  let closed = false;
  const gateway = createModelGateway({
    statistics,
    signal: controller.signal,
    onStop: (error) => controller.abort(error),
    ...(options.cache == null ? {} : { cache: options.cache }),
    ...(options.readCache == null ? {} : { readCache: options.readCache }),
    ...(options.middleware == null ? {} : { middleware: options.middleware }),
    ...(options.circuitBreaker == null ? {} : { circuitBreaker: options.circuitBreaker }),
  });
  options.onGateway?.(gateway);
  try {
    const records = runPipeline({
      plan,
      signal: controller.signal,
      statistics,
      gateway,
      onReject: async (entry) => {
        if (closed) return;
        statistics.rejects++;
        await rejects.write(entry as unknown as JsonRecord);
      },
      ...(options.onWarning == null ? {} : { onWarning: options.onWarning }),
    });
    for await (const record of records) {
      try {
        await data.write(record);
      } catch (error) {
        // Stop the stages before leaving the loop, so nothing keeps running behind a failed sink.
        controller.abort(error);
        throw error;
      }
      statistics.written++;
      if (limit != null && statistics.written >= limit) {
        limitReached = true;
        controller.abort(new Error('limit reached'));
        break;
      }
    }
    if (options.signal?.aborted) status = 'cancelled';
  } catch (error) {
    failure = error;
    status = options.signal?.aborted && !RunStoppedError.isInstance(error) ? 'cancelled' : 'failed';
  } finally {
    options.signal?.removeEventListener('abort', forwardAbort);
    // Work still in flight after a limit or cancel may finish later; its rejects are not recorded.
    closed = true;
    controller.abort(new Error('run finished'));
  }
  // Both files are committed whatever happened above, and a failure of one does not stop the other.
  const commitErrors = (await Promise.allSettled([data.commit(), rejects.commit()]))
    .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
    .map((result) => (result.reason instanceof Error ? result.reason.message : String(result.reason)));
  const failedRecords = statistics.stages.reduce((sum, stage) => sum + stage.failed, 0);
  if (status === 'completed' && (failedRecords > 0 || commitErrors.length > 0)) status = 'failed';
  const errors = [...(failure == null ? [] : [failure instanceof Error ? failure.message : String(failure)]), ...commitErrors];

  const totals = statistics.totals();
  const report: RunReport = {
    synthkit: VERSION,
    recipe: plan.source ?? null,
    name: plan.name,
    status,
    ...(errors.length === 0 ? {} : { error: errors.join('\n') }),
    configHash: plan.configHash,
    seed: plan.seed,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    wallTimeSeconds: Number(statistics.elapsedSeconds().toFixed(3)),
    limit: limit ?? null,
    limitReached,
    output: {
      directory: out,
      data: runOutputFiles.data,
      records: statistics.written,
      rejects: runOutputFiles.rejects,
      rejected: statistics.rejects,
    },
    stages: statistics.stages.map(({ name, kind, reference, received, completed, emitted, filtered, rejected, failed, cancelled }) => ({
      name,
      kind,
      reference,
      received,
      completed,
      emitted,
      filtered,
      rejected,
      failed,
      cancelled,
    })),
    ...(RunStoppedError.isInstance(failure) ? { stopReason: failure.reason } : {}),
    requests: {
      calls: totals.calls,
      total: totals.requests,
      retries: totals.retries,
      failedCalls: totals.failedCalls,
      cacheHits: totals.cacheHits,
    },
    tokens: {
      input: totals.inputTokens,
      output: totals.outputTokens,
      cachedInput: totals.cachedInputTokens,
      savedByCache: { input: totals.savedInputTokens, output: totals.savedOutputTokens },
    },
    models: Object.fromEntries(
      [...statistics.models].map(([reference, model]) => {
        const { inFlight: _inFlight, ...counts } = model;
        return [reference, counts];
      }),
    ),
    endpoints: gateway.status().map(({ label, ceiling, limit, decreases }) => ({ label, concurrency: ceiling, finalLimit: limit, decreases })),
  };
  await writeFileAtomically(join(out, runOutputFiles.report), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

// --- Internal helpers ---

/**
 * Creates the output folder, refuses one that holds a previous run (unless overwriting), and
 * proves it writable, all before the first request is paid for.
 */
async function prepareOutputFolder(out: string, overwrite: boolean): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'out',
      message: `Cannot use ${out} as the output folder: ${(error as Error).message}. Pass a folder path (it is created when missing).`,
      cause: error,
    });
  }
  if (!overwrite) {
    for (const file of Object.values(runOutputFiles)) {
      if (await exists(join(out, file))) {
        throw new InvalidArgumentError({
          argument: 'out',
          message:
            `${out} already holds a run (${file}). Pass --overwrite to replace it, or choose another --out folder.`,
        });
      }
    }
  }
  const probe = join(out, `.synthkit-write-test-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'out',
      message: `Cannot write to the output folder ${out}: ${(error as Error).message}. Choose a folder you can write to.`,
      cause: error,
    });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temporaryPath = `${path}.${process.pid}.tmp`;
  await writeFile(temporaryPath, content);
  await rename(temporaryPath, path);
}
