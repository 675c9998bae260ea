// Does the engine's per-request cost stay flat as a run gets longer?
//
// runPipeline hands one run-wide AbortSignal to every model call (create-task-context.ts passes
// `signal` to doGenerate). The openai SDK (v6, client.mjs `fetchWithTimeout`) adds an `abort`
// listener to that signal for every request and never removes it after the request completes. So
// the run signal collects one listener per request made so far — and Node's EventTarget walks its
// whole listener list on every addEventListener (to skip duplicates), so each new request costs
// time proportional to the requests already made: quadratic in the run's length, plus memory
// that is only freed when the run ends.
//
// This script measures it with the real OpenAI provider (the real openai SDK code path) at growing
// request counts, in three ways:
//
//   sliding window, no signal        mapConcurrent calling doGenerate without a signal;
//   sliding window, shared signal    the same, passing one AbortSignal to every call (what the engine does);
//   engine                           runPipeline: source → bench:ask (one context.generate per record).
//
// If the cost per request grows with the request count only in the two "shared signal" ways, the
// shared signal is the cause, not the engine's other work. The extra cost over "no signal", divided
// by the listeners already attached on average (N / 2), should then be a constant: the cost of
// walking one listener, which makes the total quadratic in N.
//
// Transport: by default the provider gets an in-process `fetch` (a `createOpenAI` setting) that
// answers every request at once with a canned chat completion, so a request costs tens of µs instead
// of the ~1 ms a loopback HTTP round trip costs on 2 cores, and long runs fit in a few seconds.
// Everything above fetch — the SDK's fetchWithTimeout, which adds the listener — is the real code.
// `--transport http` uses a zero-latency test server in a worker thread on 127.0.0.1 instead
// (slower: keep the counts small, e.g. --requests 2000,8000,16000).
//
//   node bench/abort-listener-growth.mjs [--requests 4000,16000] [--repetitions 3] [--concurrency 32] [--transport in-process|http]
import { getEventListeners, setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import openAIPlugin, { createOpenAI } from '../plugins/provider-openai/dist/index.js';
import { compileRecipe, createRegistry, runPipeline } from '../packages/runtime/dist/index.js';
import { mapConcurrent } from '../packages/runtime/dist/internal.js';
import { askPrompt, benchPlugin } from './shared/bench-plugin.mjs';
import { fixed, markdownTable, mebibytes, ratio } from './shared/markdown-table.mjs';
import { createTemporaryDirectory, seedTopic, writeSeedFile } from './shared/seed-file.mjs';
import { startTestServerThread } from './shared/test-server-thread.mjs';
import { startRunInfo } from './shared/run-info.mjs';
import { exposeGarbageCollector, listArgument, stringArgument } from './shared/command-line.mjs';

const requestCounts = listArgument('--requests', [4000, 16000]);
const repetitions = listArgument('--repetitions', [3])[0];
const transport = stringArgument('--transport', 'in-process', ['in-process', 'http']);
const concurrency = listArgument('--concurrency', [32])[0];
// Enough for V8 to finish optimising the SDK and engine paths (1000 was not: later runs got faster).
const warmUpCount = 3000;
const collectGarbage = exposeGarbageCollector();
const runInfo = startRunInfo('abort-listener-growth');

/** A chat completion as an OpenAI-compatible server sends it; every request gets this one. */
const cannedCompletion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'A short answer.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
});

const ways = ['sliding window, no signal', 'sliding window, shared signal', 'engine (runPipeline)'];
const results = [];
const temporary = await createTemporaryDirectory();
const server = transport === 'http' ? await startTestServerThread({ latencyMs: 0 }) : undefined;
try {
  const providerSettings = {
    baseURL: server?.baseURL ?? 'http://127.0.0.1:9/v1',
    apiKey: 'bench',
    // The canned answer below is a plain JSON completion; the provider streams by default. (The
    // provider's SDK client never retries: maxRetries is fixed at 0 and is no longer a setting.)
    stream: false,
    ...(server == null ? { fetch: answerAtOnce } : {}),
  };
  // The registry's OpenAI provider gets the same settings as the hand-made model; `fetch` can only
  // be set in code, so the plugin is wrapped to add it.
  const registry = await createRegistry({ plugins: [benchPlugin, withProviderSettings(openAIPlugin, providerSettings)], discover: false });
  const model = createOpenAI(providerSettings).languageModel('m');
  const compile = async (count) =>
    compileRecipe({
      registry,
      directory: temporary.directory,
      document: {
        name: 'abort-listener-growth',
        models: { default: 'openai:m' },
        concurrency,
        stages: [{ source: await writeSeedFile(temporary.directory, `seeds-${count}.jsonl`, count) }, { task: 'bench:ask' }],
      },
    });
  const plans = new Map();
  const run = {
    [ways[0]]: async (count) => (signal) => slidingWindow({ model, count, signal: undefined }),
    [ways[1]]: async (count) => (signal) => slidingWindow({ model, count, signal }),
    [ways[2]]: async (count) => {
      // One seed file and plan per size, made before the clock starts and reused by repetitions.
      if (!plans.has(count)) plans.set(count, await compile(count));
      const plan = plans.get(count);
      return (signal) => engine({ plan, signal });
    },
  };

  // Warm-up: every way once, so connections are open and V8 has compiled every path.
  for (const way of ways) await measure(await run[way](warmUpCount));

  // Repetitions are interleaved (every way and size once, then again), so a burst of load from
  // elsewhere on the machine hits every way alike; the median run of each is reported.
  const runs = new Map();
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const count of requestCounts) {
      for (const way of ways) {
        const key = `${way}|${count}`;
        if (!runs.has(key)) runs.set(key, { way, count, measured: [] });
        runs.get(key).measured.push(await measure(await run[way](count)));
      }
    }
  }
  for (const { way, count, measured } of runs.values()) {
    measured.sort((first, second) => first.wallMs - second.wallMs);
    results.push({ way, count, ...measured[Math.floor(measured.length / 2)] });
  }
} finally {
  await server?.close();
  await temporary.remove();
}

