import { PrioritySemaphore } from './priority-semaphore';

/** Answers seen before latency may shrink the window: the averages need them to settle. */
const latencyWarmUp = 20;

/** Two decreases are at least this far apart, in milliseconds, even before any latency is known. */
const minimumDecreaseIntervalMs = 250;

/** Options of {@link AdaptiveRequestWindow}. */
export interface AdaptiveRequestWindowOptions {
  /** The ceiling: requests open at once never exceed it. */
  readonly ceiling: number;
  /** The floor the window never shrinks below. */
  readonly floor: number;
  /** When false the window stays at the ceiling. */
  readonly adaptive: boolean;
}

/**
 * The request window of one endpoint: at most `limit` requests are open at once, and requests
 * waiting for a slot are served highest priority first (the engine passes the stage depth, so
 * records close to the end of the pipeline finish first), in arrival order within a priority.
 *
 * The limit adapts between floor and ceiling (AIMD, as TCP does): it halves when the endpoint says
 * it is overloaded (429, 503, 529), drops by a tenth when latency climbs to three times its usual
 * level (the server is queueing), and grows by about one slot per window's worth of successes. A
 * decrease happens at most once per typical request duration, so one burst of 429s from requests
 * sent together counts once (and at least 250 ms apart, for the first answers of a run). The
 * ceiling is never exceeded: shrinking only stops new requests from starting.
 *
 * Waiting and the priority order are {@link PrioritySemaphore}'s; this class adds the adaptive limit.
 */
export class AdaptiveRequestWindow {
  private readonly queue: PrioritySemaphore;
  private readonly options: AdaptiveRequestWindowOptions;
  /** The current limit as a real number; the queue gets its floor. */
  private current: number;
  /** Smoothed attempt latency in ms (EWMA), and the lowest it has been: the endpoint's usual speed. */
  private latencyAverage: number | undefined;
  private latencyBaseline: number | undefined;
  /** Latencies seen so far; no latency decision is made before {@link latencyWarmUp} of them. */
  private latencySamples = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  /** Times the window shrank, for the run report. */
  decreases = 0;

  constructor(options: AdaptiveRequestWindowOptions) {
    this.options = options;
    this.current = options.ceiling;
    this.queue = new PrioritySemaphore(options.ceiling);
  }

  /** The current limit: requests allowed open at once right now. */
  get limit(): number {
    return this.queue.limit;
  }

  /** Requests open right now. */
  get active(): number {
    return this.queue.active;
  }

  /** Requests waiting for a slot right now. */
  get waiting(): number {
    return this.queue.waiting;
  }

  /**
   * Runs `request` once a slot is free, holding the slot until it settles. Rejects with the
   * signal's reason when it aborts before the request starts.
   */
  run<Result>(request: () => PromiseLike<Result>, priority: number, signal: AbortSignal): Promise<Result> {
    return this.queue.run(request, priority, signal);
  }

  /** Reports a successful attempt and how long it took (slot held), in milliseconds. */
  succeeded(latencyMs: number): void {
    if (!this.options.adaptive) return;
    this.observeLatency(latencyMs);
    if (this.latencyAverage != null && this.latencyBaseline != null && this.latencyAverage > 3 * this.latencyBaseline) {
      this.decrease(0.9);
      return;
    }
    if (this.current < this.options.ceiling) this.setLimit(this.current + 1 / this.current);
  }

  /** Reports an answer that says the endpoint is overloaded (429, 503, 529). */
  overloaded(): void {
    if (this.options.adaptive) this.decrease(0.5);
  }

  // --- Internal helpers ---

  private observeLatency(latencyMs: number): void {
    this.latencySamples++;
    this.latencyAverage = this.latencyAverage == null ? latencyMs : this.latencyAverage + 0.05 * (latencyMs - this.latencyAverage);
    // The baseline is a much slower average, set once enough answers were seen: it tracks the
    // endpoint's usual speed (even as answers get longer over a run) and, unlike the lowest average
    // seen, is not dragged down by a lucky streak, so heavy-tailed latencies raise no false alarm.
    if (this.latencySamples < latencyWarmUp) return;
    this.latencyBaseline =
      this.latencyBaseline == null ? this.latencyAverage : this.latencyBaseline + 0.01 * (this.latencyAverage - this.latencyBaseline);
  }

  private decrease(factor: number): void {
    const now = performance.now();
    if (now - this.lastDecreaseAt < Math.max(this.latencyAverage ?? 0, minimumDecreaseIntervalMs)) return;
    this.lastDecreaseAt = now;
    const next = Math.max(this.options.floor, this.current * factor);
    if (Math.floor(next) < this.limit) this.decreases++;
    this.setLimit(next);
    // After a shrink the baseline is measured again, or a slow but steady endpoint would keep
    // looking overloaded.
    if (factor !== 0.5) this.latencyBaseline = this.latencyAverage;
  }

  private setLimit(value: number): void {
    this.current = Math.min(this.options.ceiling, Math.max(this.options.floor, value));
    const whole = Math.max(1, Math.floor(this.current));
    if (whole !== this.queue.limit) this.queue.limit = whole;
  }
}
