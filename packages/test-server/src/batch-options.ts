import type { ErrorAnswer } from './answer-rule';

/** One request of a batch job, as {@link BatchOptions.expire} sees it. */
export interface BatchRequestInfo {
  /** The request's `custom_id`. */
  readonly customId: string;
  /** The job's id: `batch_testkit_<n>` (OpenAI server), `msgbatch_testkit_<n>` (Anthropic server). */
  readonly batchId: string;
  /** The prompt rules see: the last user message of the request's body. */
  readonly prompt: string;
  /** The request's body as submitted: a line's `body` in the input file (OpenAI), a request's `params` (Anthropic). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A job submission, as {@link BatchOptions.refuse} sees it. */
export interface BatchSubmissionInfo {
  /** Its requests, in order (the job has no id yet). */
  readonly requests: ReadonlyArray<Omit<BatchRequestInfo, 'batchId'>>;
}

/**
 * How the servers' batch APIs run jobs: OpenAI's Batch API (`POST /v1/batches`) and Anthropic's
 * Message Batches (`POST /v1/messages/batches`), which share one job lifecycle. Requests of a job
 * are answered by the server's `rules` once the job ends, as online requests would be (an
 * `errorRule` fails a request with its status and error type; a fault rule fails it with a 500).
 */
export interface BatchOptions {
  /**
   * Milliseconds from a job's creation until it is complete: until then it is in progress
   * (`in_progress` on both APIs). Default: 0 (complete at the first look).
   */
  readonly completionDelayMs?: number;
  /**
   * Milliseconds from a cancel until the job ends: until then it says `cancelling` (OpenAI) or
   * `canceling` (Anthropic), as both APIs do while in-flight requests finish. Default: 0 (the cancel's
   * own answer says so; the job has ended at the next look).
   */
  readonly cancelDelayMs?: number;
  /**
   * Requests to leave unanswered, as a job past its 24 h window does: OpenAI's error file gets them
   * with code `batch_expired` (the job ends `expired`), Anthropic's results with `type: "expired"`.
   * Called once per request, when its job ends. Default: none expire.
   */
  readonly expire?: (request: BatchRequestInfo) => boolean;
  /**
   * Refuses a submission the way the APIs refuse one over a limit: an `ErrorAnswer` returned is sent
   * instead of creating the job, in the server's error format (e.g. `{ status: 429, message: 'Too
   * many batch requests in the queue.', headers: { 'retry-after': '30' } }`); `undefined` accepts it.
   * Called for each submission that is otherwise valid. Default: every valid submission is accepted.
   */
  readonly refuse?: (submission: BatchSubmissionInfo) => ErrorAnswer | undefined;
}
