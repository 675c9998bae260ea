// Starts an OpenAI-compatible server (see test-server-worker.mjs) in a worker thread and talks to it
// with small request/response messages.
import { Worker } from 'node:worker_threads';

/**
 * @param {{
 *   latencyMs?: number | { min: number, max: number } | { distribution: 'lognormal', meanMs: number, sigma: number, seed?: number },
 *   promptLatency?: { meanMs: number, sigma: number, seed: number },
 *   capacity?: number,
 *   answer?: string,
 *   kind?: 'test' | 'open-qa-demo',
 * }} options
 * @returns {Promise<{
 *   baseURL: string,
 *   startSampling(): Promise<void>,
 *   stopSampling(): Promise<{ samples: Array<[number, number, number]>, serverLoopBusy: number, maxInFlight: number, maxProcessing: number, requestCount: number }>,
 *   counters(): Promise<{ maxInFlight: number, maxProcessing: number, requestCount: number }>,
 *   requestLog(): Promise<Array<{ prompt: string, answer: string | undefined, receivedAtMs: number, answeredAtMs: number | undefined }>>,
 *   close(): Promise<void>,
 * }>}
 */
export async function startTestServerThread({ latencyMs, promptLatency, capacity, answer = defaultAnswer, kind = 'test' }) {
  const worker = new Worker(new URL('./test-server-worker.mjs', import.meta.url), {
    workerData: { latencyMs, promptLatency, capacity, answer, kind },
  });
  const pending = new Map();
  let nextId = 0;
  const baseURL = await new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message) => {
      worker.off('error', reject);
      resolve(message.baseURL);
    });
  });
  worker.on('message', ({ id, result }) => {
    pending.get(id)?.(result);
    pending.delete(id);
  });
  // A crash of the server thread must fail the benchmark loudly, not leave it waiting forever.
  worker.on('error', (error) => {
    console.error('test server thread failed:', error);
    process.exit(1);
  });
  const send = (type) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ id, type });
    });
  let closed;
  return {
    baseURL,
    startSampling: () => send('start-sampling'),
    stopSampling: () => send('stop-sampling'),
    counters: () => send('counters'),
    requestLog: () => send('request-log'),
    close() {
      closed ??= send('close').then(() => worker.terminate()).then(() => undefined);
      return closed;
    },
  };
}

/** The answer of the `test` server: a dozen plain words. */
export const defaultAnswer = 'A short answer with a handful of plain words in it.';
