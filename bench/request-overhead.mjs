// What does a request cost the client through the whole synthkit pipeline, compared with the bare
// openai SDK?
//
// A test server in a worker thread answers at once (no latency), so every way below is limited by
// the client's CPU alone, and throughput measures what one request costs the client. The same N
// chat requests (the user message `bench:ask` renders, one fixed answer) are sent at concurrency C
// in three ways:
//
//   bare openai SDK   the official client, `new OpenAI({ baseURL, apiKey, maxRetries: 0 })`, and a
//                     sliding window of C `chat.completions.create` calls (C async workers taking
//                     the next request as soon as theirs is done), reading the answer text;
//   bare SDK, synthkit's fetch
//                     the same client and loop with `fetch: createHttpFetch()`, the transport the
//                     provider uses by default (undici's request() instead of the global fetch):
//                     engine / this way is what the engine itself costs, transport aside;
//   provider only     the same sliding window over synthkit's OpenAI provider
//                     (`createOpenAI(...).languageModel('m').doGenerate`): what the provider adds;
//   engine            the whole pipeline: `runPipeline` on a plan compiled in code (a JSONL source →
//                     `bench:ask`, one `context.generate` per record) with
//                     `endpoints: { default: { concurrency: C } }`: record ids, the task context,
//                     template rendering, the gateway's middleware (statistics, finish reason,
//                     retry, rate limit, concurrency window, timeout), the provider.
//
// Like is compared with like: `json` sends non-streaming requests in every way (the provider with
// `stream: false`), `stream` sends streaming requests in every way (the provider's default, and
// `stream: true, stream_options: { include_usage: true }` in the bare loop, which joins the chunks).
// Each way runs `--repetitions` times, interleaved, after a warm-up; medians are reported, and
// every ratio compares ways measured in the same run.
//
//   node bench/request-overhead.mjs [--requests 2000] [--concurrency 32,128] [--repetitions 3]
//                                   [--modes json,stream] [--ways bare,bare-http,provider,engine]
//
// To see where the client's CPU goes, run one way under the profiler and summarise the profile:
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/request-overhead.mjs --concurrency 128 --modes json \
//        --ways bare,engine --marks /tmp/prof/marks.json
//   node bench/summarise-cpu-profile.mjs /tmp/prof/CPU.<...>.0.001.cpuprofile --marks /tmp/prof/marks.json
//
// `--marks FILE` writes when each measured run started and ended (on the profiler's clock), so the
// summary splits the profile by way: self time per component in µs per request, way beside way.
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import openAIPlugin, { createOpenAI } from '../plugins/provider-openai/dist/index.js';
import { createHttpFetch } from '../packages/provider-utils/dist/index.js';
import { compileRecipe, createRegistry, runPipeline } from '../packages/runtime/dist/index.js';
import { askPrompt, benchPlugin } from './shared/bench-plugin.mjs';
import { fixed, markdownTable, ratio } from './shared/markdown-table.mjs';
import { createTemporaryDirectory, seedTopic, writeSeedFile } from './shared/seed-file.mjs';
import { defaultAnswer, startTestServerThread } from './shared/test-server-thread.mjs';
import { listArgument, numberArgument, optionalStringArgument, stringListArgument } from './shared/command-line.mjs';
import { startRunInfo } from './shared/run-info.mjs';
import { threadCpuMicroseconds } from './shared/thread-cpu.mjs';
// The openai SDK the provider uses (the same package and version), without adding a dependency.
import OpenAI from '../plugins/provider-openai/node_modules/openai/index.mjs';

const requestCount = numberArgument('--requests', 2000);
const concurrencies = listArgument('--concurrency', [32, 128]);
const repetitions = numberArgument('--repetitions', 3);
const modes = stringListArgument('--modes', ['json', 'stream'], ['json', 'stream']);
const allWays = ['bare', 'bare-http', 'provider', 'engine'];
const wayKeys = stringListArgument('--ways', allWays, allWays);
const marksFile = optionalStringArgument('--marks');
const runInfo = startRunInfo('request-overhead');

