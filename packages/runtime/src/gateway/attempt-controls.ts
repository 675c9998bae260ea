import { setMaxListeners } from 'node:events';

/** What one request attempt gets: its own abort signal, a way to abort it alone, and its deadline. */
export interface AttemptControl {
  /** Aborted when this attempt is abandoned or the run stops. Pass it to the provider. */
  readonly signal: AbortSignal;
  /** Restarts the attempt's silence timer: call it whenever data arrives. */
  touch(): void;
  /** True once the attempt was abandoned for silence. */
  readonly timedOut: boolean;
  /** Aborts this attempt alone (its controller is not reused). */
  abort(reason: unknown): void;
  /** Done with the attempt, whatever its outcome. */
  release(): void;
}

/**
 * Abort signals and silence timeouts for request attempts, made cheap because every attempt needs
 * them: a fresh `AbortController` linked to the run and a timer per attempt were the largest single
 * cost of a model call in the engine's CPU profile (about a tenth of its time, with their
 * listeners and timer-list updates).
 *
 * - A controller serves one attempt at a time and is reused by later ones until it has served
 *   `usesPerController` (SDKs leave a listener on every signal they get, so reuse is bounded) or
 *   was aborted. The run's signal has one listener for all controllers, not one per attempt.
 * - Timeouts share one clock: an attempt records when it last heard from the server (a number, no
 *   timer), and one interval, running only while attempts are open, abandons those silent for
 *   longer than their timeout. A timeout therefore fires up to an eighth of it late.
 */
export class AttemptControls {
  private readonly idle: PooledController[] = [];
  /** Controllers not yet retired, all aborted with the run's signal through one listener. */
  private readonly linked = new Set<AbortController>();
  private readonly open = new Set<OpenAttempt>();
  private clock: ReturnType<typeof setInterval> | undefined;
  private tickMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly parent: AbortSignal,
    private readonly usesPerController = 64,
  ) {}

  /** Controls for one attempt that is abandoned after `timeoutMs` of silence. */
  start(timeoutMs: number): AttemptControl {
    const pooled = this.idle.pop() ?? this.create();
    pooled.uses++;
    const attempt: OpenAttempt = {
      signal: pooled.controller.signal,
      timedOut: false,
      lastHeardAt: performance.now(),
      timeoutMs,
      pooled,
      touch: () => {
        attempt.lastHeardAt = performance.now();
      },
      abort: (reason) => pooled.controller.abort(reason),
      release: () => this.release(attempt),
    };
    this.open.add(attempt);
    this.ensureClock(timeoutMs);
    return attempt;
  }

  // --- Internal helpers ---

  private create(): PooledController {
    const controller = new AbortController();
    // The SDKs leave a listener per attempt (bounded by the reuse limit, so no leak): without this,
    // Node would print a MaxListenersExceededWarning from the eleventh attempt on.
    setMaxListeners(this.usesPerController + 8, controller.signal);
    if (this.parent.aborted) controller.abort(this.parent.reason);
    else {
      // One listener on the run's signal for every controller, however many there are: one per
      // controller would pass Node's listener warning threshold at a window of 11.
      if (this.linked.size === 0) this.parent.addEventListener('abort', this.abortAll, { once: true });
      this.linked.add(controller);
    }
    return {
      controller,
      uses: 0,
      unlink: () => {
        this.linked.delete(controller);
        if (this.linked.size === 0) this.parent.removeEventListener('abort', this.abortAll);
      },
    };
  }

  private readonly abortAll = (): void => {
    for (const controller of this.linked) controller.abort(this.parent.reason);
    this.linked.clear();
  };

  private release(attempt: OpenAttempt): void {
    if (!this.open.delete(attempt)) return;
    const { pooled } = attempt;
    if (pooled.controller.signal.aborted || pooled.uses >= this.usesPerController) pooled.unlink();
    else this.idle.push(pooled);
    if (this.open.size === 0) this.stopClock();
  }

  private ensureClock(timeoutMs: number): void {
    const tickMs = Math.min(1000, Math.max(5, Math.floor(timeoutMs / 8)));
    if (this.clock != null && tickMs >= this.tickMs) return;
    this.stopClock();
    this.tickMs = tickMs;
    this.clock = setInterval(() => this.abandonSilent(), tickMs);
    this.clock.unref();
  }

  private stopClock(): void {
    if (this.clock != null) clearInterval(this.clock);
    this.clock = undefined;
    this.tickMs = Number.POSITIVE_INFINITY;
  }

  private abandonSilent(): void {
    const now = performance.now();
    for (const attempt of this.open) {
      if (attempt.timedOut || now - attempt.lastHeardAt < attempt.timeoutMs) continue;
      attempt.timedOut = true;
      // Only this attempt uses the controller now; it is dropped on release.
      attempt.pooled.controller.abort(new Error('timed out'));
    }
  }
}

interface PooledController {
  readonly controller: AbortController;
  /** Attempts served so far. */
  uses: number;
  unlink(): void;
}

interface OpenAttempt extends AttemptControl {
  timedOut: boolean;
  lastHeardAt: number;
  readonly timeoutMs: number;
  readonly pooled: PooledController;
}
