import type { JsonRecord } from '@synthkit/core';

/**
 * Counters of one stage. Every record a stage receives ends in exactly one of `completed`,
 * `filtered`, `rejected`, `failed` and `cancelled`, so
 * `received = completed + filtered + rejected + failed + cancelled` always holds once the stage is
 * idle. `emitted` counts the records passed on, which a task may make many (or none) of per input.
 */
export interface StageStatistics {
  readonly name: string;
  readonly kind: 'source' | 'task' | 'filter' | 'modifier' | 'fields';
  /** `namespace:name` of the item, or the seed file for sources. */
  readonly reference: string;
  /** Records received from the previous stage (for sources: records read). */
  received: number;
  /** Received records the stage processed successfully (a filter: kept). */
  completed: number;
  /** Of `completed`, the records the stage's `when:` passed on untouched. */
  skipped: number;
  /** Records passed on to the next stage. */
  emitted: number;
  /** Records a filter dropped. */
  filtered: number;
  /**
   * Records a task dropped on purpose (`ctx.reject`, e.g. tolerated conversion failures), or whose
   * answer a finish-reason policy refused.
   */
  rejected: number;
  /** Records whose processing threw (model error, invalid input or output). */
  failed: number;
  /** Records in flight when the run was cancelled or reached its limit: neither kept nor rejected. */
  cancelled: number;
  /** Records being processed right now (for an aggregate filter: records it holds until its input ends). */
  active: number;
  /** What an aggregate filter (dedup, statistics) found, from its `report()`: written under the stage in `run.json`. */
  report?: JsonRecord;
  /** Its `summary()`: a few lines for the terminal. */
  summary?: string;
}

/** Counters of one model (`provider:modelId` as the recipe names it). */
export interface ModelStatistics {
  /** Model calls made by tasks and filters (a split `n` counts once per part). */
  calls: number;
  /** Calls answered from the response cache: no request sent. */
  cacheHits: number;
  /** Requests sent to the endpoint, retries included. */
  requests: number;
  /** Requests beyond the first of their call. */
  retries: number;
  /** Calls that ended without a usable answer (after their retries, or refused by a finish-reason policy). */
  failedCalls: number;
  /** Requests open at the endpoint right now. */
  inFlight: number;
  /** Tokens of the answers received from the endpoint (cache hits not included); unknown counts are left out. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Tokens the cache saved: the usage of the answers it replayed. */
  savedInputTokens: number;
  savedOutputTokens: number;
  /** Answers cut off at `max_tokens`, and answers stopped by a content filter. */
  truncated: number;
  contentFiltered: number;
  /**
   * Answers that did not fit the requested response format (JSON, a schema) and were sent back
   * once to be fixed, and of those, answers still unusable after it (their records were rejected).
   */
  formatRepairs: number;
  formatFailures: number;
  /**
   * Of the tokens above, those of answers that came from a batch job (`batch: true`): priced at the
   * provider's batch discount.
   */
  batchInputTokens: number;
  batchOutputTokens: number;
  batchCachedInputTokens: number;
}

/**
 * Live counters of a run: per stage, per model, and totals. The engine updates them; progress
 * displays read them; `run.json` is written from them.
 */
export class RunStatistics {
  readonly stages: StageStatistics[] = [];
  readonly models = new Map<string, ModelStatistics>();
  /**
   * The price factor of each model called through its provider's batch API (0.5: half price), by
   * model reference; its `batch*Tokens` are priced with it.
   */
  readonly batchPriceFactors = new Map<string, number>();
  /** Records written to the dataset. */
  written = 0;
  /** Entries written to the rejects file (counted by `runRecipe`, which writes them). */
  rejects = 0;
  /**
   * Roots (records of the first producing stage): how many the run will have, when known (the seed
   * file's records, or what the first task emitted), how many earlier sessions finished, and how
   * many this session finished. Progress and cost projections are made from them.
   */
  readonly roots: { expected: number | undefined; finishedBefore: number; finished: number } = {
    expected: undefined,
    finishedBefore: 0,
    finished: 0,
  };
  /** `performance.now()` when the run started, in milliseconds. */
  readonly startedAt = performance.now();

  addStage(stage: Pick<StageStatistics, 'name' | 'kind' | 'reference'>): StageStatistics {
    const entry: StageStatistics = { ...stage, received: 0, completed: 0, skipped: 0, emitted: 0, filtered: 0, rejected: 0, failed: 0, cancelled: 0, active: 0 };
    this.stages.push(entry);
    return entry;
  }

  model(reference: string): ModelStatistics {
    let entry = this.models.get(reference);
    if (entry == null) {
      entry = emptyModelStatistics();
      this.models.set(reference, entry);
    }
    return entry;
  }

  /** Totals over every model. */
  totals(): ModelStatistics {
    const total = emptyModelStatistics();
    for (const model of this.models.values()) {
      for (const key of Object.keys(total) as Array<keyof ModelStatistics>) total[key] += model[key];
    }
    return total;
  }

  /** Seconds since the run started. */
  elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}

// --- Internal helpers ---

function emptyModelStatistics(): ModelStatistics {
  return {
    calls: 0,
    cacheHits: 0,
    requests: 0,
    retries: 0,
    failedCalls: 0,
    inFlight: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    savedInputTokens: 0,
    savedOutputTokens: 0,
    truncated: 0,
    contentFiltered: 0,
    formatRepairs: 0,
    formatFailures: 0,
    batchInputTokens: 0,
    batchOutputTokens: 0,
    batchCachedInputTokens: 0,
  };
}
