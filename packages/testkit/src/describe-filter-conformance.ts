import type { FilterDefinitionV1, FilterScore, FilterV1, JsonRecord } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { conformanceSamples } from './conformance-samples';
import { deepFreeze, itFitsAManifest, preview } from './internal/item-conformance-checks';

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
}

/**
 * Registers the conformance tests (vitest `describe`/`it`) of a filter: what the engine relies on
 * when it scores records of a run. The filter must fit a plugin manifest, refuse an unknown option
 * (a recipe's typo must not pass silently), create a `FilterV1` for each option set, score every
 * sample (empty, blank, markdown, several scripts, control characters, a lone surrogate, prompt
 * injection, 20,000 words) with a finite number or a boolean, give the same score every time and in
 * any order, never change the record, keep or drop with a boolean, and explain every drop.
 *
 * ```ts
 * import { describeFilterConformance } from '@synthkit/testkit/conformance';
 * describeFilterConformance({ name: 'acme:min-words', definition: minWords, options: [{}, { min_words: 3 }] });
 * ```
 */
export function describeFilterConformance(options: FilterConformanceOptions): void {
  const optionSets = options.options ?? [{}];
  const samples = [...conformanceSamples, ...(options.samples ?? [])];
  const create = (set: unknown): FilterV1 => options.definition.create(options.definition.options.parse(set)) as FilterV1;

  describe(`${options.name}: filter conformance`, () => {
    itFitsAManifest('filters', options.definition);

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
        const scores: FilterScore[] = [];
        for (const text of samples) {
          const record = deepFreeze({ text, id: 1, nested: { list: [1, 2] } }) as JsonRecord;
          const score = await first.score(text, record);
          expect(typeof score === 'boolean' || (typeof score === 'number' && Number.isFinite(score)), `score of ${preview(text)}: ${String(score)}`).toBe(true);
          scores.push(score);
        }
        const again = create(set);
        for (const [index, text] of [...samples.entries()].reverse()) {
          expect(await again.score(text, { text }), `second score of ${preview(text)}`).toBe(scores[index]);
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
          if (!kept && filter.describe != null) {
            const reason = filter.describe(score);
            expect(reason, `describe(${String(score)})`).toMatch(/\S/);
            expect(reason, `describe(${String(score)})`).not.toMatch(/undefined|NaN|\[object /);
          }
        }
      }
    });
  });
}
