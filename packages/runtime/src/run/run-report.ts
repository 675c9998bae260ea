import type { JsonRecord } from '@synthkit/core';
import type { BatchStatus } from '../gateway/batch-queue';
import type { ModelStatistics } from '../engine/run-statistics';

/** The contents of `run.json`: what a run did, for people and for tooling. */
export interface RunReport {
  /** Version of @synthkit/runtime that ran it. */
  readonly synthkit: string;
  /** Absolute path of the recipe file, or null for recipes built in code. */
  readonly recipe: string | null;
  readonly name: string;
  /**
   * - `completed`: every record went through (some may have been filtered or rejected on purpose);
   * - `failed`: some records failed (see `rejects.jsonl`, kind `failed`) or the run itself threw;
   * - `cancelled`: stopped by a signal (Ctrl-C). What was produced until then is in `data.jsonl`.
   * - `budget-exhausted`: `--max-cost` or `--max-requests` was reached; what was done is kept, and
   *   `--resume` with a higher limit continues.
   */
  readonly status: 'completed' | 'failed' | 'cancelled' | 'budget-exhausted';
  readonly error?: string;
  /** Set when the engine stopped the run on purpose (a fatal error, the circuit breaker). */
  readonly stopReason?: 'fatal-error' | 'circuit-breaker' | 'budget-exhausted';
  /** sha256 of the recipe and command-line overrides. */
  readonly configHash: string;
  readonly seed: number;
  /** ISO 8601 timestamps. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallTimeSeconds: number;
  readonly limit: number | null;
  readonly limitReached: boolean;
  readonly output: {
    readonly directory: string;
    readonly data: string;
    /** Records in `data.jsonl`, earlier sessions' included. */
    readonly records: number;
    readonly rejects: string;
    /** Entries in `rejects.jsonl`, earlier sessions' included. */
    readonly rejected: number;
  };
  /**
   * Set when this session resumed an earlier one: what the folder already held. The stage,
   * request and token counts of this report are this session's; `output` counts both.
   */
  readonly resumed?: {
    readonly sessions: number;
    readonly keptRecords: number;
    readonly keptRejects: number;
    readonly finishedRoots: number;
  };
  readonly stages: ReadonlyArray<{
    readonly name: string;
    readonly kind: string;
    readonly reference: string;
    readonly received: number;
    /** Received records processed successfully: `received = completed + filtered + rejected + failed + cancelled`. */
    readonly completed: number;
    /** Of `completed`, the records the stage's `when:` passed on untouched; absent when none. */
    readonly skipped?: number;
    /** Records passed on to the next stage (a task may make several per input, or none). */
    readonly emitted: number;
    readonly filtered: number;
    readonly rejected: number;
    readonly failed: number;
    /** Records in flight when the run was cancelled or hit its limit. */
    readonly cancelled: number;
    /** What an aggregate filter (dedup, statistics) found: its `report()`. Absent for other stages. */
    readonly report?: JsonRecord;
    /** Its `summary()`: the lines the command line prints at the end of the run. */
    readonly summary?: string;
  }>;
  readonly requests: {
    /** Model calls made by tasks and filters. */
    readonly calls: number;
    /** Requests sent to endpoints, retries included. */
    readonly total: number;
    readonly retries: number;
    /** Calls that ended without a usable answer. */
    readonly failedCalls: number;
    /** Calls answered from the response cache. */
    readonly cacheHits: number;
  };
  /** Tokens paid for (answers received from endpoints), and the tokens of the answers the cache replayed. */
  readonly tokens: {
    readonly input: number;
    readonly output: number;
    readonly cachedInput: number;
    readonly savedByCache: { readonly input: number; readonly output: number };
  };
  /**
   * What the tokens paid for cost, from the price table (the recipe's `prices:` over the built-in
   * defaults of `pricesDate`). Models in `unpriced` have no price: their cost is not included.
   */
  readonly cost: { readonly totalUsd: number; readonly unpriced: ReadonlyArray<string>; readonly pricesDate: string };
  /** Per `provider:modelId`: the counters of {@link ModelStatistics} at the end, and the model's cost (null: no price). */
  readonly models: Readonly<Record<string, Omit<ModelStatistics, 'inFlight'> & { readonly costUsd: number | null }>>;
  /**
   * Per endpoint: its configured window, the adaptive limit it ended at, and how often it shrank;
   * for a batch endpoint (`batch: true`), its jobs (submitted, collected again after a resume, in
   * progress, ended), its requests (submitted, resubmitted, failed for good) and the price factor of
   * its answers (0.5: half price).
   */
  readonly endpoints: ReadonlyArray<{
    readonly label: string;
    readonly concurrency: number;
    readonly finalLimit: number;
    readonly decreases: number;
    readonly batch?: BatchStatus & { readonly priceFactor: number | null };
  }>;
}
