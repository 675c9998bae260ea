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
   */
  readonly status: 'completed' | 'failed' | 'cancelled';
  readonly error?: string;
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
    readonly records: number;
    readonly rejects: string;
    readonly rejected: number;
  };
  readonly stages: ReadonlyArray<{
    readonly name: string;
    readonly kind: string;
    readonly reference: string;
    readonly received: number;
    readonly emitted: number;
    readonly filtered: number;
    readonly rejected: number;
    readonly failed: number;
    /** Records in flight when the run was cancelled or hit its limit. */
    readonly cancelled: number;
  }>;
  readonly requests: { readonly total: number; readonly failed: number };
  readonly tokens: { readonly input: number; readonly output: number };
  /** Per `provider:modelId`. */
  readonly models: Readonly<
    Record<string, { readonly requests: number; readonly failed: number; readonly inputTokens: number; readonly outputTokens: number }>
  >;
}
