// MinHash dedup at scale: records per second, and is the memory flat as the input grows?
//
// `dedup:minhash` (NeMo Curator's defaults: 24-character shingles, 20 bands × 13 hashes, groups as
// connected components of the LSH bucket graph, found by label passes over sorts on disk) over
// generated short records (100–200 characters of pseudo-words from a seeded list; about 10% are
// near copies of an earlier record with a word added at its start or end), through the aggregate filter's own
// observe() and verdicts(), as the engine calls them (batches of 256), without the engine.
// Each size runs in its own child process, so its peak memory is its own: the peak resident set
// (process.resourceUsage().maxRSS) and the peak heapUsed (sampled every 64 batches and in the
// verdicts loop), which both include garbage not yet collected; and the live heap, after a full
// garbage collection at every 10% of the records observed and of the verdicts given. The filter spills to a fresh temporary folder (band keys: 32 bytes × 20 bands per
// record, so about 640 MB on disk for a million records), removed at the end.
//
//   node bench/minhash-dedup.mjs [--records 250000,1000000]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { exposeGarbageCollector, listArgument, numberArgument } from './shared/command-line.mjs';
import { fixed, markdownTable, mebibytes, ratio } from './shared/markdown-table.mjs';
import { startRunInfo } from './shared/run-info.mjs';

