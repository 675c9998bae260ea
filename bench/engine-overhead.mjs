// What does the synthkit engine itself cost per record, and does its memory stay bounded?
//
// A 4-stage pipeline fed by a JSONL seed file — task → task → filter → filter
// (bench:question → bench:answer → heuristic:word-count → heuristic:non-alpha-numeric) — runs over
// 50k records with models that answer at once (no I/O), so the time measured is the engine's own
// work: schema checks, template rendering, parameter merging, call tracing, record ids, metadata,
// and the async hand-offs between stages. It is compared with a bare loop that makes the same model
// calls and the same filter calls (the very objects of the compiled plan) on the same seed file,
// without the engine.
//
// Each variant runs 3 times, interleaved (so a burst of load from elsewhere hits every variant
// alike); the median is reported. Peak RSS and heap are sampled during each run while the output is
// consumed (and discarded). A last engine run forces a full garbage collection at every 10% of the
// records and reads the live heap: if memory is bounded, it stays flat from 10% to 100%.
//
//   node bench/engine-overhead.mjs [--records 50000] [--repetitions 3]
import { performance } from 'node:perf_hooks';
import heuristicFiltersPlugin from '../plugins/filters-heuristic/dist/index.js';
import { compileRecipe, createRegistry, readJsonl, runPipeline } from '../packages/runtime/dist/index.js';
import { benchPlugin } from './shared/bench-plugin.mjs';
import { fixed, markdownTable, mebibytes, ratio } from './shared/markdown-table.mjs';
import { createTemporaryDirectory, writeSeedFile } from './shared/seed-file.mjs';
import { startRunInfo } from './shared/run-info.mjs';
import { exposeGarbageCollector, numberArgument } from './shared/command-line.mjs';

const recordCount = numberArgument('--records', 50_000);
const repetitions = numberArgument('--repetitions', 3);
const warmUpCount = 5_000;
const collectGarbage = exposeGarbageCollector();
const runInfo = startRunInfo('engine-overhead');

const temporary = await createTemporaryDirectory();
const results = [];
let liveHeapByProgress = [];
try {
  const registry = await createRegistry({ plugins: [benchPlugin, heuristicFiltersPlugin], discover: false });
  const seedFiles = {
    [warmUpCount]: await writeSeedFile(temporary.directory, 'warm-up.jsonl', warmUpCount),
    [recordCount]: await writeSeedFile(temporary.directory, 'measured.jsonl', recordCount),
  };
  const compile = (seedPath, concurrency) =>
    compileRecipe({
      registry,
      directory: temporary.directory,
      document: {
        name: 'engine-overhead',
        models: { default: 'instant:m' },
        concurrency,
        stages: [
          { source: seedPath },
          { task: 'bench:question' },
          { task: 'bench:answer' },
          { filter: 'heuristic:word-count', field: 'answer', options: { min_words: 5, max_words: 1000 } },
          { filter: 'heuristic:non-alpha-numeric', field: 'answer' },
        ],
      },
    });

  const variants = [
    { name: 'read seed file only (floor)', run: (count) => readOnly(seedFiles[count]) },
    { name: 'bare loop, same calls, no engine', run: (count) => bareLoop(compile(seedFiles[count], 1)) },
    ...[1, 8, 64].map((concurrency) => ({
      name: `engine, concurrency ${concurrency}${concurrency === 8 ? ' (default)' : ''}`,
      concurrency,
      run: (count) => engine(compile(seedFiles[count], concurrency)),
    })),
  ];

  // Warm-up: every variant once on a small file, so V8 has compiled every path before any timing.
  for (const variant of variants) await variant.run(warmUpCount)(() => {});

  const runs = new Map(variants.map((variant) => [variant, []]));
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const variant of variants) runs.get(variant).push(await measure(variant.run(recordCount), recordCount));
  }
  for (const variant of variants) {
    const measured = runs.get(variant).sort((first, second) => first.wallMs - second.wallMs);
    results.push({
      name: variant.name,
      concurrency: variant.concurrency,
      count: recordCount,
      ...measured[Math.floor(measured.length / 2)],
      fastestMs: measured[0].wallMs,
      slowestMs: measured.at(-1).wallMs,
    });
  }

  const defaultEngine = variants.find((variant) => variant.concurrency === 8);
  liveHeapByProgress = await liveHeapProfile(defaultEngine.run(recordCount), recordCount);
} finally {
  await temporary.remove();
}

printReport();

// --- Variants ---

function readOnly(seedPath) {
  return async (onRecord) => {
    for await (const _record of readJsonl(seedPath)) onRecord();
  };
}

/**
 * The same work without the engine: for each seed, the two model calls with the messages the two
 * templates render to, then the two filters, one record at a time. Models and filters are taken
 * from a compiled plan, so they are the very objects the engine calls.
 */
