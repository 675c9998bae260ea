/**
 * Runs units of work for a stage. The runtime's local executor runs them in this process with a
 * sliding concurrency window; a distributed executor (Redis + BullMQ) spreads them over machines.
 *
 * Work is addressed by name so that it can cross a process boundary: `handler` is a name the
 * executor's workers registered, `payload` is JSON.
 */
export interface ExecutorV1 {
  readonly specificationVersion: 'v1';
  readonly description: string;
  /**
   * Runs `handler` on every payload, at most `concurrency` at once, yielding results as they
   * finish (not in input order). Stops taking new work when `signal` aborts.
   */
  map<Payload, Result>(options: {
    readonly handler: string;
    readonly payloads: AsyncIterable<Payload>;
    readonly concurrency: number;
    readonly signal?: AbortSignal;
  }): AsyncIterable<{ readonly payload: Payload; readonly result?: Result; readonly error?: unknown }>;
}
