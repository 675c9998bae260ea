import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CallSignalPool } from './call-signal-pool';

const listeners = (signal: AbortSignal) => EventEmitter.getEventListeners(signal, 'abort').length;

describe('CallSignalPool', () => {
  it('shares a signal between calls, then moves on, so SDK listeners stay bounded per signal', () => {
    const run = new AbortController();
    const pool = new CallSignalPool(run.signal, 3);
    const calls = Array.from({ length: 7 }, () => pool.acquire());
    const signals = new Set(calls.map((call) => call.signal));
    expect(signals.size).toBe(3);
    for (const call of calls) call.signal.addEventListener('abort', () => {}); // what the openai SDK does
    expect(Math.max(...[...signals].map(listeners))).toBe(3);
  });

  it('leaves no listener on the run signal once every call is released', () => {
    const run = new AbortController();
    const pool = new CallSignalPool(run.signal, 4);
    for (let round = 0; round < 100; round++) {
      const call = pool.acquire();
      call.release();
      call.release();
    }
    // Only the signal currently handed out stays linked.
    expect(listeners(run.signal)).toBe(1);
  });

  it('aborts every call in flight, on old and current signals, when the run aborts', () => {
    const run = new AbortController();
    const pool = new CallSignalPool(run.signal, 2);
    const calls = Array.from({ length: 5 }, () => pool.acquire());
    calls[0]!.release();
    run.abort(new Error('cancelled'));
    for (const call of calls.slice(1)) expect(call.signal.aborted).toBe(true);
    expect((calls[1]!.signal.reason as Error).message).toBe('cancelled');
    expect(pool.acquire().signal.aborted).toBe(true);
  });
});
