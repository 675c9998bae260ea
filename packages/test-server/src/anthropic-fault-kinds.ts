import type { FaultSpec } from './fault-injection-options';
import type { FaultKind } from './fault-kind';
import { gatewayErrorPage } from './internal/gateway-error-page';

/**
 * The fault kinds the Anthropic test server plays, in Anthropic's wire format: `stall`, `reset`
 * (status, headers and half the body, or the first events of a stream, then a TCP reset),
 * `truncated-stream` (events up to the middle of the answer, then a clean end without
 * `content_block_stop`, `message_delta` and `message_stop`; like `malformed-json` without
 * streaming), `malformed-json` and `html`. `empty-choices` and `missing-choices` are about OpenAI's
 * `choices`: the Anthropic server refuses them in its `faults` option and answers a rule that
 * returns them with HTTP 500.
 */
export const anthropicFaultKinds: ReadonlyArray<FaultKind> = ['stall', 'reset', 'truncated-stream', 'malformed-json', 'html'];

/**
 * The default `kinds` of the Anthropic server's `faults` option: every one of
 * {@link anthropicFaultKinds}, then 429 `rate_limit_error` with `retry-after: 0` and without it
 * (clients fall back to their own backoff), 500 `api_error`, 502 with a gateway's HTML page as its
 * body, and 529 `overloaded_error`, Anthropic's answer when it is overloaded.
 */
export const defaultAnthropicFaultSpecs: ReadonlyArray<FaultSpec> = [
  ...anthropicFaultKinds,
  { status: 429, headers: { 'retry-after': '0' } },
  { status: 429 },
  { status: 500 },
  { status: 502, body: gatewayErrorPage(502) },
  { status: 529 },
];