function bareLoop(plan) {
  const [source, question, answer, wordCount, nonAlphaNumeric] = plan.stages;
  const questionModel = question.models.generator.model;
  const answerModel = answer.models.generator.model;
  return async (onRecord) => {
    for await (const seed of readJsonl(source.path)) {
      const asked = await questionModel.doGenerate({
        messages: [
          { role: 'system', content: 'You write questions.' },
          { role: 'user', content: `Write one question about ${seed.topic}.` },
        ],
        params: {},
      });
      const questionText = asked.choices[0].text;
      const answered = await answerModel.doGenerate({
        messages: [
          { role: 'system', content: 'You answer questions.' },
          { role: 'user', content: questionText },
        ],
        params: {},
      });
      const record = { topic: seed.topic, question: questionText, answer: answered.choices[0].text };
      if (!wordCount.filter.keep(await wordCount.filter.score(record.answer, record))) continue;
      if (!nonAlphaNumeric.filter.keep(await nonAlphaNumeric.filter.score(record.answer, record))) continue;
      onRecord(record);
    }
  };
}

function engine(plan) {
  return async (onRecord) => {
    let rejects = 0;
    for await (const record of runPipeline({ plan, onReject: () => void rejects++ })) onRecord(record);
    if (rejects > 0) throw new Error(`the engine rejected ${rejects} records; every record should pass`);
  };
}

// --- Measuring ---

async function measure(run, expectedCount) {
  collectGarbage();
  const baseline = process.memoryUsage();
  const peaks = { rss: baseline.rss, heapUsed: baseline.heapUsed };
  const sample = () => {
    const usage = process.memoryUsage();
    if (usage.rss > peaks.rss) peaks.rss = usage.rss;
    if (usage.heapUsed > peaks.heapUsed) peaks.heapUsed = usage.heapUsed;
  };
  // Two samplers: a timer (catches growth between records) and every 1024th record (the timer
  // can starve while a run stays in microtasks).
  const timer = setInterval(sample, 10);
  let count = 0;
  const start = performance.now();
  await run(() => {
    if ((++count & 1023) === 0) sample();
  });
  const wallMs = performance.now() - start;
  clearInterval(timer);
  sample();
  if (count !== expectedCount) throw new Error(`expected ${expectedCount} records out, got ${count}`);
  return { wallMs, baselineRss: baseline.rss, baselineHeap: baseline.heapUsed, peakRss: peaks.rss, peakHeap: peaks.heapUsed };
}

/**
 * Runs once, forcing a full collection at every 10% of the records and reading what survives: the
 * memory the run really holds at that point (a peak, by contrast, depends on when V8 collects).
 */
async function liveHeapProfile(run, expectedCount) {
  const step = Math.max(1, Math.floor(expectedCount / 10));
  const points = [];
  let count = 0;
  await run(() => {
    if (++count % step === 0) {
      collectGarbage();
      const usage = process.memoryUsage();
      points.push({ count, heapUsed: usage.heapUsed, rss: usage.rss });
    }
  });
  return points;
}

// --- Report ---

function printReport() {
  const bare = results.find((result) => result.name.startsWith('bare loop'));
  const bareMicroseconds = (bare.wallMs * 1000) / bare.count;
  console.log('# engine overhead\n');
  console.log(
    runInfo(
      `source → bench:question → bench:answer → heuristic:word-count → heuristic:non-alpha-numeric · ` +
        `models answer at once (no I/O) · 2 model calls and 2 filter calls per record · ` +
        `median of ${repetitions} interleaved runs`,
    ) + '\n',
  );
  const rows = results.map((result) => {
    const microsecondsPerRecord = (result.wallMs * 1000) / result.count;
    const isBaseline = result === bare || result.name.startsWith('read seed');
    return [
      result.name,
      result.count,
      fixed(result.wallMs / 1000, 2),
      `${fixed(result.fastestMs / 1000, 2)}–${fixed(result.slowestMs / 1000, 2)}`,
      fixed(result.count / (result.wallMs / 1000)),
      fixed(microsecondsPerRecord, 1),
      isBaseline ? '' : fixed(microsecondsPerRecord - bareMicroseconds, 1),
      isBaseline ? '' : ratio(microsecondsPerRecord / bareMicroseconds, 1),
      mebibytes(result.peakRss),
      mebibytes(result.peakHeap),
      mebibytes(result.peakHeap - result.baselineHeap),
    ];
  });
  console.log(
    markdownTable(
      [
        'variant',
        'records',
        'wall s (median)',
        'wall s (range)',
        'records/s',
        'µs / record',
        'engine overhead µs / record (− bare)',
        'engine / bare',
        'peak RSS MiB',
        'peak heap MiB',
        'heap growth MiB (peak − start)',
      ],
      rows,
    ),
  );
  console.log('\n## live memory during an engine run (concurrency 8, full GC at every 10%)\n');
  const first = liveHeapByProgress[0];
  console.log(
    markdownTable(
      ['records out', 'live heap MiB', 'live heap / at 10%', 'RSS MiB'],
      liveHeapByProgress.map((point) => [point.count, mebibytes(point.heapUsed), ratio(point.heapUsed / first.heapUsed), mebibytes(point.rss)]),
    ),
  );
}

