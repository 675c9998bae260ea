import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AttemptControls } from './attempt-controls';

const wait = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('AttemptControls', () => {
  it('reuses a controller for attempts one after another, a bounded number of times', () => {
    const run = new AbortController();
    const controls = new AttemptControls(run.signal, 3);
    const signals: AbortSignal[] = [];
    for (let index = 0; index < 7; index++) {
      const attempt = controls.start(1000);
      signals.push(attempt.signal);
      attempt.release();
    }
    expect(new Set(signals).size).toBe(3);
    expect(EventEmitter.getEventListeners(run.signal, 'abort')).toHaveLength(1);
  });

  it('lets a reused signal hold the listener an SDK leaves per attempt without a leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controls = new AttemptControls(new AbortController().signal, 64);
      for (let index = 0; index < 64; index++) {
        const attempt = controls.start(1000);
        // What the openai and Anthropic SDKs do with the signal they are given.
        attempt.signal.addEventListener('abort', () => {}, { once: true });
        attempt.release();
      }
      await wait(10);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('links any number of open attempts to the run through one listener', () => {
    const run = new AbortController();
    const controls = new AttemptControls(run.signal);
    const open = Array.from({ length: 100 }, () => controls.start(1000));
    expect(new Set(open.map((attempt) => attempt.signal)).size).toBe(100);
    expect(EventEmitter.getEventListeners(run.signal, 'abort')).toHaveLength(1);
    run.abort(new Error('stopped'));
    expect(open.every((attempt) => attempt.signal.aborted && attempt.signal.reason.message === 'stopped')).toBe(true);
    for (const attempt of open) attempt.release();
    expect(EventEmitter.getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('gives attempts open at once their own signals, all aborted with the run', () => {
    const run = new AbortController();
    const controls = new AttemptControls(run.signal);
    const [first, second] = [controls.start(1000), controls.start(1000)];
    expect(first.signal).not.toBe(second.signal);
    run.abort(new Error('stopped'));
    expect(first.signal.aborted && second.signal.aborted).toBe(true);
    first.release();
    second.release();
    // A controller that was aborted is never handed out again.
    const next = controls.start(1000);
    expect(next.signal.aborted).toBe(true);
    next.release();
  });

  it('abandons an attempt silent for longer than its timeout, and only that one', async () => {
    const run = new AbortController();
    const controls = new AttemptControls(run.signal);
    const silent = controls.start(40);
    // A longer timeout, touched every 10 ms: a loaded machine may delay a tick, not by 400 ms.
    const chatty = controls.start(400);
    const startedAt = performance.now();
    while (!silent.timedOut && performance.now() - startedAt < 3000) {
      await wait(10);
      chatty.touch();
    }
    for (let tick = 0; tick < 5; tick++) {
      await wait(10);
      chatty.touch();
    }
    expect(silent.timedOut).toBe(true);
    expect(silent.signal.aborted).toBe(true);
    expect(chatty.timedOut).toBe(false);
    expect(chatty.signal.aborted).toBe(false);
    silent.release();
    chatty.release();
    // The aborted controller is dropped; the other goes back to the pool.
    const reused = controls.start(400);
    expect(reused.signal).toBe(chatty.signal);
    reused.release();
  });

  it('aborts one attempt alone', () => {
    const controls = new AttemptControls(new AbortController().signal);
    const [first, second] = [controls.start(1000), controls.start(1000)];
    first.abort(new Error('middleware said stop'));
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    first.release();
    second.release();
  });
});
