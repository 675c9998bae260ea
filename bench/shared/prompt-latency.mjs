// A seeded lognormal latency that is a function of the prompt, not of the order requests arrive in.
//
// The test server's own lognormal option draws one latency per request in the order requests get a
// processing slot, so which call gets which latency depends on how the client scheduled them. A
// pipeline benchmark wants the opposite: each call (identified by its prompt) takes the same time in
// every run and every mode, so that runs can be repeated, the two conversion modes meet the same
// generator latencies, and a simulated scheduler can replay the run's calls with their own latencies.
// Identical prompts get identical latencies.
import { createHash } from 'node:crypto';
import { latencySampler } from '../../packages/test-server/dist/index.js';

/**
 * The latency (ms) of the request with this prompt: one draw of the test server's lognormal sampler
 * (`exp(mu + sigma z)`, mean exactly `meanMs`), seeded by a 32-bit hash of `seed` and the prompt.
 * Pass it to the test server as `latencyMs: (request) => promptLatencyMs(request.prompt, options)`.
 *
 * @param {string} prompt
 * @param {{ meanMs: number, sigma: number, seed: number }} options
 */
export function promptLatencyMs(prompt, { meanMs, sigma, seed }) {
  const digest = createHash('sha256').update(`${seed}\n${prompt}`).digest();
  return latencySampler({ distribution: 'lognormal', meanMs, sigma, seed: digest.readInt32LE(0) })();
}
