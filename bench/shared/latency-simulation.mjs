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

/**
 * A perfect scheduler for calls that depend on one another (a pipeline's call tree), on `slots`
 * servers: each call takes exactly its `latencyMs`, may start the instant its `parent` call has
 * answered (roots at 0), and nothing else costs time (no client, no network, no output writing).
 * Greedy and never idle: whenever a slot is free and a call is ready it starts one, the deepest
 * ready call first (it finishes records sooner and releases their children), then the one ready
 * longest, then the first listed. It knows nothing of the future and does not pre-empt; greedy list
 * scheduling is not always optimal, so the two lower bounds are returned too: the longest chain of
 * latencies (no scheduler on any number of slots beats it) and the total latency / slots.
 *
 * @param {ReadonlyArray<{ latencyMs: number, parent?: number, depth: number }>} calls parents listed
 *   before their children
 * @param {number} slots
 * @returns {{ totalMs: number, criticalPathMs: number, workPerSlotMs: number, startMs: number[], endMs: number[] }}
 *   startMs and endMs: when each call started and answered in the simulation
 */
export function simulateDependentCalls(calls, slots) {
  const children = calls.map(() => []);
  const startMs = [];
  const endMs = [];
  const ready = [];
  calls.forEach((call, index) => (call.parent == null ? ready.push({ index, readyAtMs: 0 }) : children[call.parent].push(index)));
  const running = [];
  let nowMs = 0;
  let finished = 0;
  while (finished < calls.length) {
    while (running.length < slots && ready.length > 0) {
      const next = ready.reduce((best, candidate, position) => (isBefore(candidate, ready[best]) ? position : best), 0);
      const [{ index }] = ready.splice(next, 1);
      startMs[index] = nowMs;
      endMs[index] = nowMs + calls[index].latencyMs;
      running.push({ index, endMs: endMs[index] });
    }
    if (running.length === 0) throw new Error('simulateDependentCalls: a call names a parent that is not in the list, or a cycle');
    nowMs = Math.min(...running.map((call) => call.endMs));
    for (let position = running.length - 1; position >= 0; position--) {
      if (running[position].endMs !== nowMs) continue;
      const [{ index }] = running.splice(position, 1);
      finished++;
      for (const child of children[index]) ready.push({ index: child, readyAtMs: nowMs });
    }
  }
  const chainMs = [];
  calls.forEach((call, index) => (chainMs[index] = call.latencyMs + (call.parent == null ? 0 : chainMs[call.parent])));
  const totalLatencyMs = calls.reduce((sum, call) => sum + call.latencyMs, 0);
  return { totalMs: nowMs, criticalPathMs: Math.max(...chainMs), workPerSlotMs: totalLatencyMs / slots, startMs, endMs };

  function isBefore(a, b) {
    const depthA = calls[a.index].depth;
    const depthB = calls[b.index].depth;
    if (depthA !== depthB) return depthA > depthB;
    if (a.readyAtMs !== b.readyAtMs) return a.readyAtMs < b.readyAtMs;
    return a.index < b.index;
  }
}