printReport();

// --- Transport ---

/** The in-process transport: answers at once, like a server with no latency and no network. */
async function answerAtOnce() {
  return new Response(cannedCompletion, { status: 200, headers: { 'content-type': 'application/json' } });
}

/** The OpenAI plugin with `settings` merged under what the recipe sets (used for `fetch`). */
function withProviderSettings(plugin, settings) {
  const definition = plugin.providers.openai;
  return {
    ...plugin,
    providers: { openai: { ...definition, create: (recipeSettings) => definition.create({ ...settings, ...recipeSettings }) } },
  };
}

// --- Ways ---

async function slidingWindow({ model, count, signal }) {
  async function* indices() {
    for (let index = 0; index < count; index++) yield index;
  }
  let completed = 0;
  const outputs = mapConcurrent(indices(), { concurrency }, async (index, emit) =>
    emit(
      await model.doGenerate({
        messages: [{ role: 'user', content: askPrompt(seedTopic(index)) }],
        params: {},
        ...(signal == null ? {} : { signal }),
      }),
    ),
  );
  for await (const _result of outputs) completed++;
  return completed;
}

async function engine({ plan, signal }) {
  let completed = 0;
  let rejects = 0;
  for await (const _record of runPipeline({ plan, signal, onReject: () => void rejects++ })) completed++;
  if (rejects > 0) throw new Error(`the engine rejected ${rejects} records; every request should succeed`);
  return completed;
}

// --- Measuring ---

async function measure(run) {
  // The signal is created here and kept until after the heap is measured, to see what it holds.
  let controller = new AbortController();
  setMaxListeners(0, controller.signal);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const completed = await run(controller.signal);
  const wallMs = performance.now() - start;
  const listeners = getEventListeners(controller.signal, 'abort').length;
  collectGarbage();
  const heapWithSignal = process.memoryUsage().heapUsed;
  controller = undefined;
  collectGarbage();
  const heapWithoutSignal = process.memoryUsage().heapUsed;
  return {
    completed,
    wallMs,
    listeners,
    // What stays reachable only through the run's signal once the run is over.
    heapHeldBySignal: Math.max(0, heapWithSignal - heapWithoutSignal),
    heapGrowth: heapWithSignal - heapBefore,
  };
}

// --- Report ---

function printReport() {
  console.log('# abort listener growth\n');
  console.log(
    runInfo(
      `concurrency ${concurrency} · ` +
        `OpenAI provider (stream: false) → ${transport === 'http' ? 'zero-latency test server in a worker thread on 127.0.0.1' : 'in-process fetch answering at once'} · ` +
        `median of ${repetitions} interleaved runs`,
    ) + '\n',
  );
  const smallest = Math.min(...requestCounts);
  const microsecondsPerRequest = (result) => (result.wallMs * 1000) / result.count;
  const rows = results.map((result) => {
    const reference = results.find((entry) => entry.way === result.way && entry.count === smallest);
    const noSignal = results.find((entry) => entry.way === ways[0] && entry.count === result.count);
    return [
      result.way,
      result.count,
      fixed(result.wallMs / 1000, 2),
      fixed(microsecondsPerRequest(result)),
      ratio(microsecondsPerRequest(result) / microsecondsPerRequest(reference)),
      ratio(microsecondsPerRequest(result) / microsecondsPerRequest(noSignal)),
      result === noSignal ? '' : fixed(microsecondsPerRequest(result) - microsecondsPerRequest(noSignal)),
      // The extra cost per listener already attached when a request adds its own (N / 2 on average).
      result === noSignal ? '' : fixed(((microsecondsPerRequest(result) - microsecondsPerRequest(noSignal)) * 1000) / (result.count / 2), 1),
      result.listeners,
      mebibytes(result.heapHeldBySignal),
      fixed(result.heapHeldBySignal / result.count),
    ];
  });
  console.log(
    markdownTable(
      [
        'way',
        'requests',
        'wall s (median)',
        'µs / request',
        `µs / request vs ${smallest} requests`,
        'µs / request vs no signal',
        'extra µs / request vs no signal',
        'extra ns per attached listener',
        'listeners left on the signal',
        'heap held by the signal MiB',
        'bytes held / request',
      ],
      rows,
    ),
  );
}

