import { APICallError, type LanguageModelV1, type LanguageModelV1CallOptions, type LanguageModelV1Result } from '@synthkit/core';
import type { AttemptControls } from './attempt-controls';

/**
 * Sends one attempt to the model, under the endpoint's timeout, and checks that the answer is
 * usable before anything else sees it.
 *
 * The timeout measures silence: it starts when the request is sent and restarts whenever the
 * provider reports activity (`onActivity`: headers arrived, a chunk streamed in). When it runs out,
 * the request is aborted for real (so the server is not left holding a request the client
 * abandoned) and the attempt fails with a retryable `APICallError`. An answer without choices, or
 * with fewer than asked for, or with a choice whose text is not a string, fails the same way.
 */
export async function sendRequest(
  model: LanguageModelV1,
  options: LanguageModelV1CallOptions,
  {
    timeoutMs,
    label,
    attempts,
    linked,
  }: {
    readonly timeoutMs: number;
    readonly label: string;
    /** Where the attempt's signal and silence timer come from. */
    readonly attempts: AttemptControls;
    /** True for a call signal that already aborts with the run: no need to listen to it. */
    readonly linked: (signal: AbortSignal) => boolean;
  },
): Promise<LanguageModelV1Result> {
  const attempt = attempts.start(timeoutMs);
  const outer = options.signal;
  // A signal a middleware passed in (not the gateway's own) must abort this attempt too.
  let forward: (() => void) | undefined;
  if (outer != null && !linked(outer)) {
    forward = () => attempt.abort(outer.reason);
    if (outer.aborted) forward();
    else outer.addEventListener('abort', forward, { once: true });
  }
  try {
    const result = await model.doGenerate({ ...options, signal: attempt.signal, onActivity: attempt.touch });
    checkResult(result, options.params.n ?? 1, label, model);
    return result;
  } catch (error) {
    if (attempt.timedOut && !outer?.aborted) {
      throw new APICallError({
        message: `${label} sent nothing for ${timeoutMs} ms (endpoints.timeout_ms), so the request was abandoned.`,
        ...(model.endpoint == null ? {} : { url: model.endpoint }),
        isRetryable: true,
        cause: error,
      });
    }
    throw error;
  } finally {
    if (forward != null) outer?.removeEventListener('abort', forward);
    attempt.release();
  }
}

// --- Internal helpers ---

function checkResult(result: LanguageModelV1Result, choices: number, label: string, model: LanguageModelV1): void {
  const problem = resultProblem(result, choices);
  if (problem == null) return;
  throw new APICallError({
    message: `${label} returned an answer synthkit cannot use: ${problem}.`,
    ...(model.endpoint == null ? {} : { url: model.endpoint }),
    isRetryable: true,
  });
}

/** What makes an answer unusable (no choices, fewer than asked, a choice without text, no usage), or undefined. */
export function resultProblem(result: LanguageModelV1Result, choices: number): string | undefined {
  if (result == null || typeof result !== 'object') return `the provider returned ${String(result)} instead of a result`;
  if (!Array.isArray(result.choices)) return 'it has no list of choices';
  if (result.choices.length < choices) {
    return `it has ${result.choices.length} choice${result.choices.length === 1 ? '' : 's'}, ${choices} were asked for`;
  }
  const index = result.choices.findIndex((choice) => typeof choice?.text !== 'string');
  if (index >= 0) return `choice ${index} has no text`;
  if (result.usage == null || typeof result.usage !== 'object') return 'it has no usage';
  return undefined;
}
