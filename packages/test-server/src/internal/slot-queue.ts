import type { ServerResponse } from 'node:http';

/**
 * The `capacity` of the test server: how many requests are processed at once (latency running,
 * answer being written), the others waiting their turn in arrival order, as in the queue of a vLLM
 * or NIM server.
 */
export interface SlotQueue {
  /**
   * Waits for a free slot for `response` and holds it until the response closes (answered, or the
   * client went away). Resolves to false, without a slot, when the client goes away or the server
   * closes first.
   */
  acquire(response: ServerResponse, closing: AbortSignal): Promise<boolean>;
  /** Requests holding a slot now. */
  readonly processing: number;
  /** The highest `processing` seen. */
  readonly maxProcessing: number;
  /** Requests waiting for a slot now. */
  readonly queued: number;
}

/** A queue of `capacity` slots; `undefined` for no limit (every request gets a slot at once). */
export function createSlotQueue(capacity: number | undefined): SlotQueue {
  const limit = capacity ?? Number.POSITIVE_INFINITY;
  /** Grants of the waiting requests, first come first served. */
  const waiting: Array<() => void> = [];
  let processing = 0;
  let maxProcessing = 0;

  function occupy(response: ServerResponse): void {
    processing++;
    maxProcessing = Math.max(maxProcessing, processing);
    response.once('close', () => {
      processing--;
      waiting.shift()?.();
    });
  }

  return {
    acquire(response, closing) {
      if (response.destroyed || closing.aborted) return Promise.resolve(false);
      if (processing < limit) {
        occupy(response);
        return Promise.resolve(true);
      }
      return new Promise((resolve) => {
        const stopWaiting = () => {
          response.off('close', leave);
          closing.removeEventListener('abort', leave);
        };
        const grant = () => {
          stopWaiting();
          occupy(response);
          resolve(true);
        };
        const leave = () => {
          stopWaiting();
          const index = waiting.indexOf(grant);
          if (index !== -1) waiting.splice(index, 1);
          resolve(false);
        };
        waiting.push(grant);
        response.once('close', leave);
        closing.addEventListener('abort', leave, { once: true });
      });
    },
    get processing() {
      return processing;
    },
    get maxProcessing() {
      return maxProcessing;
    },
    get queued() {
      return waiting.length;
    },
  };
}