const wayNames = { bare: 'bare openai SDK', 'bare-http': "bare SDK, synthkit's fetch", provider: 'provider only (doGenerate)', engine: 'engine (runPipeline)' };

const temporary = await createTemporaryDirectory();
const server = await startTestServerThread({ latencyMs: 0 });
const results = [];
const marks = [];
try {
  const registry = await createRegistry({ plugins: [benchPlugin, openAIPlugin], discover: false });
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0 });
  const httpClient = new OpenAI({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0, fetch: createHttpFetch() });
  const seedFiles = new Map();
  const seedFile = async (count) => {
    if (!seedFiles.has(count)) seedFiles.set(count, await writeSeedFile(temporary.directory, `seeds-${count}.jsonl`, count));
    return seedFiles.get(count);
  };
  const models = {
    json: createOpenAI({ baseURL: server.baseURL, apiKey: 'bench', stream: false }).languageModel('m'),
    stream: createOpenAI({ baseURL: server.baseURL, apiKey: 'bench' }).languageModel('m'),
  };

  /** A function that runs `count` requests the given way; plans and seed files are made before the clock starts. */
  const prepare = async (key, mode, concurrency, count) => {
    if (key === 'bare') return () => bareSdk({ client, stream: mode === 'stream', count, concurrency });
    if (key === 'bare-http') return () => bareSdk({ client: httpClient, stream: mode === 'stream', count, concurrency });
    if (key === 'provider') return () => providerOnly({ model: models[mode], count, concurrency });
    const plan = compileRecipe({
      registry,
      directory: temporary.directory,
      document: {
        name: 'request-overhead',
        models: { default: 'openai:m' },
        providers: { openai: { baseURL: server.baseURL, apiKey: 'bench', ...(mode === 'json' ? { stream: false } : {}) } },
        endpoints: { default: { concurrency } },
        stages: [{ source: await seedFile(count) }, { task: 'bench:ask' }],
      },
    });
    return () => engine({ plan });
  };

  const cells = [];
  for (const concurrency of concurrencies) for (const mode of modes) for (const key of wayKeys) cells.push({ concurrency, mode, key, measured: [] });
  // Warm-up: every way once, so connections are open and V8 has optimised every path.
  for (const cell of cells) {
    const count = Math.max(1000, 8 * cell.concurrency);
    await (await prepare(cell.key, cell.mode, cell.concurrency, count))();
  }
  // Interleaved repetitions: a burst of load from elsewhere on the machine hits every way alike.
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const cell of cells) {
      const measured = await measure(await prepare(cell.key, cell.mode, cell.concurrency, requestCount));
      cell.measured.push(measured);
      marks.push({ label: `${wayNames[cell.key]} · ${cell.mode} · C ${cell.concurrency}`, requests: measured.completed, startUs: measured.startUs, endUs: measured.endUs });
    }
  }
  if (marksFile != null) await writeFile(marksFile, JSON.stringify(marks, null, 2));
  for (const cell of cells) {
    const sorted = cell.measured.sort((first, second) => first.wallMs - second.wallMs);
    results.push({ ...cell, ...sorted[Math.floor(sorted.length / 2)], fastestMs: sorted[0].wallMs, slowestMs: sorted.at(-1).wallMs });
  }
} finally {
  await server.close();
  await temporary.remove();
}

printReport();

// --- The three ways ---

