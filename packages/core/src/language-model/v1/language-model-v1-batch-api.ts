import type { LanguageModelV1Request, LanguageModelV1Result } from './language-model-v1';

/**
 * A provider's batch API for one model (OpenAI Batch, Anthropic Message Batches): many requests
 * sent as one job, answered within hours at a discount. A model that offers one exposes it as
 * `LanguageModelV1.batch`; the engine collects calls into jobs, submits them, polls them and hands
 * each answer back to the call that asked for it, so it needs no knowledge of the provider.
 *
 * Only the engine calls these methods. Every job is named by a plain {@link LanguageModelV1BatchJob}
 * that the engine persists, so a run killed while jobs are pending polls them again when resumed.
 */
export interface LanguageModelV1BatchApi {
  readonly specificationVersion: 'v1';
  /**
   * What a batched request costs relative to the same request sent online, e.g. `0.5` for OpenAI's
   * and Anthropic's 50% batch discount. The engine multiplies the model's prices by it.
   */
  readonly priceFactor: number;
  /** Most requests one job may hold (OpenAI: 50 000; Anthropic: 100 000). */
  readonly maxRequestsPerJob: number;
  /**
   * Creates one job holding `requests` and returns its handle once the provider accepted it.
   * Custom ids are unique within a call and match `^[A-Za-z0-9_-]{1,64}$` (what both OpenAI and
   * Anthropic accept).
   *
   * @throws APICallError when the provider refused the job or could not be reached.
   */
  doSubmit(
    requests: ReadonlyArray<LanguageModelV1BatchRequest>,
    options?: LanguageModelV1BatchCallOptions,
  ): PromiseLike<LanguageModelV1BatchJob>;
  /** Where the job is. @throws APICallError when the provider could not be asked. */
  doPoll(job: LanguageModelV1BatchJob, options?: LanguageModelV1BatchCallOptions): PromiseLike<LanguageModelV1BatchStatus>;
  /**
   * The outcome of every request of a job whose status is `ended`: an answer or an error per
   * custom id. A custom id the list leaves out counts as expired.
   *
   * @throws APICallError when the results could not be fetched.
   */
  doResults(
    job: LanguageModelV1BatchJob,
    options?: LanguageModelV1BatchCallOptions,
  ): PromiseLike<ReadonlyArray<LanguageModelV1BatchEntry>>;
  /** Asks the provider to stop the job; requests not done yet end as `canceled`. */
  doCancel(job: LanguageModelV1BatchJob, options?: LanguageModelV1BatchCallOptions): PromiseLike<void>;
}

/** How a batch API call is carried out. */
export interface LanguageModelV1BatchCallOptions {
  /** Aborts the HTTP request; providers must pass it to their client. */
  readonly signal?: AbortSignal;
}

/** One request of a job: what a `doGenerate` call would have been asked, under a custom id. */
export interface LanguageModelV1BatchRequest {
  /** The engine's id of the request, unique within the job; results are matched to it. */
  readonly customId: string;
  readonly request: LanguageModelV1Request;
}

/**
 * A submitted job as the engine stores it (JSON): the provider's id of the job is enough for both
 * OpenAI (`batch_...`) and Anthropic (`msgbatch_...`) to find it again.
 */
export interface LanguageModelV1BatchJob {
  readonly id: string;
}

/** Where a job is, as `doPoll` reports it. */
export interface LanguageModelV1BatchStatus {
  /**
   * - `in-progress`: accepted and not done (validating, running, finalizing, cancelling);
   * - `ended`: done, and `doResults` gives every request's outcome (also after an expiry or a
   *   cancel: the requests not done end as `expired` or `canceled`);
   * - `failed`: the provider refused the job as a whole (e.g. its input failed validation); no
   *   request was answered, and `message` says why.
   */
  readonly state: 'in-progress' | 'ended' | 'failed';
  /** Requests by outcome so far, when the provider says. */
  readonly counts?: {
    readonly total?: number;
    readonly succeeded?: number;
    readonly failed?: number;
  };
  /** When the provider gives up on the job, as an ISO 8601 time, when it says. */
  readonly expiresAt?: string;
  /** Why a `failed` job was refused. */
  readonly message?: string;
}

/** The outcome of one request of an ended job. */
export type LanguageModelV1BatchEntry =
  | { readonly customId: string; readonly result: LanguageModelV1Result; readonly error?: undefined }
  | { readonly customId: string; readonly error: LanguageModelV1BatchError; readonly result?: undefined };

/** Why a request of a job has no answer. */
export interface LanguageModelV1BatchError {
  /**
   * - `failed`: the request was answered with an error (its `statusCode` when there was one);
   * - `expired`: the job ended before the request was done;
   * - `canceled`: the job was cancelled before the request was done.
   */
  readonly reason: 'failed' | 'expired' | 'canceled';
  readonly message: string;
  /** HTTP status of the request's error answer, when there was one. */
  readonly statusCode?: number;
  /**
   * Whether sending the request again may succeed: true for expired and canceled requests, 408,
   * 409, 429 and 5xx; false for a request the provider refuses as it is (400).
   */
  readonly retryable: boolean;
}
