import { APICallError, SynthkitError } from '@synthkit/core';

const name = 'SYNTHKIT_ModelCallError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A model call that did not produce a usable answer: it failed after every retry, or its answer
 * was refused by a finish-reason policy (`on_length`, `on_content_filter`). The message names the
 * model, and the cause (usually an `APICallError`) the URL, status and what was wrong.
 */
export class ModelCallError extends SynthkitError {
  private readonly [symbol] = true;

  /** `provider:modelId` as the recipe names it. */
  readonly model: string;
  /** Requests sent for the call, the last included. */
  readonly attempts: number;
  /**
   * - `failed`: no usable answer after the retries (or a non-retryable error);
   * - `refused`: an answer came, but the recipe's finish-reason policy rejects it.
   */
  readonly kind: 'failed' | 'refused';
  /** HTTP status of the last answer, when there was one. */
  readonly statusCode: number | undefined;

  constructor({
    model,
    attempts,
    kind,
    message,
    cause,
  }: {
    model: string;
    attempts: number;
    kind: 'failed' | 'refused';
    message: string;
    cause?: unknown;
  }) {
    super({ name, message: `${model}: ${message}`, cause });
    this.model = model;
    this.attempts = attempts;
    this.kind = kind;
    this.statusCode = APICallError.isInstance(cause) ? cause.statusCode : undefined;
  }

  static override isInstance(error: unknown): error is ModelCallError {
    return SynthkitError.hasMarker(error, marker);
  }
}
