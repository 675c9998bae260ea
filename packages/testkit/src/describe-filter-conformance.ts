import { isAggregateFilter, type EmbeddingModelV1, type FilterDefinitionV1, type FilterV1, type JsonRecord, type RewardModelV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { conformanceSamples } from './conformance-samples';
import { deepFreeze, itFitsAManifest, preview } from './internal/item-conformance-checks';
import type { TestModels } from './internal/planned-bindings';
import { runFilter } from './run-filter';

/** Options of {@link describeFilterConformance}. */
export interface FilterConformanceOptions {
  /** Shown in the test titles, e.g. `heuristic:word-count`. */
  readonly name: string;
  /** The filter as the plugin contributes it (`defineFilter(...)` or a `FilterDefinitionV1`). */
  readonly definition: FilterDefinitionV1<any>;
  /**
   * Option sets to create the filter with, as a recipe writes them (defaults apply). Give every
   * set that changes how it scores. Default: `[{}]`, so give one when an option is required.
   */
  readonly options?: ReadonlyArray<unknown>;
  /** Texts to score besides the kit's own ({@link conformanceSamples}), e.g. ones it must drop. */
  readonly samples?: ReadonlyArray<string>;
  /**
   * For a filter that declares model roles: the models to score with (usually the testkit's mocks),
   * as `runFilter` takes them. Its samples are then scored through the engine.
   */
  readonly models?: TestModels;
  readonly rewardModels?: Readonly<Record<string, RewardModelV1>>;
  readonly embeddingModels?: Readonly<Record<string, EmbeddingModelV1>>;
}

/**
 * Registers the conformance tests (vitest `describe`/`it`) of a filter: what the engine relies on
 * when it scores records of a run. The filter must fit a plugin manifest, refuse an unknown option
 * (a recipe's typo must not pass silently), create a `FilterV1` for each option set, score every
 * sample (empty, blank, markdown, several scripts, control characters, a lone surrogate, prompt
 * injection, 20,000 words) with a finite number or a boolean, give the same score every time and in
 * any order, never change the record, keep or drop with a boolean, and explain every drop.
 *
 * A filter that declares model roles is run through the engine (`runFilter`) with the `models`
 * given: every sample kept or dropped with a reason, none failing, calls traced. An aggregate
 * filter (dedup, statistics) is run through the engine over every sample twice, in three orders
 * and batchings: its verdicts must be the same each time, every drop explained, and every
 * `duplicate_of` must name a record it saw.
 *
 * ```ts
 * import { describeFilterConformance } from '@synthkit/testkit/conformance';
 * describeFilterConformance({ name: 'acme:min-words', definition: minWords, options: [{}, { min_words: 3 }] });
 * ```
 */
export function describeFilterConformance(options: FilterConformanceOptions): void {
  const optionSets = options.options ?? [{}];
  const samples = [...conformanceSamples, ...(options.samples ?? [])];
  const { definition } = options;
  const aggregate = isAggregateFilter(definition.create(definition.options.parse(optionSets[0])));
  const callsModels = [definition.models, definition.rewardModels, definition.embeddingModels].some((roles) => Object.keys(roles ?? {}).length > 0);
  const models = {
    ...(options.models == null ? {} : { models: options.models }),
    ...(options.rewardModels == null ? {} : { rewardModels: options.rewardModels }),
    ...(options.embeddingModels == null ? {} : { embeddingModels: options.embeddingModels }),
  };

  describe(`${options.name}: ${aggregate ? 'aggregate ' : ''}filter conformance`, () => {
    itFitsAManifest('filters', definition);
    if (aggregate) describeAggregateChecks(options, optionSets, samples, models);
    else if (callsModels) describeModelFilterChecks(options, optionSets, samples, models);
    else describeRecordFilterChecks(options, optionSets, samples);
  });
}

// --- Internal helpers ---

type ConformanceModels = Pick<FilterConformanceOptions, 'models' | 'rewardModels' | 'embeddingModels'>;

/** A filter that decides on each record alone and calls no model: scored directly, many times. */
function describeRecordFilterChecks(options: FilterConformanceOptions, optionSets: ReadonlyArray<unknown>, samples: ReadonlyArray<string>): void {
  const create = (set: unknown): FilterV1 => options.definition.create(options.definition.options.parse(set)) as FilterV1;

  it('creates a v1 filter with score() and keep() for each option set', () => {
    for (const set of optionSets) {
      const filter = create(set);
      expect(filter.specificationVersion, JSON.stringify(set)).toBe('v1');
      expect(typeof filter.score, 'score').toBe('function');
      expect(typeof filter.keep, 'keep').toBe('function');
    }
  });

  it('scores every sample with a finite number or a boolean, the same every time and in any order, without changing the record', async () => {
    for (const set of optionSets) {
      const first = create(set);
      const scores: unknown[] = [];
      for (const text of samples) {
        const record = deepFreeze({ text, id: 1, nested: { list: [1, 2] } }) as JsonRecord;
        const result = await first.score(text, record);
        // A score, or { score, scores?, reason? } whose score is one.
        const score: unknown = typeof result === 'object' && result != null ? result.score : result;
        expect(typeof score === 'boolean' || (typeof score === 'number' && Number.isFinite(score)), `score of ${preview(text)}: ${String(score)}`).toBe(true);
        scores.push(result);
      }
      const again = create(set);
      for (const [index, text] of [...samples.entries()].reverse()) {
        expect(await again.score(text, { text }), `second score of ${preview(text)}`).toEqual(scores[index]);
      }
    }
  });

  it('keeps or drops with a boolean, and explains every drop in words', async () => {
    for (const set of optionSets) {
      const filter = create(set);
      for (const text of samples) {
        const score = await filter.score(text, { text });
        const kept = filter.keep(score);
        expect(typeof kept, `keep(${String(score)})`).toBe('boolean');
        if (!kept && filter.describe != null) expectAReason(filter.describe(score), `describe(${String(score)})`);
      }
    }
  });
}

/** A filter that calls models: every sample scored through the engine, kept or dropped with a reason, none failing. */
function describeModelFilterChecks(options: FilterConformanceOptions, optionSets: ReadonlyArray<unknown>, samples: ReadonlyArray<string>, models: ConformanceModels): void {
  it('scores every sample through the engine with the models given: each kept or dropped with a reason, none failing, its calls traced', async () => {
    for (const set of optionSets) {
      const records = samples.map((text, index) => ({ _id: `sample-${String(index).padStart(3, '0')}`, text }));
      const { kept, rejects, calls } = await runFilter(options.definition, { records, options: set, ...models });
      expect(rejects.filter((entry) => entry.kind === 'failed').map((entry) => entry.reason), JSON.stringify(set)).toEqual([]);
      expect(kept.length + rejects.length).toBe(records.length);
      for (const entry of rejects) expectAReason(entry.reason, `reject of ${preview(String(entry.record['text']))}`);
      expect(calls.length, 'model calls traced in _meta.calls').toBeGreaterThan(0);
    }
  });
}

/** An aggregate filter: the same verdicts whatever the order and batching of its records. */
function describeAggregateChecks(options: FilterConformanceOptions, optionSets: ReadonlyArray<unknown>, samples: ReadonlyArray<string>, models: ConformanceModels): void {
  it('creates a v1 aggregate filter with observe() (and verdicts() unless it only watches) for each option set', () => {
    for (const set of optionSets) {
      const filter = options.definition.create(options.definition.options.parse(set));
      expect(filter.specificationVersion, JSON.stringify(set)).toBe('v1');
      expect(isAggregateFilter(filter)).toBe(true);
      if (!isAggregateFilter(filter)) continue;
      expect(typeof filter.observe, 'observe').toBe('function');
      if (filter.passThrough !== true) expect(typeof filter.verdicts, 'verdicts').toBe('function');
    }
  });

  it('gives the same verdicts whatever order the records arrive in, explains every drop, and names only records it saw as duplicated', async () => {
    // Every sample twice (a duplicate of each), under ids whose order differs from the arrival order.
    const records = [...samples, ...samples].map((text, index) => ({ _id: `sample-${String((index * 7919) % (2 * samples.length)).padStart(4, '0')}`, text }));
    const ids = new Set(records.map((record) => record._id));
    for (const set of optionSets) {
      const outcomes = [];
      for (const [order, concurrency] of [
        [records, 1],
        [[...records].reverse(), 64],
        [[...records.filter((_, index) => index % 2 === 1), ...records.filter((_, index) => index % 2 === 0)], 7],
      ] as const) {
        const { kept, rejects } = await runFilter(options.definition, { records: order, options: set, concurrency, ...models });
        expect(rejects.filter((entry) => entry.kind === 'failed').map((entry) => entry.reason), JSON.stringify(set)).toEqual([]);
        expect(kept.length + rejects.length, 'one verdict per record').toBe(records.length);
        for (const entry of rejects) {
          expectAReason(entry.reason, `reject of ${String(entry.record['_id'])}`);
          const duplicateOf = entry.details?.['duplicate_of'];
          if (duplicateOf != null) expect(ids.has(duplicateOf as string), `duplicate_of ${String(duplicateOf)}`).toBe(true);
        }
        outcomes.push({
          kept: kept.map((record) => record['_id']).sort(),
          rejects: rejects.map((entry) => `${String(entry.record['_id'])} ${entry.reason}`).sort(),
        });
      }
      expect(outcomes[1], `${JSON.stringify(set)}: reversed order`).toEqual(outcomes[0]);
      expect(outcomes[2], `${JSON.stringify(set)}: interleaved order`).toEqual(outcomes[0]);
    }
  });
}

function expectAReason(reason: string, what: string): void {
  expect(reason, what).toMatch(/\S/);
  expect(reason, what).not.toMatch(/undefined|NaN|\[object /);
}
