import { join, resolve } from 'node:path';
import { InvalidArgumentError, type LanguageModelMiddlewareV1 } from '@synthkit/core';
import type { WarningListener } from '../engine/create-task-context';
import { serializedLine, type PipelineRecord } from '../engine/pipeline-record';
import { runPipeline } from '../engine/run-pipeline';
import { readSourceRecords } from '../engine/read-source-records';
import { RunStatistics } from '../engine/run-statistics';
import type { CircuitBreakerOptions } from '../gateway/circuit-breaker';
import { createModelGateway, type ModelGateway } from '../gateway/model-gateway';
import type { ResponseCache } from '../gateway/response-cache';
import { RunStoppedError } from '../gateway/run-stopped-error';
import type { PlannedSourceStage, RecipePlan } from '../recipe/recipe-plan';
import { VERSION } from '../version';
import { defaultPricesDate } from '../cost/default-prices';
import { PriceTable } from '../cost/price-table';
import { runCost } from '../cost/run-cost';
import { openBatchJobFile } from './batch-job-file';
import { disposeProviders } from './dispose-providers';
import { writeFileDurably } from './run-checkpoint';
import { openRunOutput, runOutputFiles, type OutputMode } from './run-output';
import type { RunReport } from './run-report';


/** Options of {@link runRecipe}. */
export interface RunRecipeOptions {
  readonly plan: RecipePlan;
  /**
   * Output folder; created when missing. A folder that already holds a run's files is refused
   * unless `overwrite` is set; the check and a write test happen before any request is sent.
   */
  readonly out: string;
  /** Delete the files of a previous run in `out` before starting. @default false */
  readonly overwrite?: boolean;
  /**
   * Continue the run in `out` from its checkpoint: files are cut back to the last checkpoint,
   * finished roots are skipped, and the rest is done again with answers replayed from `cache`.
   * The recipe must be the one the run began with (the configuration hash is checked). A folder
   * with no run starts a new one. @default false
   */
  readonly resume?: boolean;
  /** Milliseconds between checkpoints. @default 2000 */
  readonly checkpointIntervalMs?: number;
  /** Stop the run (status `budget-exhausted`) once it has sent this many requests. */
  readonly maxRequests?: number;
  /** Stop the run (status `budget-exhausted`) once it has cost this many US dollars. */
  readonly maxCostUsd?: number;
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
  /**
   * Called with each record once it is written to `data.jsonl`, in the order written; the run
   * waits for what it returns. Used by `stream` to yield records as they come.
   */
  readonly onRecord?: (record: PipelineRecord) => void | PromiseLike<void>;
  readonly onWarning?: WarningListener;
}

/**
 * Runs a plan and writes its output folder: `data.jsonl` (the records out of the last stage),
 * `rejects.jsonl` (every record dropped, with stage and reason) and `run.json` (counts per stage,
 * requests, tokens, wall time, config hash).
 *
 * Nothing is lost on failure: records are appended as they come, a checkpoint
 * (`.synthkit/checkpoint.json`) records every few seconds what is durably written and which roots
 * are finished, and `run.json` is written at the end with the status and the error. After any
 * crash, `resume: true` continues the run so that it ends with exactly the records an
 * uninterrupted run would have written, each once.
 */
