// The Nemotron open-QA pipeline against an endpoint of limited capacity with heavy-tailed latency,
// in the default list mode (`conversion: auto`: lists read locally) and in `conversion: llm` mode
// (NeMo's behaviour: every list copied into YAML by a second model call), compared with a simulated
// ideal scheduler replaying the very same calls.
//
// The pipeline: the four tasks of @synthkit/tasks-nemotron as examples/open-qa/recipe.yaml has them
// (macro topics → subtopics → open-QA questions → revisions; `include_macro_topic` on, so each macro
// topic also gets questions), **without the recipe's three filters** (they make no model calls and
// would drop nothing here) and without its `concurrency: 8`, so the request window bounds the run.
// Shapes: C = 16 with 4/4/4/2 (4 macro topics, 4 subtopics each, 4 questions per topic, 2 revisions
// per question) and C = 64 with 5/5/5/3. Run with `runRecipe` in this process, no response cache.
//
// The endpoint: the demo rules of examples/open-qa/demo-server.mjs in @synthkit/test-server, in a
// worker thread on 127.0.0.1, with `capacity: C` (it processes at most C requests at once; more
// would wait server-side, still counted in `maxInFlight`) and a seeded lognormal latency of mean
// `--latency` ms (200), sigma 0.8, drawn per prompt (shared/prompt-latency.mjs): the same call takes
// the same time in every run and both modes. A fresh server per run. The client's window
// (`endpoints.default.concurrency`) is C.
//
// The ideal: the run's calls, rebuilt from the server's request log as a tree (each call after the
// call whose answer it needs: shared/open-qa-call-tree.mjs), replayed with their latencies on C
// slots by a greedy scheduler with no client cost that is never idle while a call is ready and
// prefers deeper calls (shared/latency-simulation.mjs `simulateDependentCalls`).
//
//   node bench/open-qa-pipeline.mjs [--latency 200] [--repetitions 2] [--conversion auto,llm] [--concurrency 16,64]
//                                   [--stream yes|no]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import nemotronPlugin from '../plugins/tasks-nemotron/dist/index.js';
import openAIPlugin from '../plugins/provider-openai/dist/index.js';
import { compileRecipe, createRegistry, loadRecipeFile, runRecipe } from '../packages/runtime/dist/index.js';
import { listArgument, numberArgument, stringArgument, stringListArgument } from './shared/command-line.mjs';
import { simulateDependentCalls } from './shared/latency-simulation.mjs';
import { fixed, markdownTable, ratio } from './shared/markdown-table.mjs';
import { openQACallTree } from './shared/open-qa-call-tree.mjs';
import { promptLatencyMs } from './shared/prompt-latency.mjs';
import { startRunInfo } from './shared/run-info.mjs';
import { startTestServerThread } from './shared/test-server-thread.mjs';
import { threadCpuMicroseconds } from './shared/thread-cpu.mjs';

/** The two configurations of issue 8: capacity C and the pipeline's shape. */
const configurations = [
  { concurrency: 16, shape: { n_macro_topics: 4, n_subtopics: 4, n_openlines: 4, n_revisions: 2 } },
  { concurrency: 64, shape: { n_macro_topics: 5, n_subtopics: 5, n_openlines: 5, n_revisions: 3 } },
];
const selectedConcurrencies = listArgument('--concurrency', [16, 64]);
const meanLatencyMs = numberArgument('--latency', 200);
const repetitions = numberArgument('--repetitions', 2);
const modes = stringListArgument('--conversion', ['auto', 'llm'], ['auto', 'llm']);
// The provider's default is streaming; the demo rules stream each answer a word per event.
const streaming = stringArgument('--stream', 'yes', ['yes', 'no']) === 'yes';
const sigma = 0.8;
const latencySeed = 1;
const promptLatency = { meanMs: meanLatencyMs, sigma, seed: latencySeed };
const runInfo = startRunInfo('open-qa-pipeline');

const root = fileURLToPath(new URL('..', import.meta.url));
const recipePath = join(root, 'examples', 'open-qa', 'recipe.yaml');
const stageShapes = {
  'nemotron:macro-topics': (shape) => ({ n_macro_topics: shape.n_macro_topics }),
  'nemotron:subtopics': (shape) => ({ n_subtopics: shape.n_subtopics }),
  'nemotron:open-qa-questions': (shape) => ({ n_openlines: shape.n_openlines }),
  'nemotron:open-qa-revisions': (shape) => ({ n_revisions: shape.n_revisions }),
};
const registry = await createRegistry({ plugins: [nemotronPlugin, openAIPlugin], discover: false });
const selected = configurations.filter((configuration) => selectedConcurrencies.includes(configuration.concurrency));
if (selected.length === 0) throw new Error(`--concurrency must name 16, 64 or both (the configurations of issue 8)`);

// One small unreported run first, so the measured runs do not pay for compiling the code paths.
await runOnce({ concurrency: 16, shape: { n_macro_topics: 2, n_subtopics: 2, n_openlines: 2, n_revisions: 1 } }, 'llm', 20);