/** The official client alone: C workers, each sending the next request when its own is answered. */
async function bareSdk({ client, stream, count, concurrency }) {
  let next = 0;
  let completed = 0;
  const worker = async () => {
    while (next < count) {
      const messages = [{ role: 'user', content: askPrompt(seedTopic(next++)) }];
      let text;
      if (stream) {
        const chunks = await client.chat.completions.create({ model: 'm', messages, stream: true, stream_options: { include_usage: true } });
        text = '';
        for await (const chunk of chunks) text += chunk.choices[0]?.delta?.content ?? '';
      } else {
        const completion = await client.chat.completions.create({ model: 'm', messages });
        text = completion.choices[0].message.content;
      }
      checkAnswer(text);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return completed;
}

/** The same window over synthkit's OpenAI provider: what it adds to the SDK. */
async function providerOnly({ model, count, concurrency }) {
  let next = 0;
  let completed = 0;
  const worker = async () => {
    while (next < count) {
      const result = await model.doGenerate({ messages: [{ role: 'user', content: askPrompt(seedTopic(next++)) }], params: {} });
      checkAnswer(result.choices[0].text);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return completed;
}

async function engine({ plan }) {
  let completed = 0;
  let rejects = 0;
  for await (const record of runPipeline({ plan, onReject: () => void rejects++ })) {
    checkAnswer(record.answer);
    completed++;
  }
  if (rejects > 0) throw new Error(`the engine rejected ${rejects} records; every request should succeed`);
  return completed;
}

function checkAnswer(text) {
  if (text !== defaultAnswer) throw new Error(`unexpected answer ${JSON.stringify(text)}`);
}

// --- Measuring ---

async function measure(run) {
  await server.startSampling();
  const loopBefore = performance.eventLoopUtilization();
  // The profiler's clock (for --marks) is the monotonic clock of process.hrtime, in µs.
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const cpuBefore = threadCpuMicroseconds();
  const start = performance.now();
  const completed = await run();
  const wallMs = performance.now() - start;
  const clientCpuUs = cpuBefore == null ? undefined : threadCpuMicroseconds() - cpuBefore;
  const endUs = Number(process.hrtime.bigint() / 1000n);
  const clientLoopBusy = performance.eventLoopUtilization(loopBefore).utilization;
  const { serverLoopBusy, samples: _samples } = await server.stopSampling();
  if (completed !== requestCount) throw new Error(`completed ${completed} of ${requestCount} requests`);
  return { completed, wallMs, clientLoopBusy, clientCpuUs, serverLoopBusy, startUs, endUs };
}

// --- Report ---

function printReport() {
  console.log('# request overhead: the whole pipeline against the bare openai SDK\n');
  console.log(
    runInfo(
      `${requestCount} requests per run · test server answering at once (no latency) in a worker thread on 127.0.0.1 · ` +
        `median of ${repetitions} interleaved runs`,
    ) + '\n',
  );
  const wayOf = (key, result) => results.find((entry) => entry.key === key && entry.concurrency === result.concurrency && entry.mode === result.mode);
  const bareOf = (result) => wayOf('bare', result);
  const throughputOf = (result) => result.completed / (result.wallMs / 1000);
  const cpuPerRequest = (result) => (result.clientCpuUs == null ? Number.NaN : result.clientCpuUs / result.completed);
  const rows = results.map((result) => {
    const bare = bareOf(result);
    return [
      wayNames[result.key],
      result.mode === 'json' ? 'JSON' : 'streaming',
      result.concurrency,
      fixed(result.wallMs / 1000, 2),
      `${fixed(result.fastestMs / 1000, 2)}–${fixed(result.slowestMs / 1000, 2)}`,
      fixed(throughputOf(result)),
      bare == null ? 'n/a' : ratio(throughputOf(result) / throughputOf(bare)),
      wayOf('bare-http', result) == null ? 'n/a' : ratio(throughputOf(result) / throughputOf(wayOf('bare-http', result))),
      `${fixed(result.clientLoopBusy * 100)}%`,
      fixed((result.clientLoopBusy * result.wallMs * 1000) / result.completed),
      fixed(cpuPerRequest(result)),
      bare == null ? 'n/a' : fixed(cpuPerRequest(result) - cpuPerRequest(bare)),
      bare == null ? 'n/a' : ratio(cpuPerRequest(bare) / cpuPerRequest(result)),
      `${fixed(result.serverLoopBusy * 100)}%`,
    ];
  });
  console.log(
    markdownTable(
      [
        'way',
        'requests sent as',
        'C',
        'wall s (median)',
        'wall s (range)',
        'req/s',
        'throughput / bare SDK',
        "throughput / bare SDK with synthkit's fetch",
        'client loop busy',
        'client busy µs / request',
        'client CPU µs / request',
        'CPU µs / request over bare SDK',
        'bare SDK CPU / this CPU',
        'server loop busy',
      ],
      rows,
    ),
  );
}
