// How well does synthkit keep a server of limited capacity busy when its answers take a
// heavy-tailed time?
//
// The server (@synthkit/test-server in a worker thread on 127.0.0.1) processes at most C = 64
// requests at once (`capacity`; more would queue server-side) and answers each after a lognormal
// time of mean L (`sigma` 0.8: the median is 0.73 L, one answer in a hundred takes over 4.5 L).
// The client sends its requests at concurrency C, through the real OpenAI provider, in three ways:
//
//   chunked         NeMo Curator's AsyncNemotronGenerator._gather: chunks of C requests, each chunk
//                   awaited (Promise.all) before the next starts: a barrier, so every chunk lasts
//                   as long as its slowest request;
//   sliding window  a bare window: C async workers, each sending the next request as soon as its
//                   own is answered;
//   engine          the whole synthkit engine: runPipeline on a plan compiled in code (a JSONL
//                   source → `bench:ask`, one context.generate per record) with
//                   `endpoints: { default: { concurrency: 64 } }`.
//
// The ideal is C requests always processing: C / L requests per second. A perfect window still
// loses time at the end of a run (the last answers straggle in while fewer than C are open), so the
// script also simulates a perfect sliding window on the very latencies the server draws (the server
// draws from a seeded generator, in arrival order, and the simulation replays the same sequence)
// and reports the steady state: throughput while requests were still waiting to be sent.
// Everything is measured twice: with `stream: false` (plain JSON) and with the provider's default,
// streaming.
//
//   node bench/endpoint-saturation.mjs [--requests 6400] [--chunked-requests 640] [--latency 100]
//                                      [--concurrency 64] [--modes json,stream]
import { getEventListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import openAIPlugin, { createOpenAI } from '../plugins/provider-openai/dist/index.js';
import { compileRecipe, createRegistry, runPipeline } from '../packages/runtime/dist/index.js';
import { createModelGateway, RunStatistics } from '../packages/runtime/dist/internal.js';
import { askPrompt, benchPlugin } from './shared/bench-plugin.mjs';
import { fixed, markdownTable, ratio } from './shared/markdown-table.mjs';
import { createTemporaryDirectory, seedTopic, writeSeedFile } from './shared/seed-file.mjs';
import { startTestServerThread } from './shared/test-server-thread.mjs';
import { numberArgument, stringListArgument } from './shared/command-line.mjs';
import { startRunInfo } from './shared/run-info.mjs';
import { threadCpuMicroseconds } from './shared/thread-cpu.mjs';
import { lognormalDraws, simulateChunks, simulateSlidingWindow } from './shared/latency-simulation.mjs';

const concurrency = numberArgument('--concurrency', 64);
const requestCount = numberArgument('--requests', 100 * concurrency);
const chunkedRequestCount = numberArgument('--chunked-requests', 10 * concurrency);
const meanLatencyMs = numberArgument('--latency', 100);
const modes = stringListArgument('--modes', ['json', 'stream'], ['json', 'stream']);
const sigma = 0.8;
const latencySeed = 1;
const latency = { distribution: 'lognormal', meanMs: meanLatencyMs, sigma, seed: latencySeed };
// Opens the C keep-alive connections and lets V8 optimise the paths before the clock starts. Every
// way sends the same number, so its measured run gets the same latency draws.
const warmUpCount = 4 * concurrency;
const runInfo = startRunInfo('endpoint-saturation');

const ways = ['chunked (NeMo _gather)', 'sliding window (bare)', 'engine (runPipeline)'];
const clientMeter = createClientMeter();
const results = [];
const temporary = await createTemporaryDirectory();
// The engine's OpenAI models get the same counting wrapper as the hand-made ones.
const registry = await createRegistry({ plugins: [benchPlugin, withCountingModels(openAIPlugin)], discover: false });
const seeds = {
  warmUp: await writeSeedFile(temporary.directory, 'warm-up.jsonl', warmUpCount),
  measured: await writeSeedFile(temporary.directory, 'measured.jsonl', requestCount),
};

try {
  for (const mode of modes) {
    for (const way of ways) {
      // A fresh server per way: its latency draws start again from the seed, and its maxInFlight
      // and maxProcessing (high-water marks since start) describe this way alone.
      const server = await startTestServerThread({ latencyMs: latency, capacity: concurrency });
      try {
        const settings = { baseURL: server.baseURL, apiKey: 'bench', ...(mode === 'json' ? { stream: false } : {}) };
        const model = countingModel(createOpenAI(settings).languageModel('m'));
        const count = way === ways[0] ? chunkedRequestCount : requestCount;
        if (way === ways[2]) await engine({ plan: compilePlan(settings, seeds.warmUp) });
        else await slidingWindow({ model, count: warmUpCount });
        const run =
          way === ways[0]
            ? () => chunked({ model, count })
            : way === ways[1]
              ? () => slidingWindow({ model, count })
              : () => engine({ plan: compilePlan(settings, seeds.measured) });
        const measured = await measure(server, run, count);
        results.push({ mode, way, count, ...measured });
      } finally {
        await server.close();
      }
    }
  }
} finally {
  await temporary.remove();
}

printReport();

// --- The three ways of sending the requests ---

/** One request, identical in every way: the user message `bench:ask` renders for seed `index`. */
function sendRequest(model, index) {
  return model.doGenerate({ messages: [{ role: 'user', content: askPrompt(seedTopic(index)) }], params: {} });
}

/** NeMo's `_gather`: consecutive chunks of C, each awaited before the next starts. */
async function chunked({ model, count }) {
  let completed = 0;
  for (let start = 0; start < count; start += concurrency) {
    const chunk = [];
    for (let index = start; index < Math.min(count, start + concurrency); index++) chunk.push(sendRequest(model, index));
    completed += (await Promise.all(chunk)).length;
  }
  return { completed };
}

/** A bare sliding window: C workers, each sending the next request when its own is answered. */
async function slidingWindow({ model, count }) {
  let next = 0;
  let completed = 0;
  const worker = async () => {
    while (next < count) {
      await sendRequest(model, next++);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { completed };
}

/**
 * The real engine, with a gateway made here (as `runPipeline` makes its own) so that its request
 * window can be read afterwards, and our own signal, to see what the run leaves attached to it.
 */
async function engine({ plan }) {
  const controller = new AbortController();
  const statistics = new RunStatistics();
  const gateway = createModelGateway({ statistics, signal: controller.signal, onStop: (error) => controller.abort(error) });
  let completed = 0;
  let rejects = 0;
  for await (const _record of runPipeline({ plan, signal: controller.signal, statistics, gateway, onReject: () => void rejects++ })) {
    completed++;
  }
  if (rejects > 0) throw new Error(`the engine rejected ${rejects} records; every request should succeed`);
  const [endpoint] = gateway.status();
  return {
    completed,
    listenersLeft: getEventListeners(controller.signal, 'abort').length,
    windowLimit: endpoint.limit,
    windowDecreases: endpoint.decreases,
    retries: statistics.totals().retries,
  };
}

function compilePlan(providerSettings, seedPath) {
  return compileRecipe({
    registry,
    directory: temporary.directory,
    document: {
      name: 'endpoint-saturation',
      models: { default: 'openai:m' },
      providers: { openai: providerSettings },
      endpoints: { default: { concurrency } },
      stages: [{ source: seedPath }, { task: 'bench:ask' }],
    },
  });
}

// --- Measuring ---

async function measure(server, run, count) {
  await server.startSampling();
  const loopBefore = performance.eventLoopUtilization();
  clientMeter.start(count);
  const startEpoch = performance.timeOrigin + performance.now();
  const cpuBefore = threadCpuMicroseconds();
  const start = performance.now();
  const outcome = await run();
  const wallMs = performance.now() - start;
  const clientCpuUs = cpuBefore == null ? Number.NaN : threadCpuMicroseconds() - cpuBefore;
  const client = clientMeter.stop();
  // How busy the client's event loop was: near 100% means the client, not the endpoint, limits.
  const clientLoopBusy = performance.eventLoopUtilization(loopBefore).utilization;
  const serverSide = await server.stopSampling();
  if (outcome.completed !== count) throw new Error(`completed ${outcome.completed} of ${count} requests`);
  // The steady state: from the start until the last request was sent.
  const steadyEnd = startEpoch + client.lastSentMs;
  const steady = serverSide.samples.filter(([time]) => time >= startEpoch && time <= steadyEnd);
  const meanOf = (samples, column) => samples.reduce((sum, sample) => sum + sample[column], 0) / Math.max(1, samples.length);
  return {
    ...outcome,
    wallMs,
    clientLoopBusy,
    clientCpuUs,
    clientMeanInFlight: client.meanInFlight,
    clientMaxInFlight: client.maxInFlight,
    steadyMs: client.lastSentMs,
    completedBeforeLastSent: client.completedBeforeLastSent,
    steadyServerProcessing: meanOf(steady, 2),
    steadyServerInFlight: meanOf(steady, 1),
    maxInFlight: serverSide.maxInFlight,
    maxProcessing: serverSide.maxProcessing,
    serverRequests: serverSide.requestCount,
  };
}

/**
 * Counts the client's requests (from the provider's doGenerate call to its settling): an exact
 * time-weighted mean of those open, the moment the last request of the run was sent, and how many
 * had been answered by then.
 */
function createClientMeter() {
  let inFlight = 0;
  let maximum = 0;
  let area = 0;
  let startedAt = performance.now();
  let last = startedAt;
  let expected = 0;
  let sent = 0;
  let completed = 0;
  let lastSentMs = 0;
  let completedBeforeLastSent = 0;
  const advance = () => {
    const now = performance.now();
    area += inFlight * (now - last);
    last = now;
  };
  return {
    sent() {
      advance();
      inFlight++;
      if (inFlight > maximum) maximum = inFlight;
      if (++sent === expected) {
        lastSentMs = last - startedAt;
        completedBeforeLastSent = completed;
      }
    },
    done() {
      advance();
      inFlight--;
      completed++;
    },
    start(count) {
      advance();
      area = 0;
      maximum = inFlight;
      startedAt = last;
      expected = count;
      sent = 0;
      completed = 0;
    },
    stop() {
      advance();
      return { meanInFlight: area / Math.max(1e-9, last - startedAt), maxInFlight: maximum, lastSentMs, completedBeforeLastSent };
    },
  };
}

/** A model that reports its calls to `clientMeter`; every way uses it, so the cost is the same. */
function countingModel(model) {
  return {
    specificationVersion: 'v1',
    provider: model.provider,
    modelId: model.modelId,
    endpoint: model.endpoint,
    async doGenerate(options) {
      clientMeter.sent();
      try {
        return await model.doGenerate(options);
      } finally {
        clientMeter.done();
      }
    },
  };
}

/** The OpenAI plugin, with every model it creates wrapped by {@link countingModel}. */
function withCountingModels(plugin) {
  const definition = plugin.providers.openai;
  const create = (settings) => {
    const provider = definition.create(settings);
    return { ...provider, languageModel: (modelId) => countingModel(provider.languageModel(modelId)) };
  };
  return { ...plugin, providers: { openai: { ...definition, create } } };
}

// --- Report ---

function printReport() {
  const idealThroughput = concurrency / (meanLatencyMs / 1000);
  console.log('# endpoint saturation\n');
  console.log(
    runInfo(
      `server capacity C = ${concurrency}, client concurrency ${concurrency} · latency lognormal, mean L = ${meanLatencyMs} ms, sigma ${sigma}, seed ${latencySeed} · ` +
        `ideal C / L = ${fixed(idealThroughput)} req/s · ${requestCount} requests per way (chunked: ${chunkedRequestCount}) after ${warmUpCount} warm-up requests · ` +
        'OpenAI provider → test server in a worker thread on 127.0.0.1',
    ) + '\n',
  );
  // A perfect window on the same latency draws (those after the warm-up), for each run length.
  const perfect = new Map();
  for (const count of new Set(results.map((result) => result.count))) {
    const draws = lognormalDraws({ meanMs: meanLatencyMs, sigma, seed: latencySeed, skip: warmUpCount, count });
    perfect.set(count, { window: simulateSlidingWindow(draws, concurrency), chunks: simulateChunks(draws, concurrency) });
  }
  const rows = results.map((result) => {
    const throughput = result.completed / (result.wallMs / 1000);
    const simulated = perfect.get(result.count);
    const perfectMs = result.way === ways[0] ? simulated.chunks.totalMs : simulated.window.totalMs;
    return [
      result.way,
      result.mode === 'json' ? 'JSON' : 'streaming',
      result.count,
      fixed(result.wallMs / 1000, 2),
      fixed(throughput),
      ratio(throughput / idealThroughput),
      ratio(result.count / (perfectMs / 1000) / idealThroughput),
      ratio(result.completedBeforeLastSent / (result.steadyMs / 1000) / idealThroughput),
      ratio(result.steadyServerProcessing / concurrency),
      result.maxInFlight,
      result.maxProcessing,
      fixed(result.clientMeanInFlight, 1),
      `${fixed(result.clientLoopBusy * 100)}%`,
      fixed(result.clientCpuUs / result.completed),
    ];
  });
  console.log(
    markdownTable(
      [
        'way',
        'requests sent as',
        'requests',
        'wall s',
        'req/s',
        'throughput / (C / L)',
        'same, simulated: this way without client cost, on the same latencies',
        'steady state: throughput / (C / L) until the last request was sent',
        'steady state: server mean processing / C',
        'server maxInFlight',
        'server maxProcessing',
        'client mean in flight',
        'client loop busy',
        'client CPU µs / request',
      ],
      rows,
    ),
  );

  console.log('\n## ratios (same run)\n');
  const ratioRows = modes.map((mode) => {
    const of = (way) => results.find((entry) => entry.mode === mode && entry.way === way);
    const throughputOf = (way) => of(way).completed / (of(way).wallMs / 1000);
    const chunks = perfect.get(of(ways[0]).count).chunks;
    const window = perfect.get(of(ways[1]).count).window;
    return [
      mode === 'json' ? 'JSON' : 'streaming',
      ratio(throughputOf(ways[1]) / throughputOf(ways[0])),
      ratio(of(ways[1]).count / window.totalMs / (of(ways[0]).count / chunks.totalMs)),
      ratio(throughputOf(ways[2]) / throughputOf(ways[1])),
      ratio(throughputOf(ways[2]) / throughputOf(ways[0])),
      ratio(throughputOf(ways[2]) / (of(ways[2]).count / (window.totalMs / 1000))),
    ];
  });
  console.log(
    markdownTable(
      ['requests sent as', 'sliding / chunked', 'sliding / chunked, simulated (perfect, same latencies)', 'engine / sliding', 'engine / chunked', 'engine / perfect window (simulated)'],
      ratioRows,
    ),
  );

  console.log('\n## the engine run\n');
  console.log(
    markdownTable(
      ['requests sent as', "endpoint window at the end (ceiling 64)", 'times the adaptive window shrank', 'retries', "listeners left on the run's AbortSignal"],
      results
        .filter((result) => result.way === ways[2])
        .map((result) => [result.mode === 'json' ? 'JSON' : 'streaming', result.windowLimit, result.windowDecreases, result.retries, result.listenersLeft]),
    ),
  );
}
