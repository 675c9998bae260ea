import { setMaxListeners } from 'node:events';

/**
 * Hands out abort signals for model calls that abort with a run's signal, without letting
 * listeners pile up on it.
 *
 * SDKs add an `abort` listener to the signal of every request and do not all remove it (the openai
 * SDK does not). Given the run's one signal, a long run would collect one listener per request made,
 * and Node walks that whole list on every add: memory and time growing with the run. A fresh
 * `AbortController` per call fixes that but costs more than the rest of the engine's per-call work.
 * So calls share a signal for `callsPerSignal` calls, then move on to a new one; each shared signal
 * is linked to the run's signal while any of its calls is in flight, and unlinked (and left to the
 * garbage collector, with the SDK's listeners on it) once they are all done.
 */
export class CallSignalPool {
  private current: SharedSignal | undefined;
  /** Every signal this pool handed out: they all abort with the parent. */
  private readonly handedOut = new WeakSet<AbortSignal>();

  /**
   * @param parent The run's signal.
   * @param callsPerSignal Calls that share one signal before a new one is made. Bounds the
   *   listeners an SDK can leave on a signal (and so the cost of adding one). Default 64.
   */
  constructor(
    private readonly parent: AbortSignal,
    private readonly callsPerSignal = 64,
  ) {}

  /** True for a signal this pool handed out (or its parent): it aborts when the parent does. */
  owns(signal: AbortSignal): boolean {
    return signal === this.parent || this.handedOut.has(signal);
  }

  /** A signal for one call; call `release()` when the call is done, whatever its outcome. */
  acquire(): { signal: AbortSignal; release(): void } {
    if (this.parent.aborted) return { signal: this.parent, release: () => {} };
    if (this.current == null || this.current.handedOut >= this.callsPerSignal) this.current = this.link();
    const shared = this.current;
    shared.handedOut++;
    shared.inFlight++;
    let released = false;
    return {
      signal: shared.controller.signal,
      release: () => {
        if (released) return;
        released = true;
        shared.inFlight--;
        if (shared.inFlight === 0 && shared !== this.current) shared.unlink();
      },
    };
  }

  private link(): SharedSignal {
    const previous = this.current;
    const controller = new AbortController();
    this.handedOut.add(controller.signal);
    // Up to `callsPerSignal` calls leave listeners on it (SDKs, the request window), a few per call
    // with retries: expected and bounded, not a leak.
    setMaxListeners(0, controller.signal);
    const forward = () => controller.abort(this.parent.reason);
    this.parent.addEventListener('abort', forward, { once: true });
    const shared: SharedSignal = {
      controller,
      handedOut: 0,
      inFlight: 0,
      unlink: () => this.parent.removeEventListener('abort', forward),
    };
    // The signal being replaced is unlinked now if nothing uses it any more, else by its last call.
    if (previous != null && previous.inFlight === 0) previous.unlink();
    return shared;
  }
}

// --- Internal helpers ---

interface SharedSignal {
  readonly controller: AbortController;
  /** Calls given this signal so far. */
  handedOut: number;
  /** Calls given this signal and not yet released. */
  inFlight: number;
  unlink(): void;
}