export async function runRecipe(options: RunRecipeOptions): Promise<RunReport> {
  const { plan, limit } = options;
  if (limit != null && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidArgumentError({ argument: 'limit', message: `limit must be a positive integer, got ${limit}.` });
  }
  const out = resolve(options.out);
  const statistics = options.statistics ?? new RunStatistics();
  const mode = outputModeOf(options);
  const prices = PriceTable.forRecipe(plan.document);
  // Counted before the output folder is opened (and locked): a malformed seed file fails here.
  const first = plan.stages[0];
  if (first?.kind === 'source') statistics.roots.expected = await countRecords(first);
  const output = await openRunOutput({
    out,
    configHash: plan.configHash,
    mode,
    onRootFinished: () => statistics.roots.finished++,
  });
  statistics.roots.finishedBefore = output.kept.roots;
  // Jobs of batch models: recorded as soon as submitted, collected again (not resubmitted) on resume.
  const batchJobs = await openBatchJobFile(join(out, runOutputFiles.batchJobs), { resume: mode === 'resume' }).catch(async (error: unknown) => {
    await output.close();
    throw error;
  });
  const startedAt = new Date();
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  options.signal?.addEventListener('abort', forwardAbort, { once: true });

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
    budget: {
      ...(options.maxRequests == null ? {} : { maxRequests: options.maxRequests }),
      ...(options.maxCostUsd == null ? {} : { maxCostUsd: options.maxCostUsd }),
    },
    costUsd: () => runCost(statistics, prices).totalUsd,
    batchJobs,
  });
  options.onGateway?.(gateway);
  // A checkpoint every few seconds bounds what a crash can cost: the work of those seconds, which
  // the cache then replays.
  let checkpointFailure: unknown;
  const checkpoints = setInterval(() => {
    output.checkpoint().catch((error: unknown) => {
      checkpointFailure ??= error;
      controller.abort(error);
    });
  }, options.checkpointIntervalMs ?? 2000);
  checkpoints.unref();
  try {
    const records = runPipeline({
      plan,
      signal: controller.signal,
      statistics,
      gateway,
      tracker: output.ledger,
      serialize: true,
      stateDirectory: join(out, runOutputFiles.stages),
      resuming: mode === 'resume',
      onReject: async (entry) => {
        if (closed) return;
        statistics.rejects++;
        await output.writeReject(entry);
      },
      ...(options.onWarning == null ? {} : { onWarning: options.onWarning }),
    });
    for await (const record of records) {
      try {
        await output.writeRecord(record, record[serializedLine] ?? JSON.stringify(record));
      } catch (error) {
        // Stop the stages before leaving the loop, so nothing keeps running behind a failed sink.
        controller.abort(error);
        throw error;
      }
      statistics.written++;
      output.ledger.settled(record);
      await options.onRecord?.(record);
      if (limit != null && statistics.written >= limit) {
        limitReached = true;
        controller.abort(new Error('limit reached'));
        break;
      }
    }
    if (options.signal?.aborted) status = 'cancelled';
  } catch (error) {
    failure = checkpointFailure ?? error;
    status =
      RunStoppedError.isInstance(error) && error.reason === 'budget-exhausted'
        ? 'budget-exhausted'
        : options.signal?.aborted && !RunStoppedError.isInstance(error)
          ? 'cancelled'
          : 'failed';
  } finally {
    clearInterval(checkpoints);
    options.signal?.removeEventListener('abort', forwardAbort);
    // Work still in flight after a limit or cancel may finish later; its rejects are not recorded.
    closed = true;
    controller.abort(new Error('run finished'));
  }
  await disposeProviders(plan, options.onWarning);
  // The last checkpoint: everything written is durable and resumable, whatever happened above.
  const closeError = await output.close().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  const failedRecords = statistics.stages.reduce((sum, stage) => sum + stage.failed, 0);
  if (status === 'completed' && (failedRecords > 0 || closeError != null)) status = 'failed';
  const errors = [...(failure == null ? [] : [failure instanceof Error ? failure.message : String(failure)]), ...(closeError == null ? [] : [closeError])];

  const totals = statistics.totals();
  const cost = runCost(statistics, prices);
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
      records: output.kept.records + statistics.written,
      rejects: runOutputFiles.rejects,
      rejected: output.kept.rejects + statistics.rejects,
    },
    ...(output.kept.sessions === 0
      ? {}
      : {
          resumed: {
            sessions: output.kept.sessions + 1,
            keptRecords: output.kept.records,
            keptRejects: output.kept.rejects,
            finishedRoots: output.kept.roots,
          },
        }),
    stages: statistics.stages.map(({ name, kind, reference, received, completed, skipped, emitted, filtered, rejected, failed, cancelled, report, summary }) => ({
      name,
      kind,
      reference,
      received,
      completed,
      // Only stages with `when:` pass records on untouched.
      ...(skipped > 0 ? { skipped } : {}),
      emitted,
      filtered,
      rejected,
      failed,
      cancelled,
      // What an aggregate filter (dedup, statistics) found.
      ...(report == null ? {} : { report }),
      ...(summary == null ? {} : { summary }),
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
    cost: {
      totalUsd: roundUsd(cost.totalUsd),
      unpriced: cost.unpriced,
      pricesDate: defaultPricesDate,
    },
    models: Object.fromEntries(
      [...statistics.models].map(([reference, model]) => {
        const { inFlight: _inFlight, ...counts } = model;
        const modelCost = cost.byModel[reference];
        return [reference, { ...counts, costUsd: modelCost == null ? null : roundUsd(modelCost) }];
      }),
    ),
    endpoints: gateway.status().map(({ label, ceiling, limit, decreases, batch, priceFactor }) => ({
      label,
      concurrency: ceiling,
      finalLimit: limit,
      decreases,
      ...(batch == null ? {} : { batch: { ...batch, priceFactor: priceFactor ?? null } }),
    })),
  };
  await writeFileDurably(join(out, runOutputFiles.report), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

// --- Internal helpers ---

/** Dollars to the hundredth of a cent: enough for a report, free of float noise. */
function roundUsd(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Records in a seed file, counted before the run so progress and cost can be projected. */
/** Reads the whole source once: a malformed line, or a document that is not text, fails here. */
async function countRecords(source: PlannedSourceStage): Promise<number> {
  let count = 0;
  for await (const _record of readSourceRecords(source)) count++;
  return count;
}

function outputModeOf(options: RunRecipeOptions): OutputMode {
  if (options.resume === true && options.overwrite === true) {
    throw new InvalidArgumentError({ argument: 'resume', message: 'Pass --resume or --overwrite, not both: one continues the run in the folder, the other deletes it.' });
  }
  return options.resume === true ? 'resume' : options.overwrite === true ? 'overwrite' : 'new';
}
