/** One HTTP request the test server received, recorded in arrival order. */
export interface RecordedRequest {
  /** HTTP method, upper-case (`POST`, `GET`). */
  readonly method: string;
  /** The request path without the query string, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Request headers with lower-cased names. Repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; `undefined` when there was no body or it was not valid JSON. */
  readonly body: unknown;
  /**
   * The prompt text rules saw (the last user message, or the completion prompt); `undefined` for
   * requests that have none, such as `GET /v1/models`, embeddings (their texts are in `body.input`)
   * or a malformed body.
   */
  readonly prompt: string | undefined;
  /** When the server read the request: milliseconds on `performance.now()`'s clock (this process's). */
  readonly receivedAtMs: number;
  /**
   * When the server finished writing the answer, on the same clock; absent while the request is in
   * flight, or when the client went away first. Orders requests in time: a stage that streams sends
   * its first request before the previous stage's last answer.
   */
  readonly answeredAtMs?: number;
}
