import { describe, expect, it } from 'vitest';
import { PrioritySemaphore } from './priority-semaphore';

/** A task that records when it starts and finishes only when `release` is called. */
function controlledTask(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      return name;
    },
    release: () => release(),
  };
}

const signal = new AbortController().signal;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PrioritySemaphore', () => {
  it('runs at most limit tasks, then the waiting ones by priority, arrival order within one', async () => {
    const log: string[] = [];
    const semaphore = new PrioritySemaphore(1);
    const tasks = ['first', 'low-a', 'high', 'low-b', 'higher'].map((name) => controlledTask(log, name));
    const priorities = [0, 0, 5, 0, 9];
    const results = tasks.map((entry, index) => semaphore.run(entry.task, priorities[index]!, signal));
    await settle();
    expect(log).toEqual(['start first']);
    expect(semaphore.waiting).toBe(4);
    for (const entry of [tasks[0], tasks[4], tasks[2], tasks[1], tasks[3]]) {
      entry!.release();
      await settle();
    }
    expect(log).toEqual(['start first', 'start higher', 'start high', 'start low-a', 'start low-b']);
    expect(await Promise.all(results)).toEqual(['first', 'low-a', 'high', 'low-b', 'higher']);
    expect(semaphore.active).toBe(0);
  });

  it('starts waiting tasks when the limit grows, and lets running ones finish when it shrinks', async () => {
    const log: string[] = [];
    const semaphore = new PrioritySemaphore(2);
    const tasks = ['a', 'b', 'c', 'd'].map((name) => controlledTask(log, name));
    for (const entry of tasks) void semaphore.run(entry.task, 0, signal);
    await settle();
    expect(semaphore.active).toBe(2);
    semaphore.limit = 1;
    tasks[0]!.release();
    await settle();
    // One still running, at the new limit: nothing starts.
    expect(semaphore.active).toBe(1);
    semaphore.limit = 3;
    await settle();
    expect(semaphore.active).toBe(3);
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    for (const entry of tasks) entry.release();
  });

  it('drops a waiting task whose signal aborts, and never starts it', async () => {
    const log: string[] = [];
    const semaphore = new PrioritySemaphore(1);
    const running = controlledTask(log, 'running');
    void semaphore.run(running.task, 0, signal);
    const controller = new AbortController();
    const waiting = semaphore.run(controlledTask(log, 'aborted').task, 0, controller.signal);
    const next = controlledTask(log, 'next');
    const nextResult = semaphore.run(next.task, 0, signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(semaphore.waiting).toBe(1);
    running.release();
    next.release();
    expect(await nextResult).toBe('next');
    expect(log).toEqual(['start running', 'start next']);
    await expect(semaphore.run(async () => 'never', 0, controller.signal)).rejects.toThrow('cancelled');
  });

  it('keeps the heap in order when a task in the middle leaves', async () => {
    const log: string[] = [];
    const semaphore = new PrioritySemaphore(1);
    const blocker = controlledTask(log, 'blocker');
    void semaphore.run(blocker.task, 0, signal);
    const controllers = Array.from({ length: 8 }, () => new AbortController());
    const entries = controllers.map((controller, index) => {
      const entry = controlledTask(log, `p${index}`);
      entry.release();
      return semaphore.run(entry.task, index, controller.signal).catch(() => 'aborted');
    });
    controllers[3]!.abort(new Error('gone'));
    controllers[6]!.abort(new Error('gone'));
    blocker.release();
    await Promise.all(entries);
    expect(log).toEqual(['start blocker', 'start p7', 'start p5', 'start p4', 'start p2', 'start p1', 'start p0']);
  });

  it('leaves no listener on the signal of a task that started without waiting', async () => {
    const { EventEmitter } = await import('node:events');
    const semaphore = new PrioritySemaphore(4);
    const own = new AbortController();
    await semaphore.run(async () => 'done', 0, own.signal);
    expect(EventEmitter.getEventListeners(own.signal, 'abort')).toHaveLength(0);
  });
});