const results = [];
for (let repetition = 1; repetition <= repetitions; repetition++) {
  for (const configuration of selected) {
    for (const mode of modes) results.push({ repetition, mode, ...configuration, ...(await runOnce(configuration, mode, meanLatencyMs)) });
  }
}
printReport();

// --- Runs ---

async function runOnce({ concurrency, shape }, mode, latencyMs) {
  const server = await startTestServerThread({ kind: 'open-qa-demo', capacity: concurrency, promptLatency: { ...promptLatency, meanMs: latencyMs } });
  const folder = await mkdtemp(join(tmpdir(), 'open-qa-bench-'));
  const out = join(folder, 'out');
  try {
    const plan = await compilePlan({ baseURL: server.baseURL, concurrency, shape, mode });
    const loopBefore = performance.eventLoopUtilization();
    const cpuBefore = threadCpuMicroseconds();
    const startedAtMs = performance.timeOrigin + performance.now();
    const report = await runRecipe({ plan, out });
    const endedAtMs = performance.timeOrigin + performance.now();
    const loopBusy = performance.eventLoopUtilization(loopBefore).utilization;
    const clientCpuMs = (threadCpuMicroseconds() - cpuBefore) / 1000;
    if (report.status !== 'completed') throw new Error(`${mode} mode at C = ${concurrency} ended ${report.status}: ${report.error ?? ''}`);
    if (report.requests.cacheHits !== 0) throw new Error(`${mode} mode at C = ${concurrency} replayed ${report.requests.cacheHits} answers from a cache`);
    const { maxInFlight, maxProcessing, requestCount } = await server.counters();
    const tree = openQACallTree(await server.requestLog());
    const calls = tree.calls.map((call) => ({ ...call, latencyMs: promptLatencyMs(call.prompt, { ...promptLatency, meanMs: latencyMs }) }));
    const ideal = simulateDependentCalls(calls, concurrency);
    const children = calls.flatMap((call, index) => (call.parent == null ? [] : [index]));
    const records = (await readFile(join(out, 'data.jsonl'), 'utf8')).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
    return {
      wallMs: endedAtMs - startedAtMs,
      serverSpanMs: Math.max(...calls.map((call) => call.answeredAtMs)) - Math.min(...calls.map((call) => call.receivedAtMs)),
      requests: report.requests.total,
      serverRequests: requestCount,
      converterCalls: calls.filter((call) => call.kind === 'converter').length,
      records: report.output.records,
      rejected: report.output.rejected,
      recordShapes: [...new Set(records.map((record) => Object.keys(withoutMeta(record)).sort().join(',')))],
      recordContents: records.map((record) => JSON.stringify(withoutMeta(record), Object.keys(withoutMeta(record)).sort())).sort(),
      maxInFlight,
      maxProcessing,
      meanCallLatencyMs: calls.reduce((sum, call) => sum + call.latencyMs, 0) / calls.length,
      chainCalls: Math.max(...calls.map((call) => call.depth)) + 1,
      callsByDepth: calls.reduce((counts, call) => ((counts[call.depth] = (counts[call.depth] ?? 0) + 1), counts), []).join('/'),
      lateStarts: tree.lateStarts,
      // From a parent's answer to its child's request: client work plus waiting for a window slot,
      // in the run and in the simulation (where only the waiting for a slot is left).
      handOffMs: quantiles(children.map((index) => calls[index].receivedAtMs - calls[calls[index].parent].answeredAtMs), [0.5, 0.9]),
      idealHandOffMs: quantiles(children.map((index) => ideal.startMs[index] - ideal.endMs[calls[index].parent]), [0.5, 0.9]),
      ideal,
      loopBusy,
      clientCpuMs,
      windowDecreases: report.endpoints.reduce((sum, endpoint) => sum + endpoint.decreases, 0),
    };
  } finally {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** examples/open-qa/recipe.yaml's four tasks, shaped, in the given conversion mode, window C. */
async function compilePlan({ baseURL, concurrency, shape, mode }) {
  const { concurrency: _recordsPerStage, ...document } = await loadRecipeFile(recipePath);
  document.providers = { openai: { baseURL, apiKey: 'bench', ...(streaming ? {} : { stream: false }) } };
  document.stages = document.stages
    .filter((stage) => stageShapes[stage.task] != null)
    .map((stage) => ({ ...stage, options: { ...stage.options, ...stageShapes[stage.task](shape), conversion: mode } }));
  return compileRecipe({ document, registry, directory: join(root, 'examples', 'open-qa'), source: recipePath, overrides: { concurrency } });
}

/** The given quantiles (0–1) of the values, nearest rank. */
function quantiles(values, levels) {
  const sorted = [...values].sort((a, b) => a - b);
  return levels.map((level) => sorted[Math.min(sorted.length - 1, Math.floor(level * sorted.length))]);
}

function withoutMeta(record) {
  const { _meta, ...fields } = record;
  return fields;
}

// --- Report ---

/** Prints the tables; a broken check (window, call tree, requirement) also sets a failing exit code. */
function printReport() {
  if (results.some((result) => result.maxInFlight > result.concurrency || result.lateStarts > 0)) process.exitCode = 1;
  console.log('# the open-QA pipeline: default list mode against conversion: llm, and an ideal scheduler\n');
  console.log(
    runInfo(
      `examples/open-qa/recipe.yaml's four nemotron tasks without its filters, runRecipe in this process, no cache · ` +
        `demo rules (demo-server.mjs) in a worker thread on 127.0.0.1 with capacity C, latency lognormal per prompt, mean ${meanLatencyMs} ms, sigma ${sigma}, seed ${latencySeed} · ` +
        `client window C, answers ${streaming ? 'streamed (the provider\'s default)' : 'as plain JSON (stream: false)'} · fresh server per run · ${repetitions} runs of each, in turn`,
    ) + '\n',
  );
  const shapeOf = ({ shape }) => `${shape.n_macro_topics}/${shape.n_subtopics}/${shape.n_openlines}/${shape.n_revisions}`;
  console.log(
    markdownTable(
      [
        'run',
        'C',
        'shape',
        'mode',
        'wall s (runRecipe)',
        'server s (first request → last answer)',
        'requests (run.json)',
        'requests the server got',
        'of which converter',
        'records',
        'rejects',
        'server maxInFlight',
        'maxInFlight ≤ C',
        'server maxProcessing',
        'calls per chain',
        'calls at each depth',
        'mean call latency ms',
        'ideal s (simulated)',
        'wall / ideal',
        'server s / ideal',
        'lower bound s: max(longest chain, latency sum / C)',
        'ideal / lower bound',
        'hand-off ms, median / p90 (parent answered → child sent)',
        'same, ideal',
        'client loop busy',
        'client CPU ms / request',
        'window shrank',
        'sent before parent answered',
      ],
      results.map((result) => [
        result.repetition,
        result.concurrency,
        shapeOf(result),
        result.mode,
        fixed(result.wallMs / 1000, 2),
        fixed(result.serverSpanMs / 1000, 2),
        result.requests,
        result.serverRequests,
        result.converterCalls,
        result.records,
        result.rejected,
        result.maxInFlight,
        result.maxInFlight <= result.concurrency ? 'yes' : '**NO**',
        result.maxProcessing,
        result.chainCalls,
        result.callsByDepth,
        fixed(result.meanCallLatencyMs),
        fixed(result.ideal.totalMs / 1000, 2),
        ratio(result.wallMs / result.ideal.totalMs),
        ratio(result.serverSpanMs / result.ideal.totalMs),
        `${fixed(lowerBound(result) / 1000, 2)} (${result.ideal.criticalPathMs >= result.ideal.workPerSlotMs ? 'chain' : 'work'})`,
        ratio(result.ideal.totalMs / lowerBound(result)),
        result.handOffMs.map((value) => fixed(value)).join(' / '),
        result.idealHandOffMs.map((value) => fixed(value)).join(' / '),
        `${fixed(result.loopBusy * 100)}%`,
        fixed(result.clientCpuMs / result.requests, 2),
        result.windowDecreases,
        result.lateStarts,
      ]),
    ),
  );
  if (!modes.includes('auto') || !modes.includes('llm')) return;
  console.log('\n**Requirement (issue 8): the default mode needs at most half the requests of `conversion: llm` for the same records**\n');
  const rows = [];
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const configuration of selected) {
      const find = (mode) => results.find((result) => result.repetition === repetition && result.concurrency === configuration.concurrency && result.mode === mode);
      const auto = find('auto');
      const llm = find('llm');
      const sameRecords = auto.records === llm.records && JSON.stringify(auto.recordContents) === JSON.stringify(llm.recordContents);
      if (!sameRecords || auto.requests * 2 > llm.requests) process.exitCode = 1;
      rows.push([
        repetition,
        configuration.concurrency,
        shapeOf(configuration),
        auto.requests,
        llm.requests,
        ratio(auto.requests / llm.requests),
        auto.requests * 2 <= llm.requests ? 'yes' : '**NO**',
        `${auto.records} / ${llm.records}`,
        auto.recordShapes.join(' '),
        sameRecords ? 'yes' : '**NO**',
        ratio(auto.wallMs / llm.wallMs),
        ratio(auto.ideal.totalMs / llm.ideal.totalMs),
      ]);
    }
  }
  console.log(
    markdownTable(
      [
        'run',
        'C',
        'shape',
        'requests, auto',
        'requests, llm',
        'auto / llm',
        'auto ≤ ½ llm',
        'records auto / llm',
        'record fields',
        'same records (all fields but _meta)',
        'wall auto / llm',
        'ideal auto / llm (simulated)',
      ],
      rows,
    ),
  );
}

function lowerBound(result) {
  return Math.max(result.ideal.criticalPathMs, result.ideal.workPerSlotMs);
}
