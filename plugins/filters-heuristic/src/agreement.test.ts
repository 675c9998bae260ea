import { readFileSync } from 'node:fs';
import type { FilterV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import plugin from './index';
import { formatNumber } from './internal/format-number';

/**
 * Agreement on real documents: 57 plain-text documents from Debian packages (copyright files,
 * READMEs, changelogs, licence texts; see __fixtures__/SOURCES.md for each one's origin and licence).
 * Every heuristic filter scores each document; the score must equal the one CPython computes with
 * NeMo Curator's rules (scripts/reference-scores.py, written separately, in Python, with str.split
 * and the regex module), the keep/drop decision must be the rule applied to that score, and the
 * reason must name the measured value and the threshold option.
 */
interface CorpusDocument {
  readonly id: string;
  readonly text: string;
}
interface ReferenceScores {
  readonly id: string;
  readonly scores: Readonly<Record<string, number | null>>;
}

const corpus = readFileSync(new URL('./__fixtures__/debian-corpus.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as CorpusDocument);
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/corpus-reference-scores.json', import.meta.url), 'utf8')) as ReferenceScores[];

/** Each checked filter: its options (NeMo's English chain), and its rule re-stated: `[option, direction]`. */
const checks: ReadonlyArray<{ key: string; filter: string; options: Record<string, unknown>; rule: (score: number) => boolean; names: ReadonlyArray<string> }> = [
  atMost('non-alpha-numeric', 'max_non_alpha_numeric_to_text_ratio', 0.25),
  atMost('symbols-to-words', 'max_symbol_to_word_ratio', 0.1),
  atMost('numbers', 'max_number_to_text_ratio', 0.15),
  atMost('urls', 'max_url_to_text_ratio', 0.2),
  atMost('bullets', 'max_bullet_lines_ratio', 0.9),
  atMost('whitespace', 'max_white_space_ratio', 0.25),
  atMost('parentheses', 'max_parentheses_ratio', 0.1),
  atMost('long-word', 'max_word_length', 1000),
  { key: 'word-count', filter: 'word-count', options: {}, rule: (score) => score >= 50 && score <= 100_000, names: ['min_words', 'max_words'] },
  atMost('boilerplate-string', 'max_boilerplate_string_ratio', 0.4),
  { key: 'mean-word-length', filter: 'mean-word-length', options: {}, rule: (score) => score >= 3 && score <= 10, names: ['min_mean_word_length', 'max_mean_word_length'] },
  atLeast('repeated-lines', 'max_repeated_line_fraction', 0.7),
  atLeast('repeated-paragraphs', 'max_repeated_paragraphs_ratio', 0.7),
  atLeast('repeated-lines-by-char', 'max_repeated_lines_char_ratio', 0.8),
  atLeast('repeated-paragraphs-by-char', 'max_repeated_paragraphs_char_ratio', 0.8),
  atMost('punctuation', 'max_num_sentences_without_endmark_ratio', 0.85),
  atMost('ellipsis', 'max_num_lines_ending_with_ellipsis_ratio', 0.3),
  atLeast('common-english-words', 'min_num_common_words', 2),
  atLeast('words-without-alphabets', 'min_words_with_alphabets', 0.8),
  { key: 'pornographic-urls', filter: 'pornographic-urls', options: {}, rule: (score) => score !== 1, names: ['porn'] },
  ...([[2, 0.2], [3, 0.18], [4, 0.16]] as const).map(([n, threshold]) => ({
    ...atMost('repeating-top-ngrams', 'max_repeating_ngram_ratio', threshold, { n }),
    key: `repeating-top-ngrams:${n}`,
  })),
  ...([[2, 0.2], [5, 0.15], [6, 0.14], [7, 0.13], [8, 0.12], [9, 0.11], [10, 0.1]] as const).map(([n, threshold]) => ({
    ...atMost('repeating-duplicate-ngrams', 'max_repeating_duplicate_ngram_ratio', threshold, { n }),
    key: `repeating-duplicate-ngrams:${n}`,
  })),
];

describe('agreement with NeMo Curator rules on real Debian documentation', () => {
  it('has a few dozen documents, each with reference scores from CPython', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(reference.map((entry) => entry.id)).toEqual(corpus.map((document) => document.id));
  });

  it('covers the 22 heuristic filters of NeMo Curator, with the n-gram variants of its English chain', () => {
    expect(new Set(checks.map((check) => check.filter)).size).toBe(22);
    expect(checks).toHaveLength(30);
  });

  describe.each(checks)('$key', (check) => {
    const definition = plugin.filters[check.filter as keyof typeof plugin.filters];
    const filter = definition.create(definition.options.parse(check.options) as never) as FilterV1;

    it('scores each document as CPython does, and keeps or drops it by the rule, for the reason it gives', async () => {
      const decisions = { kept: 0, dropped: 0 };
      for (const [index, document] of corpus.entries()) {
        const expected = reference[index]!.scores[check.key];
        const score = (await filter.score(document.text, { text: document.text })) as number;
        const kept = filter.keep(score);
        const reason = filter.describe?.(score) ?? '';
        if (expected === null || expected === undefined) {
          // NeMo divides by zero: synthkit scores "nothing to measure" and drops.
          expect(kept, `${document.id}: nothing to measure is dropped`).toBe(false);
        } else {
          expect(score, `${document.id}: score`).toBeCloseTo(expected, 12);
          expect(kept, `${document.id}: decision for ${expected}`).toBe(check.rule(expected));
          if (check.filter !== 'pornographic-urls') expect(reason, `${document.id}: reason`).toContain(formatNumber(score));
        }
        expect(check.names.some((name) => reason.includes(name)), `${document.id}: "${reason}" names the threshold`).toBe(true);
        decisions[kept ? 'kept' : 'dropped']++;
      }
      expect(decisions.kept + decisions.dropped).toBe(corpus.length);
    });
  });
});

// --- Internal helpers ---

function atMost(filter: string, option: string, threshold: number, extra: Record<string, unknown> = {}) {
  return { key: filter, filter, options: { ...extra, [option]: threshold }, rule: (score: number) => score <= threshold, names: [option] };
}

function atLeast(filter: string, option: string, threshold: number) {
  return { key: filter, filter, options: { [option]: threshold }, rule: (score: number) => score >= threshold, names: [option] };
}
