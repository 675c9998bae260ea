// How fast do the 22 NeMo Curator heuristic filters run, chained in NeMo's order, on real text?
//
// The chain is NeMo Curator's English cascade (`config/heuristic_filter_en.yaml`: 28 filter stages
// of 21 distinct filters, with the top n-gram filter at n = 2, 3, 4 and the duplicate n-gram filter
// at n = 5…10), plus `PornographicUrlsFilter`, which completes the 22 heuristic filters: 29 stages.
// The documents are the agreement corpus of @synthkit/filters-heuristic (57 Debian README,
// changelog, copyright and licence texts, ≤ 12,000 characters each), repeated to --documents,
// each copy made distinct by its number appended as one more word.
//
// Three ways, on one core (the script is single-threaded), interleaved, median of --repetitions:
// - direct, every filter on every document: score() and keep() of all 29 filters (worst case);
// - direct, NeMo's semantics: a document stops at the first filter that drops it (what
//   NeMo's chained ScoreFilters do: a dropped document is not scored by the later ones);
// - engine: a recipe of 29 `heuristic:` filter stages compiled and run by runPipeline at
//   concurrency 1 from a JSONL source, records consumed and discarded (the filter path of a run).
// NeMo Curator's figure for this chain is about 190 documents per second per core; the goal is 10×.
//
//   node bench/heuristic-filters.mjs [--documents 3000] [--repetitions 3]
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import heuristicFiltersPlugin from '../plugins/filters-heuristic/dist/index.js';
import { compileRecipe, createRegistry, runPipeline } from '../packages/runtime/dist/index.js';
import { numberArgument } from './shared/command-line.mjs';
import { fixed, markdownTable, ratio } from './shared/markdown-table.mjs';
import { startRunInfo } from './shared/run-info.mjs';
import { createTemporaryDirectory } from './shared/seed-file.mjs';

const documentCount = numberArgument('--documents', 3000);
const repetitions = numberArgument('--repetitions', 3);
const nemoDocumentsPerSecond = 190;
const runInfo = startRunInfo('heuristic-filters');

/** NeMo's English chain, in its order, as recipe stages. */
const chain = [
  ['non-alpha-numeric', { max_non_alpha_numeric_to_text_ratio: 0.25 }],
  ['symbols-to-words', { max_symbol_to_word_ratio: 0.1 }],
  ['numbers', { max_number_to_text_ratio: 0.15 }],
  ['urls', { max_url_to_text_ratio: 0.2 }],
  ['whitespace', { max_white_space_ratio: 0.25 }],
  ['parentheses', { max_parentheses_ratio: 0.1 }],
  ['boilerplate-string', { remove_if_at_top_or_bottom: true, max_boilerplate_string_ratio: 0.4 }],
  ['repeated-lines', { max_repeated_line_fraction: 0.7 }],
  ['repeated-paragraphs', { max_repeated_paragraphs_ratio: 0.7 }],
  ['repeated-lines-by-char', { max_repeated_lines_char_ratio: 0.8 }],
  ['repeated-paragraphs-by-char', { max_repeated_paragraphs_char_ratio: 0.8 }],
  ['word-count', { min_words: 50, max_words: 100000 }],
  ['punctuation', { max_num_sentences_without_endmark_ratio: 0.85 }],
  ['words-without-alphabets', { min_words_with_alphabets: 0.8 }],
  ['common-english-words', { min_num_common_words: 2, stop_at_false: true }],
  ['mean-word-length', { max_mean_word_length: 10, min_mean_word_length: 3 }],
  ['long-word', { max_word_length: 1000 }],
  ['ellipsis', { max_num_lines_ending_with_ellipsis_ratio: 0.3 }],
  ...[[2, 0.2], [3, 0.18], [4, 0.16]].map(([n, ratio]) => ['repeating-top-ngrams', { n, max_repeating_ngram_ratio: ratio }]),
  ...[[5, 0.15], [6, 0.14], [7, 0.13], [8, 0.12], [9, 0.11], [10, 0.1]].map(([n, ratio]) => ['repeating-duplicate-ngrams', { n, max_repeating_duplicate_ngram_ratio: ratio }]),
  ['bullets', { max_bullet_lines_ratio: 0.9 }],
  ['pornographic-urls', {}],
];

