// How well does synthkit keep a slow, jittery endpoint busy?
//
// Sends the same N chat requests at concurrency C through the real OpenAI provider to a loopback
// test server whose answers take a uniformly random 20–120 ms, in four ways:
//
//   chunked         NeMo Curator's AsyncNemotronGenerator._gather: chunks of C requests, each chunk
//                   awaited (Promise.all) before the next starts — a barrier, so every chunk lasts
//                   as long as its slowest request;
//   sliding window  synthkit's mapConcurrent: a new request starts the moment one finishes;
//   engine          the whole synthkit engine: a plan compiled in code (source JSONL → a task that
//                   makes one context.generate call per record), run by runPipeline;
//   semaphore       NeMo Curator's Ray-line AsyncLLMClient: every request is started at once and
//                   waits on a semaphore of C slots — no barrier, but all N are pending from the start.
//
// The ideal is C requests always in flight: C / mean latency requests per second. Every figure is
// reported as a ratio to that ideal, and the ways are compared with each other.
//
//   node bench/endpoint-saturation.mjs [--requests 2000] [--concurrency 32,128]
import { availableParallelism, loadavg } from 'node:os';
import { getEventListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import openAIPlugin, { createOpenAI } from '../plugins/provider-openai/dist/index.js';
import { compileRecipe, createRegistry, runPipeline } from '../packages/runtime/dist/index.js';
import { mapConcurrent } from '../packages/runtime/dist/internal.js';
import { askPrompt, benchPlugin } from './shared/bench-plugin.mjs';
import { fixed, markdownTable, ratio } from './shared/markdown-table.mjs';
import { createTemporaryDirectory, seedTopic, writeSeedFile } from './shared/seed-file.mjs';
import { startTestServerThread } from './shared/test-server-thread.mjs';
import { listArgument, numberArgument } from './shared/command-line.mjs';

const requestCount = numberArgument('--requests', 2000);
const concurrencies = listArgument('--concurrency', [32, 128]);
const latencyMs = { min: 20, max: 120 };
const meanLatencyMs = (latencyMs.min + latencyMs.max) / 2;
const loadAtStart = loadavg();

const ways = ['chunked (NeMo _gather)', 'sliding window (mapConcurrent)', 'engine (runPipeline)', 'semaphore (NeMo Ray-line client)'];

const clientInFlight = createInFlightMeter();
const results = [];
const leftoverListeners = [];
const temporary = await createTemporaryDirectory();
// The engine's OpenAI models get the same in-flight counting wrapper as the hand-made ones.
const registry = await createRegistry({ plugins: [benchPlugin, withCountingModels(openAIPlugin)], discover: false });

try {
  for (const concurrency of concurrencies) {
    // Warm-up: enough requests to open C keep-alive connections and get the code paths optimised
    // by V8 (a few hundred were not enough for the engine's longer path), sent the same way as the
    // measured run that follows.
    const warmUpCount = Math.max(8 * concurrency, 1000);
    const warmUpSeeds = await writeSeedFile(temporary.directory, `warm-up-${concurrency}.jsonl`, warmUpCount);
    const measuredSeeds = await writeSeedFile(temporary.directory, `measured-${concurrency}.jsonl`, requestCount);

    for (const way of ways) {
      // Each way gets a fresh server (same thread, same settings) so that the server's
      // maxInFlight — a high-water mark since start — describes this way alone.
      const server = await startTestServerThread({ latencyMs });
      try {
        const model = countingModel(createOpenAI({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0 }).languageModel('m'));
        const compile = (seedPath) => compilePlan({ baseURL: server.baseURL, seedPath, concurrency });
        const run = {
          [ways[0]]: (count) => () => chunked({ model, count, concurrency }),
          [ways[1]]: (count) => () => slidingWindow({ model, count, concurrency }),
          [ways[2]]: (count) => {
            // Plans are compiled before the clock starts: compiling is a one-off, not per request.
            const plan = compile(count === warmUpCount ? warmUpSeeds : measuredSeeds);
            return () => engine({ plan });
          },
          [ways[3]]: (count) => () => semaphore({ model, count, concurrency }),
        }[way];

        await run(warmUpCount)();
        const measured = await measure(server, run(requestCount));
        if (measured.completed !== requestCount) {
          throw new Error(`${way} at concurrency ${concurrency} completed ${measured.completed} of ${requestCount} requests`);
        }
        if (measured.listenersLeft != null) leftoverListeners.push({ concurrency, listeners: measured.listenersLeft });
        results.push({ concurrency, way, ...measured });
      } finally {
        await server.close();
      }
    }
  }
} finally {
  await temporary.remove();
}

printReport();

// --- The four ways of sending the requests ---

/** One request, identical in every way: the user message `bench:ask` renders for seed `index`. */
function sendRequest(model, index) {
  return model.doGenerate({ messages: [{ role: 'user', content: askPrompt(seedTopic(index)) }], params: {} });
}

/** NeMo's `_gather`: consecutive chunks of `concurrency`, each awaited before the next starts. */
async function chunked({ model, count, concurrency }) {
  let completed = 0;
  for (let start = 0; start < count; start += concurrency) {
    const chunk = [];
    for (let index = start; index < Math.min(count, start + concurrency); index++) chunk.push(sendRequest(model, index));
    completed += (await Promise.all(chunk)).length;
  }
  return { completed };
}

/**
 * The Ray-line client's shape: all requests created up front, each taking one of `concurrency`
 * slots (asyncio.Semaphore) for the duration of its call.
 */
async function semaphore({ model, count, concurrency }) {
  let free = concurrency;
  const waiting = [];
  const acquire = () => {
    if (free > 0) {
      free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next == null) free++;
    else next();
  };
  const calls = [];
  for (let index = 0; index < count; index++) {
    calls.push(
      acquire().then(async () => {
        try {
          return await sendRequest(model, index);
        } finally {
          release();
        }
      }),
    );
  }
  return { completed: (await Promise.all(calls)).length };
}

/** synthkit's sliding window over the same requests, without the rest of the engine. */
async function slidingWindow({ model, count, concurrency }) {
  async function* indices() {
    for (let index = 0; index < count; index++) yield index;
  }
  let completed = 0;
  const outputs = mapConcurrent(indices(), { concurrency }, async (index, emit) => emit(await sendRequest(model, index)));
  for await (const _result of outputs) completed++;
  return { completed };
}

/**
 * The real engine: source stage → `bench:ask` (one context.generate per record). Unlike the other
 * ways it passes an AbortSignal to every call — the engine always does — so its cost is included.
 */
async function engine({ plan }) {
  // Our own signal, so that what the run leaves attached to it can be inspected afterwards.
  const controller = new AbortController();
  let completed = 0;
  let rejects = 0;
  for await (const _record of runPipeline({ plan, signal: controller.signal, onReject: () => void rejects++ })) completed++;
  if (rejects > 0) throw new Error(`the engine rejected ${rejects} records; every request should succeed`);
  return { completed, listenersLeft: getEventListeners(controller.signal, 'abort').length };
}

function compilePlan({ baseURL, seedPath, concurrency }) {
  const document = {
    name: 'endpoint-saturation',
    models: { default: 'openai:m' },
    providers: { openai: { baseURL, apiKey: 'bench', maxRetries: 0 } },
    concurrency,
    stages: [{ source: seedPath }, { task: 'bench:ask' }],
  };
  return compileRecipe({ document, registry, directory: temporary.directory });
}

// --- Measuring ---

async function measure(server, run) {
  await server.startSampling();
  const loopBefore = performance.eventLoopUtilization();
  clientInFlight.start();
  const start = performance.now();
  const outcome = await run();
  const wallMs = performance.now() - start;
  const client = clientInFlight.stop();
  // How busy the client's event loop was: near 100% means the client, not the endpoint, limits.
  const clientLoopBusy = performance.eventLoopUtilization(loopBefore).utilization;
  const serverSide = await server.stopSampling();
  return { ...outcome, wallMs, clientLoopBusy, clientMeanInFlight: client.meanInFlight, clientMaxInFlight: client.maxInFlight, ...serverSide };
}

/**
 * Counts the client's requests in flight (from the doGenerate call to its settling) and integrates
 * the count over time: an exact time-weighted mean. Sampling it with a timer on the client's own
 * loop does not work: when the loop is saturated, timers fire a fraction of the times asked, and
 * at biased moments (a first version read 78 where the exact mean was 116).
 */
function createInFlightMeter() {
  let inFlight = 0;
  let maximum = 0;
  let area = 0;
  let last = performance.now();
  let startedAt = last;
  const advance = () => {
    const now = performance.now();
    area += inFlight * (now - last);
    last = now;
  };
  return {
    change(delta) {
      advance();
      inFlight += delta;
      if (inFlight > maximum) maximum = inFlight;
    },
    start() {
      advance();
      area = 0;
      maximum = inFlight;
      startedAt = last;
    },
    stop() {
      advance();
      return { meanInFlight: area / Math.max(1e-9, last - startedAt), maxInFlight: maximum };
    },
  };
}

/** A model that counts its calls in `clientInFlight`; every way uses it, so the cost is the same. */
function countingModel(model) {
  return {
    specificationVersion: 'v1',
    provider: model.provider,
    modelId: model.modelId,
    async doGenerate(options) {
      clientInFlight.change(1);
      try {
        return await model.doGenerate(options);
      } finally {
        clientInFlight.change(-1);
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
  console.log(`# endpoint saturation\n`);
  console.log(
    `${new Date().toISOString()} · ${availableParallelism()} cores · node ${process.version} · ` +
      `${requestCount} requests per way · latency uniform ${latencyMs.min}–${latencyMs.max} ms (mean ${meanLatencyMs} ms) · ` +
      `OpenAI provider (maxRetries 0) → test server in a worker thread on 127.0.0.1 · ` +
      `load average ${loadAtStart[0].toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end\n`,
  );
  const rows = results.map((result) => {
    const throughput = result.completed / (result.wallMs / 1000);
    const idealThroughput = result.concurrency / (meanLatencyMs / 1000);
    return [
      result.way,
      result.concurrency,
      fixed(result.wallMs / 1000, 2),
      fixed(throughput),
      fixed(idealThroughput),
      ratio(throughput / idealThroughput),
      fixed(result.clientMeanInFlight, 1),
      result.clientMaxInFlight,
      fixed(result.meanInFlight, 1),
      ratio(result.meanInFlight / result.concurrency),
      result.maxInFlight,
      // Little's law: in flight = throughput × latency. Server side, this is the latency the server
      // really gave (configured mean 70 ms); client side, what a call took as the client saw it. The
      // difference is time spent queued in the client (building, sending, parsing on a busy loop).
      fixed((result.meanInFlight / throughput) * 1000, 1),
      fixed((result.clientMeanInFlight / throughput) * 1000, 1),
      `${fixed(result.clientLoopBusy * 100)}%`,
      // Client CPU per request: when it approaches 1 / (ideal req/s), the client is the bottleneck.
      fixed((result.clientLoopBusy * result.wallMs * 1000) / result.completed),
    ];
  });
  console.log(
    markdownTable(
      [
        'way',
        'C',
        'wall s',
        'req/s',
        'ideal req/s (C / 70 ms)',
        'throughput / ideal',
        'client mean in flight',
        'client max in flight',
        'server mean in flight',
        'server mean in flight / C',
        'server maxInFlight',
        "server Little's-law latency ms",
        "client Little's-law latency ms",
        'client loop busy',
        'client busy µs / request',
      ],
      rows,
    ),
  );

  console.log('\n## ratios\n');
  const ratioRows = concurrencies.map((concurrency) => {
    const throughputOf = (way) => {
      const result = results.find((entry) => entry.concurrency === concurrency && entry.way === way);
      return result.completed / (result.wallMs / 1000);
    };
    // What a barrier costs in theory: each chunk lasts as long as its slowest request, whose
    // expected latency is min + (max − min) · C / (C + 1) for C uniform draws.
    const expectedChunkMs = latencyMs.min + ((latencyMs.max - latencyMs.min) * concurrency) / (concurrency + 1);
    return [
      concurrency,
      ratio(throughputOf(ways[1]) / throughputOf(ways[0])),
      ratio(expectedChunkMs / meanLatencyMs),
      ratio(throughputOf(ways[2]) / throughputOf(ways[1])),
      ratio(throughputOf(ways[2]) / throughputOf(ways[0])),
      ratio(throughputOf(ways[1]) / throughputOf(ways[3])),
    ];
  });
  console.log(
    markdownTable(
      ['C', 'sliding / chunked', 'sliding / chunked, theory', 'engine / sliding (engine overhead)', 'engine / chunked', 'sliding / semaphore'],
      ratioRows,
    ),
  );

  console.log('\n## abort listeners left on the run signal after the engine run\n');
  console.log(
    markdownTable(
      ['C', 'requests', "listeners on the run's AbortSignal after the run"],
      leftoverListeners.map((entry) => [entry.concurrency, requestCount, entry.listeners]),
    ),
  );
}
