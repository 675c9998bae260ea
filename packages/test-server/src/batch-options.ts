/** One request of a batch job, as {@link BatchOptions.expire} sees it. */
export interface BatchRequestInfo {
  /** The request's `custom_id`. */
  readonly customId: string;
  /** The job's id, `batch_testkit_<n>`. */
  readonly batchId: string;
  /** The prompt rules see: the last user message of the request's body. */
  readonly prompt: string;
  /** The request's body, as the input file has it. */
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * How the server's Batch API (`POST /v1/batches`) runs jobs. Requests of a job are answered by the
 * server's `rules` (an `errorRule` fails a request with its status; a fault rule fails it with 500)
 * once the job completes.
 */
export interface BatchOptions {
  /**
   * Milliseconds from a job's creation until it is complete: until then `GET /v1/batches/{id}`
   * says `in_progress`. Default: 0 (complete at the first look).
   */
  readonly completionDelayMs?: number;
  /**
   * Requests to leave unanswered, as a job past its 24 h window does: they go to the error file
   * with code `batch_expired` and the job ends with status `expired`. Called once per request,
   * when its job completes. Default: none expire.
   */
  readonly expire?: (request: BatchRequestInfo) => boolean;
}
