// A replay of the test server's seeded lognormal latencies, and ideal schedulers run on them, so a
// measured run can be compared with what a perfect client would get from the very same draws.
//
// The test server (packages/test-server/src/internal/latency-sampler.ts and seeded-random.ts)
// draws one latency per request, in the order requests get a processing slot, from mulberry32 and
// Box-Muller: exp(mu + sigma * z) with mu = ln(mean) - sigma² / 2. The copy below must stay in step
// with it; `lognormalDraws` is checked against the server by `bench/endpoint-saturation.mjs` only
// through its results, so keep the two in sync when the server changes.

/** The `count` latencies (ms) after the first `skip` of the server's lognormal sequence. */
export function lognormalDraws({ meanMs, sigma, seed = 1, skip = 0, count }) {
  const random = mulberry32(seed);
  const mu = Math.log(meanMs) - (sigma * sigma) / 2;
  const draw = () => {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    return Math.exp(mu + sigma * radius * Math.cos(2 * Math.PI * random()));
  };
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

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
