// Worker-thread entry that runs one @synthkit/test-server OpenAI-compatible server on 127.0.0.1.
//
// Why a separate thread: the endpoint a real run talks to is another machine. Running the server
// in the benchmark's own event loop would make client and server steal time from each other, so a
// slow client would look like a slow server (and the latency timers would fire late). Here the
// server gets its own event loop (and, on 2 cores, its own core), and only the client's work stays
// on the main thread.
//
// It also samples `server.inFlight` every 5 ms on the server's own loop, so the samples are not
// delayed by a busy client loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createOpenAITestServer, textRule } from '../../packages/test-server/dist/index.js';

const samplingIntervalMs = 5;

const server = await createOpenAITestServer({
  latencyMs: workerData.latencyMs,
  // One fixed answer for every prompt: the benchmarks measure scheduling, not answer content.
  rules: [textRule({ match: /[\s\S]/, answer: workerData.answer })],
});

let sampler;
let sampleCount = 0;
let inFlightSum = 0;
let sampledMaximum = 0;

parentPort.on('message', async ({ id, type }) => {
  if (type === 'start-sampling') {
    sampleCount = 0;
    inFlightSum = 0;
    sampledMaximum = 0;
    clearInterval(sampler);
    sampler = setInterval(() => {
      const inFlight = server.inFlight;
      sampleCount++;
      inFlightSum += inFlight;
      if (inFlight > sampledMaximum) sampledMaximum = inFlight;
    }, samplingIntervalMs);
    parentPort.postMessage({ id });
  } else if (type === 'stop-sampling') {
    clearInterval(sampler);
    sampler = undefined;
    parentPort.postMessage({
      id,
      result: {
        meanInFlight: sampleCount === 0 ? 0 : inFlightSum / sampleCount,
        sampledMaximumInFlight: sampledMaximum,
        sampleCount,
        maxInFlight: server.maxInFlight,
        requestCount: server.requests.length,
      },
    });
  } else if (type === 'close') {
    clearInterval(sampler);
    await server.close();
    parentPort.postMessage({ id });
    parentPort.close();
  }
});

parentPort.postMessage({ type: 'ready', baseURL: server.baseURL });
