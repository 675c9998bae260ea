/**
 * A fault a real LLM endpoint shows besides HTTP error statuses, which a test server can answer with
 * (from a rule, or injected at random):
 *
 * - `stall`: accepts the request and never answers; the socket stays open until the client gives up
 *   or the server closes. Tests of client timeouts use it.
 * - `reset`: sends the status line, the headers and part of the body (for streams: one or two
 *   events), then resets the connection (the client reads `ECONNRESET` mid-body).
 * - `truncated-stream`: for `stream: true`, sends some events, then ends the response cleanly
 *   without the event carrying `finish_reason`, without usage and without `data: [DONE]`. For a
 *   non-streaming request it behaves like `malformed-json`.
 * - `malformed-json`: HTTP 200, `content-type: application/json`, and a body cut in the middle of
 *   the JSON (inside the answer text).
 * - `html`: HTTP 200, `content-type: text/html`, and a gateway-style HTML error page.
 * - `empty-choices`: HTTP 200 and a valid completion whose `choices` is empty (for streams: events
 *   with empty `choices`, then `data: [DONE]`).
 * - `missing-choices`: HTTP 200 and a valid JSON completion without a `choices` member (for
 *   streams: events without `choices`, then `data: [DONE]`).
 *
 * HTTP error statuses (429, 500, 502, 503...) are not fault kinds: answer them with an
 * `ErrorAnswer` (`errorRule`), or list them as status faults in the server's `faults` option.
 */
export type FaultKind =
  | 'stall'
  | 'reset'
  | 'truncated-stream'
  | 'malformed-json'
  | 'html'
  | 'empty-choices'
  | 'missing-choices';

/** Every {@link FaultKind}, in the order they are documented. */
export const faultKinds: ReadonlyArray<FaultKind> = [
  'stall',
  'reset',
  'truncated-stream',
  'malformed-json',
  'html',
  'empty-choices',
  'missing-choices',
];

/** Whether `value` is one of the {@link faultKinds}. */
export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (faultKinds as ReadonlyArray<string>).includes(value);
}