const corpus = readFileSync(new URL('../plugins/filters-heuristic/src/__fixtures__/debian-corpus.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line).text);
// No two documents are the same text (as in a deduplicated corpus): each copy ends with its own
// number as one more word, so no analysis remembered for an earlier copy can serve a later one.
const documents = Array.from({ length: documentCount }, (_, index) => `${corpus[index % corpus.length]} ${index}`);
const characters = documents.reduce((total, text) => total + text.length, 0);
const filters = chain.map(([name, options]) => {
  const definition = heuristicFiltersPlugin.filters[name];
  return definition.create(definition.options.parse(options));
});

const temporary = await createTemporaryDirectory();
try {
  const seedPath = join(temporary.directory, 'documents.jsonl');
  await writeFile(seedPath, documents.map((text, index) => JSON.stringify({ id: index, text })).join('\n') + '\n');
  const registry = await createRegistry({ plugins: [heuristicFiltersPlugin], discover: false });
  const plan = () =>
    compileRecipe({
      registry,
      directory: temporary.directory,
      document: {
        name: 'heuristic-filters',
        concurrency: 1,
        stages: [{ source: seedPath }, ...chain.map(([name, options], index) => ({ filter: `heuristic:${name}`, name: `f${index}`, options }))],
      },
    });

  const ways = [
    { name: 'direct: every filter on every document', run: () => directAll() },
    { name: "direct: NeMo's chain (stop at the first drop)", run: () => directChain() },
    { name: 'engine: 29 filter stages, runPipeline, concurrency 1', run: () => engine(plan()) },
  ];
  for (const way of ways) await way.run(); // warm-up: V8 compiles every path first
  const timings = new Map(ways.map((way) => [way, []]));
  let kept;
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const way of ways) {
      const start = performance.now();
      const result = await way.run();
      timings.get(way).push(performance.now() - start);
      if (way === ways[1]) kept = result;
    }
  }
  const rows = ways.map((way) => {
    const median = timings.get(way).sort((first, second) => first - second)[Math.floor(repetitions / 2)];
    const perSecond = documentCount / (median / 1000);
    return [way.name, fixed(documentCount), fixed(median / 1000, 2), fixed(perSecond), fixed((characters / (median / 1000)) / 1e6, 1), ratio(perSecond / nemoDocumentsPerSecond, 1)];
  });
  console.log(`### ${runInfo(`${documentCount} documents (${(characters / documentCount).toFixed(0)} characters on average), ${chain.length} filter stages, median of ${repetitions}`)}\n`);
  console.log(markdownTable(['way', 'documents', 'median s', 'documents / s', 'million characters / s', 'vs NeMo (190 documents / s / core)'], rows));
  console.log(`\nKept by the whole chain: ${kept} of ${documentCount} documents (${((kept / documentCount) * 100).toFixed(0)}%).`);
} finally {
  await temporary.remove();
}

function directAll() {
  let kept = 0;
  for (const text of documents) {
    let keep = true;
    for (const filter of filters) keep = filter.keep(filter.score(text, undefined)) && keep;
    if (keep) kept++;
  }
  return kept;
}

function directChain() {
  let kept = 0;
  for (const text of documents) {
    let keep = true;
    for (const filter of filters) {
      if (!filter.keep(filter.score(text, undefined))) {
        keep = false;
        break;
      }
    }
    if (keep) kept++;
  }
  return kept;
}

async function engine(compiled) {
  let kept = 0;
  for await (const record of runPipeline({ plan: compiled, onReject: () => {} })) if (record) kept++;
  return kept;
}
