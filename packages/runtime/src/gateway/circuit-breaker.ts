/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** How many of the latest call outcomes are looked at. @default 20 */
  readonly window?: number;
  /** The share of failures in a full window that trips the breaker, 0–1. @default 0.5 */
  readonly failureRatio?: number;
}

/**
 * Watches the outcomes of model calls after their retries and trips when most of the recent ones
 * failed: an endpoint that fails everything should stop the run, with what is done kept, instead of
 * turning every remaining record into a reject.
 */
export class CircuitBreaker {
  private readonly outcomes: boolean[];
  private readonly failureRatio: number;
  private next = 0;
  private recorded = 0;
  private failures = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    this.outcomes = new Array<boolean>(options.window ?? 20).fill(true);
    this.failureRatio = options.failureRatio ?? 0.5;
  }

  /** Records one call's outcome; returns true when the breaker trips (a full window, too many failures). */
  record(succeeded: boolean): boolean {
    const previous = this.outcomes[this.next]!;
    if (!previous) this.failures--;
    this.outcomes[this.next] = succeeded;
    if (!succeeded) this.failures++;
    this.next = (this.next + 1) % this.outcomes.length;
    this.recorded = Math.min(this.recorded + 1, this.outcomes.length);
    return !succeeded && this.recorded === this.outcomes.length && this.failures > this.failureRatio * this.outcomes.length;
  }

  /** Failures in the current window, and its size, for messages. */
  describe(): string {
    return `${this.failures} of the last ${this.outcomes.length} model calls failed after their retries`;
  }
}
