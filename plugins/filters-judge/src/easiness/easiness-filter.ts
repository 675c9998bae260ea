import { defineAggregateFilter, fieldNameSchema, type AggregateVerdictV1, type JsonRecord } from '@synthkit/core';
import { z } from 'zod';
import { formatScore } from '../internal/format-score';
import { cosineSimilarity } from './cosine-similarity';
import { interpolatedPercentile } from './interpolated-percentile';

const easinessOptionsSchema = z.strictObject({
  question_field: fieldNameSchema.default('question').describe('The record field holding the question; the passage is the stage\'s `field` (`text` by default).'),
  percentile: z
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .describe(
      'The cut-off, as a fraction from 0 to 1 of the stage\'s question-passage similarities: records at or below that percentile are kept (0.7: the 70% least similar). NeMo Curator\'s EasinessFilter reads its 0.7 on numpy\'s 0-100 scale, keeping under 1%; write 0.007 to match it.',
    ),
});

/** Options of `judge:easiness`, parsed. */
export type EasinessFilterOptions = z.output<typeof easinessOptionsSchema>;

/** What `judge:easiness` reports in `run.json` under its stage. */
export interface EasinessReport extends JsonRecord {
  /** The `percentile` option, from 0 to 1. */
  readonly percentile: number;
  /** The similarity at that percentile of the scored pairs: kept at or below it. Null when no pair was scored. */
  readonly cutoff: number | null;
  /** Records whose question and passage were embedded and compared. */
  readonly scored: number;
  /** Scored records kept: similarity at or below the cut-off. */
  readonly kept: number;
  /** Scored records dropped as too easy: similarity above the cut-off. */
  readonly too_easy: number;
  /** Records dropped without a similarity: no question, a blank question or passage, a vector with no direction. */
  readonly not_scored: number;
}

/**
 * `judge:easiness`: NeMo Curator's EasinessFilter for retriever training data, as an aggregate
 * filter. Each record's question (`question_field`) and passage (the stage's `field`) are embedded
 * (one `embed` call per observed batch, each distinct text once) and compared by cosine similarity;
 * once every record is in, the records whose similarity is at or below the `percentile` of all the
 * stage's similarities (linear interpolation, as numpy's default) are kept, and the more similar,
 * "easy" ones dropped: a question that repeats its passage's words teaches a retriever little.
 *
 * The cut-off is a function of the set of similarities, so the verdicts do not depend on the order
 * records arrive in; ties at the cut-off are all kept. `percentile` is a fraction from 0 to 1, where
 * NeMo's 0.7 is on numpy's 0 to 100 scale (its default keeps under 1% of pairs). Records without a
 * question, with a blank question or passage, or whose vectors have no direction are dropped with
 * the reason and left out of the percentile. The similarity is each scored record's score in
 * `_meta.scores`; `report()` gives the cut-off and the counts.
 */
export const easinessFilter = defineAggregateFilter({
  description:
    'Drops retriever training pairs whose question is too similar to its passage: keeps records whose question-passage cosine similarity is at or below the stage\'s percentile (0-1) of them all, like NeMo Curator EasinessFilter.',
  options: easinessOptionsSchema,
  embeddingModels: { embedder: 'Embeds each question and passage; their cosine similarity measures how easy the pair is. Bound by name: models.embedder.' },
  create: (options) => {
    const field = options.question_field;
    /** Similarity per observed index; NaN for a record not scored (its reason in `unscored`). */
    const similarities: number[] = [];
    const unscored = new Map<number, string>();
    let report: EasinessReport | undefined;
    return {
      async observe(items, context) {
        const pairs: Array<{ index: number; question: string; passage: string }> = [];
        for (const { index, text, record } of items) {
          similarities[index] = Number.NaN;
          const question = record[field];
          if (typeof question !== 'string') unscored.set(index, missingQuestion(record, field));
          else if (question.trim() === '') unscored.set(index, `blank question in "${field}": nothing to compare with the passage`);
          else if (text.trim() === '') unscored.set(index, 'blank passage: nothing to compare with the question');
          else pairs.push({ index, question, passage: text });
        }
        if (pairs.length === 0) return;
        const texts = [...new Set(pairs.flatMap(({ question, passage }) => [question, passage]))];
        const { embeddings } = await context.embed({ texts });
        const vectors = new Map(texts.map((text, position) => [text, embeddings[position]!]));
        for (const { index, question, passage } of pairs) {
          const similarity = cosineSimilarity(vectors.get(question)!, vectors.get(passage)!);
          if (similarity == null) unscored.set(index, 'the embedding model gave the question or the passage a vector with no direction (all zeros or not finite), so they have no similarity');
          else similarities[index] = similarity;
        }
      },
      *verdicts(): Iterable<AggregateVerdictV1> {
        const scored = similarities.filter((similarity) => !Number.isNaN(similarity));
        const cutoff = scored.length === 0 ? undefined : interpolatedPercentile(scored, options.percentile);
        let kept = 0;
        for (const [index, similarity] of similarities.entries()) {
          const reason = unscored.get(index);
          if (reason != null || cutoff == null) {
            yield { keep: false, reason: reason ?? 'not scored' };
          } else if (similarity <= cutoff) {
            kept++;
            yield { keep: true, score: similarity };
          } else {
            yield {
              keep: false,
              score: similarity,
              reason: `too easy: question-passage similarity ${formatScore(similarity, 4)} above the cut-off ${formatScore(cutoff, 4)} (percentile ${options.percentile} of ${scored.length.toLocaleString('en-US')} pairs)`,
            };
          }
        }
        report = { percentile: options.percentile, cutoff: cutoff ?? null, scored: scored.length, kept, too_easy: scored.length - kept, not_scored: unscored.size };
      },
      report: () => report ?? { percentile: options.percentile, cutoff: null, scored: 0, kept: 0, too_easy: 0, not_scored: unscored.size },
      summary: () => {
        const { cutoff, scored, kept, too_easy, not_scored } = report ?? { cutoff: null, scored: 0, kept: 0, too_easy: 0, not_scored: unscored.size };
        const count = (value: number) => value.toLocaleString('en-US');
        const head =
          cutoff == null
            ? 'no question-passage pair could be scored'
            : `kept ${count(kept)} of ${count(scored)} question-passage pairs with similarity at or below ${formatScore(cutoff, 4)} (percentile ${options.percentile}), dropped ${count(too_easy)} as too easy`;
        return not_scored === 0 ? head : `${head}; ${count(not_scored)} not scored`;
      },
    };
  },
});

// --- Internal helpers ---

function missingQuestion(record: JsonRecord, field: string): string {
  const value = record[field];
  const fix = `set the stage's options.question_field to the field holding the question (the record's fields: ${Object.keys(record).join(', ') || 'none'})`;
  return value === undefined ? `the record has no field "${field}"; ${fix}` : `the field "${field}" holds ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not text; ${fix}`;
}
