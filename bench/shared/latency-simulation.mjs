// A replay of the test server's seeded lognormal latencies, and ideal schedulers run on them, so a
// measured run can be compared with what a perfect client would get from the very same draws.
// The server draws one latency per request, in the order requests get a processing slot, from the
// sampler it exports.
import { latencySampler } from '../../packages/test-server/dist/index.js';

/** The `count` latencies (ms) after the first `skip` of the server's lognormal sequence. */
export function lognormalDraws({ meanMs, sigma, seed = 1, skip = 0, count }) {
  const draw = latencySampler({ distribution: 'lognormal', meanMs, sigma, seed });
  for (let index = 0; index < skip; index++) draw();
  return Array.from({ length: count }, draw);
}

/**
 * A perfect sliding window of `concurrency` slots: request i starts the moment a slot is free and
 * takes draws[i]. Returns when the last request was sent and when the last answer came, in ms.
 */
export function simulateSlidingWindow(draws, concurrency) {
  // A binary min-heap of the times the slots become free.
  const heap = [];
  const push = (value) => {
    heap.push(value);
    for (let index = heap.length - 1; index > 0; ) {
      const parent = (index - 1) >> 1;
      if (heap[parent] <= heap[index]) break;
      [heap[parent], heap[index]] = [heap[index], heap[parent]];
      index = parent;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      for (let index = 0; ; ) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && heap[left] < heap[smallest]) smallest = left;
        if (right < heap.length && heap[right] < heap[smallest]) smallest = right;
        if (smallest === index) break;
        [heap[smallest], heap[index]] = [heap[index], heap[smallest]];
        index = smallest;
      }
    }
    return top;
  };
  let lastSentMs = 0;
  draws.forEach((latency, index) => {
    const startMs = index < concurrency ? 0 : pop();
    lastSentMs = startMs;
    push(startMs + latency);
  });
  return { lastSentMs, totalMs: Math.max(...heap) };
}

/** Chunk-and-wait: chunks of `concurrency`, each as long as its slowest request. */
export function simulateChunks(draws, concurrency) {
  let totalMs = 0;
  for (let start = 0; start < draws.length; start += concurrency) totalMs += Math.max(...draws.slice(start, start + concurrency));
  return { totalMs };
}
