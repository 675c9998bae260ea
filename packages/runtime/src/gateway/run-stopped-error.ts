import { SynthkitError } from '@synthkit/core';

const name = 'SYNTHKIT_RunStoppedError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/** Why the engine stopped a run before its end, keeping everything already done. */
export type RunStopReason =
  /** An error no retry can fix: the key is rejected (401/403), the model does not exist (404), the endpoint cannot be reached. */
  | 'fatal-error'
  /** Most of the recent calls failed after their retries. */
  | 'circuit-breaker'
  /** `--max-cost` or `--max-requests` was reached. */
  | 'budget-exhausted';

/**
 * The engine stopped the run on purpose. The message is meant for the user as it is: what happened,
 * on which endpoint, and what to do about it.
 */
export class RunStoppedError extends SynthkitError {
  private readonly [symbol] = true;

  readonly reason: RunStopReason;

  constructor({ reason, message, cause }: { reason: RunStopReason; message: string; cause?: unknown }) {
    super({ name, message, cause });
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is RunStoppedError {
    return SynthkitError.hasMarker(error, marker);
  }
}
