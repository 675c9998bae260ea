import type { JsonRecord, ModifierDefinitionV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { conformanceSamples } from './conformance-samples';
import { deepFreeze, itFitsAManifest, preview } from './internal/item-conformance-checks';

/** Options of {@link describeModifierConformance}. */
export interface ModifierConformanceOptions {
  /** Shown in the test titles, e.g. `heuristic:markdown-remover`. */
  readonly name: string;
  /** The modifier as the plugin contributes it (`defineModifier(...)` or a `ModifierDefinitionV1`). */
  readonly definition: ModifierDefinitionV1<any>;
  /** Option sets to create the modifier with (defaults apply). Default: `[{}]`. */
  readonly options?: ReadonlyArray<unknown>;
  /** Texts to modify besides the kit's own ({@link conformanceSamples}). */
  readonly samples?: ReadonlyArray<string>;
}

/**
 * Registers the conformance tests (vitest `describe`/`it`) of a modifier: it must fit a plugin
 * manifest, refuse an unknown option, create a `ModifierV1` for each option set, turn every sample
 * ({@link conformanceSamples} and yours) into a string, the same every time and in any order, and
 * never change the record.
 *
 * ```ts
 * import { describeModifierConformance } from '@synthkit/testkit/conformance';
 * describeModifierConformance({ name: 'acme:trim', definition: trim, options: [{}, { max_characters: 10 }] });
 * ```
 */
export function describeModifierConformance(options: ModifierConformanceOptions): void {
  const optionSets = options.options ?? [{}];
  const samples = [...conformanceSamples, ...(options.samples ?? [])];
  const create = (set: unknown) => options.definition.create(options.definition.options.parse(set));

  describe(`${options.name}: modifier conformance`, () => {
    itFitsAManifest('modifiers', options.definition);

    it('creates a v1 modifier with modify() for each option set', () => {
      for (const set of optionSets) {
        const modifier = create(set);
        expect(modifier.specificationVersion, JSON.stringify(set)).toBe('v1');
        expect(typeof modifier.modify).toBe('function');
      }
    });

    it('turns every sample into a string, the same every time and in any order, without changing the record', async () => {
      for (const set of optionSets) {
        const first = create(set);
        const results: string[] = [];
        for (const text of samples) {
          const result = await first.modify(text, deepFreeze({ text, nested: { list: [1] } }) as JsonRecord);
          expect(typeof result, `modify(${preview(text)})`).toBe('string');
          results.push(result);
        }
        const again = create(set);
        for (const [index, text] of [...samples.entries()].reverse()) {
          expect(await again.modify(text, { text }), `second modify(${preview(text)})`).toBe(results[index]);
        }
      }
    });
  });
}
