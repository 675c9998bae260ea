// The open-QA example end to end at two request windows: wall time, requests, and the most
// requests ever open at the endpoint, which must never exceed the window C.
//
// The endpoint is the example's own scripted server (examples/open-qa/demo-server.mjs, the
// @synthkit/test-server rules that play each Nemotron prompt) in a worker thread on 127.0.0.1, every
// answer taking `--latency` ms (default 50). A fresh server per run, so its maxInFlight (a high-water
// mark) belongs to that run alone. Every run gets a fresh output folder and a fresh, empty response
// cache (SYNTHKIT_CACHE_DIR), so every request is really sent.
//
//   recipe (CLI)   `synthkit run examples/open-qa/recipe.yaml --concurrency C` through the CLI binary
//                  (packages/cli/dist/bin.js) in a child process: the recipe as written (3 macro
//                  topics × 3 topics × 2 questions × 2 revisions: 31 model calls, the lists read
//                  locally (62 with conversion: llm), 36 prompts, and
//                  `concurrency: 8` records in flight per stage), with the window set to C.
//   scaled (runRecipe)  the same recipe with more of everything (--scale: 8 macro topics, 7
//                  subtopics, 6 questions, 2 revisions: 457 model calls, 914 with conversion: llm) and without its
//                  `concurrency: 8`, so each stage keeps as many records in flight as the window
//                  allows and the window, not the recipe, bounds the requests; run in this process
//                  with `runRecipe` and the plugins the example folder declares.
//
//   node bench/open-qa-example.mjs [--concurrency 16,64] [--latency 50] [--repetitions 2]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compileRecipe, createRegistry, loadRecipeFile, openResponseCache, runRecipe } from '../packages/runtime/dist/index.js';
import { fixed, markdownTable } from './shared/markdown-table.mjs';
import { startTestServerThread } from './shared/test-server-thread.mjs';
import { listArgument, numberArgument } from './shared/command-line.mjs';
import { startRunInfo } from './shared/run-info.mjs';

const concurrencies = listArgument('--concurrency', [16, 64]);
const latencyMs = numberArgument('--latency', 50);
const repetitions = numberArgument('--repetitions', 2);
const runInfo = startRunInfo('open-qa-example');

const root = fileURLToPath(new URL('..', import.meta.url));
const exampleDirectory = join(root, 'examples', 'open-qa');
const recipePath = join(exampleDirectory, 'recipe.yaml');
const cliBinary = join(root, 'packages', 'cli', 'dist', 'bin.js');
const scaledOptions = { 'nemotron:macro-topics': { n_macro_topics: 8 }, 'nemotron:subtopics': { n_subtopics: 7 }, 'nemotron:open-qa-questions': { n_openlines: 6 } };

const results = [];
for (let repetition = 0; repetition < repetitions; repetition++) {
  for (const variant of ['recipe (CLI)', 'scaled (runRecipe)']) {
    for (const concurrency of concurrencies) {
      results.push({ variant, concurrency, ...(await runOnce(variant, concurrency)) });
    }
  }
}
printReport();

// --- Runs ---

async function runOnce(variant, concurrency) {
  const server = await startTestServerThread({ kind: 'open-qa-demo', latencyMs });
  const folder = await mkdtemp(join(tmpdir(), 'synthkit-bench-open-qa-'));
  const out = join(folder, 'out');
  const cacheDirectory = join(folder, 'cache');
  try {
    const loopBefore = performance.eventLoopUtilization();
    const start = performance.now();
    const report =
      variant === 'recipe (CLI)'
        ? await runCli({ baseURL: server.baseURL, out, cacheDirectory, concurrency })
        : await runScaled({ baseURL: server.baseURL, out, cacheDirectory, concurrency });
    const wallMs = performance.now() - start;
    // For the CLI this process only waits; for runRecipe it is the client.
    const loopBusy = variant === 'recipe (CLI)' ? undefined : performance.eventLoopUtilization(loopBefore).utilization;
    const { maxInFlight, requestCount } = await server.counters();
    if (report.status !== 'completed') throw new Error(`${variant} at C = ${concurrency} ended ${report.status}: ${report.error ?? ''}`);
    if (report.requests.cacheHits !== 0) throw new Error(`${variant} at C = ${concurrency} replayed ${report.requests.cacheHits} answers from a cache`);
    return {
      wallMs,
      runSeconds: report.wallTimeSeconds,
      requests: report.requests.total,
      serverRequests: requestCount,
      records: report.output.records,
      rejected: report.output.rejected,
      maxInFlight,
      loopBusy,
      windowDecreases: report.endpoints.reduce((sum, endpoint) => sum + endpoint.decreases, 0),
    };
  } finally {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The recipe as written, through the CLI binary, as `pnpm synthkit run` does. */
async function runCli({ baseURL, out, cacheDirectory, concurrency }) {
  await promisify(execFile)(process.execPath, [cliBinary, 'run', recipePath, '--out', out, '--concurrency', String(concurrency)], {
    cwd: root,
    env: { ...process.env, OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'bench', SYNTHKIT_CACHE_DIR: cacheDirectory },
  });
  return JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
}

/** The recipe with more topics and no `concurrency`, through runRecipe in this process. */
async function runScaled({ baseURL, out, cacheDirectory, concurrency }) {
  const { concurrency: _recordsPerStage, ...document } = await loadRecipeFile(recipePath);
  document.providers = { openai: { baseURL, apiKey: 'bench' } };
  document.stages = document.stages.map((stage) =>
    scaledOptions[stage.task] == null ? stage : { ...stage, options: { ...stage.options, ...scaledOptions[stage.task] } },
  );
  // The plugins the example folder's package.json declares (discovered as the CLI would).
  const registry = await createRegistry({ directory: exampleDirectory });
  const plan = compileRecipe({ document, registry, directory: exampleDirectory, source: recipePath, overrides: { concurrency } });
  const cache = await openResponseCache(cacheDirectory);
  try {
    return await runRecipe({ plan, out, cache });
  } finally {
    await cache.close();
  }
}

// --- Report ---

function printReport() {
  console.log('# the open-QA example\n');
  console.log(
    runInfo(
      `examples/open-qa/recipe.yaml · its demo endpoint (demo-server.mjs) in a worker thread on 127.0.0.1, every answer after ${latencyMs} ms · ` +
        `fresh output folder and empty SYNTHKIT_CACHE_DIR per run · ${repetitions} runs of each, in turn`,
    ) + '\n',
  );
  const rows = results.map((result) => [
    result.variant,
    result.concurrency,
    fixed(result.wallMs / 1000, 2),
    fixed(result.runSeconds, 2),
    result.requests,
    result.serverRequests,
    result.records,
    result.rejected,
    result.maxInFlight,
    result.maxInFlight <= result.concurrency ? 'yes' : '**NO**',
    fixed(result.requests / result.runSeconds),
    result.loopBusy == null ? 'n/a (child process)' : `${fixed(result.loopBusy * 100)}%`,
    result.loopBusy == null ? '' : fixed((result.loopBusy * result.wallMs * 1000) / result.requests),
    result.windowDecreases,
  ]);
  console.log(
    markdownTable(
      [
        'variant',
        'C (--concurrency)',
        'wall s (whole call)',
        'run s (run.json)',
        'requests (run.json)',
        'requests the server got',
        'records',
        'rejects',
        'server maxInFlight',
        'maxInFlight ≤ C',
        'requests / run s',
        'client loop busy',
        'client busy µs / request',
        'window shrank',
      ],
      rows,
    ),
  );
}
