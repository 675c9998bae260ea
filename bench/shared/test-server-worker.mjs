// Worker-thread entry that runs one OpenAI-compatible server on 127.0.0.1: the @synthkit/test-server
// server answering every prompt with one fixed text, or (`kind: 'open-qa-demo'`) the scripted rules of
// the demo endpoint of examples/open-qa/demo-server.mjs (`demoRules()`, as its `startDemoServer`
// uses them). Either takes a `capacity`, and a latency that is a function of the prompt
// (`promptLatency`, see prompt-latency.mjs) instead of `latencyMs`.
//
// Why a separate thread: the endpoint a real run talks to is another machine. Running the server
// in the benchmark's own event loop would make client and server steal time from each other, so a
// slow client would look like a slow server (and the latency timers would fire late). Here the
// server gets its own event loop (and, on 2 cores, its own core), and only the client's work stays
// on the main thread.
//
// It also samples `server.inFlight` (requests received and not yet answered) and
// `server.processing` (requests holding a `capacity` slot) every 5 ms on the server's own loop, so
// the samples are not delayed by a busy client loop, and measures how busy its own loop was.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createOpenAITestServer, textRule } from '../../packages/test-server/dist/index.js';
import { promptLatencyMs } from './prompt-latency.mjs';

const samplingIntervalMs = 5;

// The answer each prompt got (the rules are deterministic: one answer per prompt), for the request log.
const answers = new Map();
const rules =
  workerData.kind === 'open-qa-demo'
    ? (await import('../../examples/open-qa/demo-server.mjs')).demoRules().map(recordingAnswers)
    : // One fixed answer for every prompt: the benchmarks measure scheduling, not answer content.
      [textRule({ match: /[\s\S]/, answer: workerData.answer })];
const server = await createOpenAITestServer({
  latencyMs:
    workerData.promptLatency == null ? workerData.latencyMs : (request) => promptLatencyMs(request.prompt ?? '', workerData.promptLatency),
  ...(workerData.capacity == null ? {} : { capacity: workerData.capacity }),
  rules,
});

let sampler;
let samples = [];
let loopBefore;

parentPort.on('message', async ({ id, type }) => {
  if (type === 'start-sampling') {
    samples = [];
    clearInterval(sampler);
    loopBefore = performance.eventLoopUtilization();
    const sample = () => samples.push([performance.timeOrigin + performance.now(), server.inFlight, server.processing]);
    sample();
    sampler = setInterval(sample, samplingIntervalMs);
    parentPort.postMessage({ id });
  } else if (type === 'stop-sampling') {
    clearInterval(sampler);
    sampler = undefined;
    parentPort.postMessage({
      id,
      result: {
        // [epoch ms, inFlight, processing] every 5 ms: the caller picks the time window it needs.
        samples,
        serverLoopBusy: performance.eventLoopUtilization(loopBefore).utilization,
        ...counters(),
      },
    });
  } else if (type === 'request-log') {
    parentPort.postMessage({ id, result: requestLog() });
  } else if (type === 'counters') {
    parentPort.postMessage({ id, result: counters() });
  } else if (type === 'close') {
    clearInterval(sampler);
    await server.close();
    parentPort.postMessage({ id });
    parentPort.close();
  }
});

function counters() {
  return {
    maxInFlight: server.maxInFlight,
    maxProcessing: server.maxProcessing,
    requestCount: server.requests.length,
  };
}

/**
 * Every completion request so far, in arrival order: its prompt, the answer the rules gave it
 * (`kind: 'open-qa-demo'` only) and when it was received and answered, in epoch milliseconds.
 */
function requestLog() {
  return server.requests
    .filter((request) => request.prompt != null)
    .map((request) => ({
      prompt: request.prompt,
      answer: answers.get(request.prompt),
      receivedAtMs: performance.timeOrigin + request.receivedAtMs,
      answeredAtMs: request.answeredAtMs == null ? undefined : performance.timeOrigin + request.answeredAtMs,
    }));
}

/** The rule, noting the answer it gives each prompt. */
function recordingAnswers(rule) {
  return (request) => {
    const answer = rule(request);
    if (typeof answer === 'string') answers.set(request.prompt, answer);
    return answer;
  };
}

parentPort.postMessage({ type: 'ready', baseURL: server.baseURL });