const childRecords = process.argv.includes('--child') ? numberArgument('--child-records', 0) : 0;
if (childRecords > 0) {
  process.stdout.write(`${JSON.stringify(await measure(childRecords))}\n`);
} else {
  const sizes = listArgument('--records', [250_000, 1_000_000]);
  const runInfo = startRunInfo('minhash-dedup');
  const results = sizes.map((records) => {
    process.stderr.write(`minhash-dedup: ${records} records in a child process...\n`);
    const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--child-records', String(records)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    return JSON.parse(output.trim().split('\n').at(-1));
  });
  const rows = results.map((result) => [
    fixed(result.records),
    fixed(result.characters / result.records),
    fixed(result.observeSeconds, 1),
    fixed(result.verdictsSeconds, 1),
    fixed(result.records / (result.observeSeconds + result.verdictsSeconds)),
    mebibytes(result.maxRssBytes),
    mebibytes(result.peakHeapUsedBytes),
    mebibytes(result.peakLiveHeapBytes),
    fixed(result.planted),
    fixed(result.dropped),
    `${fixed((result.caughtPairs / result.planted) * 100, 1)}%`,
    fixed(result.droppedAcrossFamilies),
    `${fixed(result.report.passes)}${result.report.converged ? '' : ' (capped)'}`,
  ]);
  console.log(`### ${runInfo(`dedup:minhash with NeMo's defaults, sizes ${sizes.join(' and ')}, one child process each`)}\n`);
  console.log(
    markdownTable(
      ['records', 'characters / record', 'observe s', 'verdicts s', 'records / s', 'peak RSS MiB', 'peak heapUsed MiB', 'peak live heap MiB', 'planted near copies', 'dropped', 'planted pairs caught', 'dropped for an unrelated record', 'label passes'],
      rows,
    ),
  );
  if (results.length >= 2) {
    const [smallest, largest] = [results[0], results.at(-1)];
    console.log(
      `\n${fixed(largest.records / smallest.records, 1)}× the records: peak RSS ${ratio(largest.maxRssBytes / smallest.maxRssBytes)}, ` +
        `peak heapUsed ${ratio(largest.peakHeapUsedBytes / smallest.peakHeapUsedBytes)}, ` +
        `peak live heap ${ratio(largest.peakLiveHeapBytes / smallest.peakLiveHeapBytes)}, throughput ${ratio(
          largest.records / (largest.observeSeconds + largest.verdictsSeconds) / (smallest.records / (smallest.observeSeconds + smallest.verdictsSeconds)),
        )}.`,
    );
  }
}

/** Runs the filter over `count` generated records and returns the figures (in the child process). */
async function measure(count) {
  const { createMinhashDedupFilter } = await import('../plugins/dedup/dist/index.js');
  const directory = mkdtempSync(join(tmpdir(), 'synthkit-bench-minhash-'));
  let peakHeapUsedBytes = 0;
  const sampleHeap = () => {
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, process.memoryUsage().heapUsed);
  };
  const collectGarbage = exposeGarbageCollector();
  let peakLiveHeapBytes = 0;
  let collectionSeconds = 0;
  const sampleLiveHeap = () => {
    const start = performance.now();
    collectGarbage();
    peakLiveHeapBytes = Math.max(peakLiveHeapBytes, process.memoryUsage().heapUsed);
    collectionSeconds += (performance.now() - start) / 1000;
  };
  const tenth = Math.max(1, Math.floor(count / 10));
  try {
    const filter = createMinhashDedupFilter({}, { directory });
    const context = { directory };
    const words = wordList();
    let characters = 0;
    let planted = 0;
    const batchSize = 256;
    const observeStart = performance.now();
    for (let start = 0, batches = 0; start < count; start += batchSize, batches++) {
      const items = [];
      for (let index = start; index < Math.min(count, start + batchSize); index++) {
        const source = plantedSourceOf(index);
        const text = source < 0 ? baseText(index, words) : nearCopy(baseText(source, words), index, words);
        if (source >= 0) planted++;
        characters += text.length;
        items.push({ index, id: idOf(index), text, record: {} });
      }
      filter.observe(items, context);
      if (batches % 64 === 0) sampleHeap();
      if (Math.floor((start + items.length) / tenth) > Math.floor(start / tenth)) sampleLiveHeap();
    }
    const observeSeconds = (performance.now() - observeStart) / 1000 - collectionSeconds;
    collectionSeconds = 0;
    const verdictsStart = performance.now();
    let dropped = 0;
    let droppedAcrossFamilies = 0;
    let caughtPairs = 0;
    let index = 0;
    // A planted pair is caught when its source, its copy or both are dropped (both: a source with
    // two copies keeps one of them); the copy comes after its source, so both verdicts are known
    // when the copy's arrives.
    // 1 bit a record, for the check (not the filter).
    const droppedBits = new Uint8Array(Math.ceil(count / 8));
    for await (const verdict of filter.verdicts(context)) {
      if (!verdict.keep) {
        dropped++;
        droppedBits[index >> 3] |= 1 << (index & 7);
        // A drop is right when the record it names comes from the same original.
        if (familyOf(Number.parseInt(verdict.duplicateOf.slice(8), 16)) !== familyOf(index)) droppedAcrossFamilies++;
      }
      const source = plantedSourceOf(index);
      if (source >= 0) {
        const sourceDropped = (droppedBits[source >> 3] >> (source & 7)) & 1;
        if (sourceDropped === 1 || !verdict.keep) caughtPairs++;
      }
      if ((index & 0x3fff) === 0) sampleHeap();
      if (index % tenth === tenth - 1) sampleLiveHeap();
      index++;
    }
    sampleHeap();
    const verdictsSeconds = (performance.now() - verdictsStart) / 1000 - collectionSeconds;
    return {
      records: count,
      characters,
      observeSeconds,
      verdictsSeconds,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      peakHeapUsedBytes,
      peakLiveHeapBytes,
      planted,
      dropped,
      droppedAcrossFamilies,
      caughtPairs,
      report: filter.report(),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Every tenth record (on average, chosen by a hash) is a near copy of a record up to 5,000 before it; −1 for the others. */
function plantedSourceOf(index) {
  const hash = mix(index ^ 0x5bd1e995);
  if (index < 10 || hash % 10 !== 0) return -1;
  const source = index - 1 - (mix(hash) % Math.min(index, 5000));
  return plantedSourceOf(source) >= 0 ? -1 : source; // copies of originals only
}

/** Record `index`'s own text: 100–200 characters of pseudo-words, seeded by its index. */
function baseText(index, words) {
  const random = seeded(index * 2 + 1);
  const target = 100 + Math.floor(random() * 100);
  let text = '';
  while (text.length < target) text += (text === '' ? '' : ' ') + words[Math.floor(random() * words.length)];
  return `${text}.`;
}

/**
 * `text` with one word added at its start or its end: a near duplicate (Jaccard ~0.95 on
 * 24-character shingles). A word changed in the middle of a 150-character text would touch 24+
 * of its ~130 shingles (Jaccard ~0.65), which NeMo's bands (20 × 13, threshold ~0.79) rarely catch.
 */
function nearCopy(text, index, words) {
  const random = seeded(index * 2 + 2);
  const word = words[Math.floor(random() * words.length)];
  return random() < 0.5 ? `${word} ${text}` : `${text.slice(0, -1)} ${word}.`;
}

/**
 * 16 hex characters, like an engine `_id`: 8 of a hash (so the order of ids is unrelated to the
 * order of records) and 8 of the record's index (so the check can find the record an id names).
 */
function idOf(index) {
  return createHash('sha256').update(String(index)).digest('hex').slice(0, 8) + index.toString(16).padStart(8, '0');
}

/** The original a record comes from: its source if it is a planted copy, else itself. */
function familyOf(index) {
  const source = plantedSourceOf(index);
  return source >= 0 ? source : index;
}

function wordList() {
  const random = seeded(7);
  const consonants = 'bcdfghjklmnprstvwz';
  const vowels = 'aeiou';
  const words = new Set();
  while (words.size < 5000) {
    let word = '';
    for (let syllable = 0, syllables = 1 + Math.floor(random() * 3); syllable < syllables; syllable++) {
      word += consonants[Math.floor(random() * consonants.length)] + vowels[Math.floor(random() * vowels.length)];
    }
    words.add(word);
  }
  return [...words];
}

function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

function mix(value) {
  let hash = value | 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
