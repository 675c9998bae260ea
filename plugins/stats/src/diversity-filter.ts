import { defineAggregateFilter, InvalidArgumentError, type AggregateFilterV1 } from '@synthkit/core';
import { z } from 'zod';
import { createDiversityAnalyzer } from './diversity-analyzer';
import type { DiversityMetrics } from './diversity-metrics';
import { summarizeDiversityMetrics } from './summarize-diversity-metrics';

/** Options of `stats:diversity`, as a recipe writes them under `options:`. */
export interface DiversityFilterOptions {
  /** Records in the seeded sample for self-BLEU, near duplicates and embedding spread. Default 200. */
  readonly sample?: number;
  /** Seed of the sample (the same records and seed give the same sample in any order). Default 0. */
  readonly seed?: number;
  /** True to embed the sampled texts with the `embedder` model and report their spread. Default false. */
  readonly embeddings?: boolean;
  /** Bigrams and trigrams listed among the most frequent. Default 20. */
  readonly top?: number;
  /** Distinct n-grams counted exactly per n before distinct-n becomes an estimate. Default 100,000. */
  readonly distinct_budget?: number;
  /** Jaccard similarity of character 5-gram shingles at which two sampled texts are near duplicates. Default 0.8. */
  readonly near_duplicate_threshold?: number;
}

/** A `stats:diversity` filter, with its report typed. */
export interface DiversityFilter extends Omit<AggregateFilterV1, 'report' | 'summary'> {
  readonly passThrough: true;
  /** The metrics of the records observed so far (the {@link DiversityMetrics} JSON). */
  report(): DiversityMetrics;
  /** Three lines summing the report up. */
  summary(): string;
}

const validOptions = 'sample, seed, embeddings, top, distinct_budget, near_duplicate_threshold';

const diversityFilterOptionsSchema = z
  .strictObject(
    {
      sample: z
        .int({ error: 'must be a whole number of records, e.g. 200' })
        .min(1, { error: 'must be 1 or more' })
        .max(100_000, { error: 'must be at most 100000 (the sample is compared pair by pair)' })
        .default(200)
        .describe('Records in the seeded sample that self-BLEU, near duplicates and embedding spread are measured on.'),
      seed: z
        .int({ error: 'must be a whole number, e.g. 0' })
        .min(0, { error: 'must be 0 or more' })
        .default(0)
        .describe('Seed of the sample: the same records and seed give the same sample, whatever their order.'),
      embeddings: z
        .boolean({ error: 'must be true or false' })
        .default(false)
        .describe('Embed the sampled texts with the embedder model and report their spread (mean pairwise cosine distance).'),
      top: z
        .int({ error: 'must be a whole number, e.g. 20' })
        .min(0, { error: 'must be 0 or more' })
        .max(1000, { error: 'must be at most 1000' })
        .default(20)
        .describe('Most frequent bigrams and trigrams listed.'),
      distinct_budget: z
        .int({ error: 'must be a whole number of n-grams, e.g. 100000' })
        .min(0, { error: 'must be 0 or more' })
        .default(100_000)
        .describe('Distinct n-grams counted exactly (per n) before distinct-n becomes a HyperLogLog estimate.'),
      near_duplicate_threshold: z
        .number({ error: 'must be a number above 0 and at most 1, e.g. 0.8' })
        .gt(0, { error: 'must be above 0' })
        .max(1, { error: 'must be at most 1' })
        .default(0.8)
        .describe('Jaccard similarity of character 5-gram shingles (above 0, at most 1) at or above which two sampled texts are near duplicates.'),
    },
    {
      error: (issue) => {
        if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.map((key) => `"${key}"`).join(', ')}; valid options: ${validOptions}`;
        if (issue.code === 'invalid_type') return `options must be an object with some of: ${validOptions}`;
        return undefined;
      },
    },
  )
  .prefault({});

/**
 * `stats:diversity`: measures the diversity of the records passing through its stage and keeps
 * every one of them (a pass-through aggregate filter: records go on as soon as it has seen them).
 * Its `report()` is the {@link DiversityMetrics} JSON, written under the stage in `run.json`, and
 * its `summary()` a few lines for the terminal. With `embeddings: true` it embeds the texts that
 * enter its sample (after each batch, through the engine, with the `embedder` role) and reports
 * their spread; a text that leaves the sample later was embedded for nothing, so a run of N records
 * embeds about sample × (1 + ln(N / sample)) texts in all.
 */
export const diversityFilter = defineAggregateFilter({
  description: 'Keeps every record and reports its stage\'s diversity: lengths, distinct-1..4, self-BLEU, near duplicates, top n-grams, embedding spread.',
  options: diversityFilterOptionsSchema,
  embeddingModels: { embedder: 'Embeds the sampled texts to measure their spread (only with embeddings: true).' },
  scoringRoles: (options) => (options.embeddings ? ['embedder'] : []),
  create: (options) => {
    const analyzer = createDiversityAnalyzer({
      sample: options.sample,
      seed: options.seed,
      top: options.top,
      distinctBudget: options.distinct_budget,
      nearDuplicateThreshold: options.near_duplicate_threshold,
    });
    return {
      passThrough: true as const,
      async observe(items, context) {
        // The record's _id keys the sample, so the same records give the same sample in any order.
        for (const item of items) analyzer.add(item.text, item.id);
        if (!options.embeddings) return;
        const missing = analyzer.sample().filter((entry) => entry.embedding == null);
        if (missing.length === 0) return;
        const { embeddings } = await context.embed({ texts: missing.map((entry) => entry.text) });
        missing.forEach((entry, index) => {
          const embedding = embeddings[index];
          if (embedding == null) throw new Error(`stats:diversity asked for ${missing.length} embeddings and got ${embeddings.length}: the embedding model must return one vector per text.`);
          analyzer.setEmbedding(entry, embedding);
        });
      },
      report: (): DiversityMetrics => analyzer.result(),
      summary: () => summarizeDiversityMetrics(analyzer.result()),
    };
  },
});

/**
 * Makes a `stats:diversity` filter from options as a caller writes them, without the registry:
 * `createDiversityFilter({ sample: 500 })`. Its `observe` needs a context only with `embeddings: true`.
 *
 * @throws InvalidArgumentError (argument `options`) naming each option that is wrong.
 */
export function createDiversityFilter(options?: DiversityFilterOptions): DiversityFilter {
  const parsed = diversityFilterOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.length === 0 ? 'options' : issue.path.join('.')}: ${issue.message}`);
    throw new InvalidArgumentError({ argument: 'options', message: `Invalid options for filter stats:diversity:\n${problems.join('\n')}` });
  }
  return diversityFilter.create(parsed.data) as DiversityFilter;
}
