import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineModifier } from '../../modifier/v1/define-modifier';
import type { ModifierDefinitionV1 } from '../../modifier/v1/modifier-v1';
import { validatePluginManifest } from '../../plugin/v1/define-plugin';
import { defineFilter } from './define-filter';
import type { FilterDefinitionV1, FilterV1 } from './filter-v1';

const minWords = defineFilter({
  description: 'Keeps texts with at least min_words words.',
  options: z.object({ min_words: z.number().int().min(0).default(3) }),
  create: ({ min_words }) => ({
    score: (text) => text.split(/\s+/).filter(Boolean).length,
    keep: (words) => words >= min_words,
    describe: (words) => `${words} words, fewer than min_words ${min_words}`,
  }),
});

const trim = defineModifier({
  description: 'Trims whitespace, and cuts the text to max_characters.',
  options: z.object({ max_characters: z.number().int().positive().optional() }),
  create: ({ max_characters }) => ({ modify: (text) => text.trim().slice(0, max_characters) }),
});

describe('defineFilter and defineModifier', () => {
  it('make v1 items whose create() returns v1 filters and modifiers, typed from the options schema', async () => {
    expectTypeOf(minWords).toExtend<FilterDefinitionV1<{ min_words: number }>>();
    expectTypeOf(minWords.create).parameter(0).toEqualTypeOf<{ min_words: number }>();
    expectTypeOf(trim).toEqualTypeOf<ModifierDefinitionV1<{ max_characters?: number | undefined }>>();
    expect(validatePluginManifest({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, filters: { 'min-words': minWords }, modifiers: { trim } })).toEqual([]);

    const filter = minWords.create(minWords.options.parse({}));
    expect(filter.specificationVersion).toBe('v1');
    const score = await filter.score('two words', {});
    expect([score, filter.keep(score), filter.describe?.(score)]).toEqual([2, false, '2 words, fewer than min_words 3']);
    const modifier = trim.create(trim.options.parse({ max_characters: 4 }));
    expect(modifier.specificationVersion).toBe('v1');
    expect(await modifier.modify('  hello  ', {})).toBe('hell');
  });

  it("give create()'s filter the types its definition wrote: extra members, a synchronous score, the score type", async () => {
    const longestWord = defineFilter({
      description: 'Keeps texts whose longest word has at most max_length characters.',
      options: z.object({ max_length: z.number().int().min(1).default(5) }),
      create: (options) => ({
        options,
        score: (text) => Math.max(0, ...text.split(/\s+/).map((word) => word.length)),
        keep: (length) => length <= options.max_length,
      }),
    });
    const filter = longestWord.create(longestWord.options.parse({}));
    expectTypeOf(filter.options).toEqualTypeOf<{ max_length: number }>();
    expectTypeOf(filter.score('a bb')).toEqualTypeOf<number>();
    expectTypeOf(filter).toExtend<FilterV1>();
    // @ts-expect-error: the score is a number, so keep takes no boolean.
    filter.keep(true);
    expect([filter.specificationVersion, filter.options, filter.score('a bb ccc')]).toEqual(['v1', { max_length: 5 }, 3]);
    expect(filter.keep(await filter.score('extraordinary words', {}))).toBe(false);
    expect(validatePluginManifest({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, filters: { 'longest-word': longestWord } })).toEqual([]);
  });

  it('type the score once, so keep and describe need no casts, and option typos do not compile', () => {
    defineFilter({
      description: 'A yes/no filter.',
      options: z.object({ needle: z.string() }),
      create: ({ needle }) => ({
        score: (text) => text.includes(needle),
        keep: (found) => {
          expectTypeOf(found).toEqualTypeOf<boolean>();
          return found;
        },
      }),
    });
    // Written where a FilterDefinitionV1 is expected (a conformance kit's argument), the score keeps its type.
    const accept = (definition: FilterDefinitionV1<any>) => definition;
    accept(
      defineFilter({
        description: 'Keeps texts of at least min characters.',
        options: z.object({ min: z.number().default(3) }),
        create: ({ min }) => ({
          score: (text) => text.length,
          keep: (length) => {
            expectTypeOf(length).toEqualTypeOf<number>();
            return length >= min;
          },
        }),
      }),
    );
    defineFilter({
      description: 'A typo in an option.',
      options: z.object({ min_words: z.number() }),
      // @ts-expect-error: the option is min_words.
      create: ({ min_word }) => ({ score: () => min_word as number, keep: () => true }),
    });
    defineModifier({
      description: 'A modifier that returns no text.',
      options: z.object({}),
      // @ts-expect-error: modify must return the new text.
      create: () => ({ modify: () => 42 }),
    });
  });

  it('keeps a filter or modifier written as a class: its methods and private fields work', async () => {
    class LengthFilter {
      readonly #min: number;
      constructor(min: number) {
        this.#min = min;
      }
      score(text: string) {
        return text.length;
      }
      keep(length: number) {
        return length >= this.#min;
      }
    }
    class Upper {
      modify(text: string) {
        return text.toUpperCase();
      }
    }
    const filter = defineFilter({ description: 'Keeps long texts.', options: z.object({ min: z.number().default(3) }), create: ({ min }) => new LengthFilter(min) }).create({ min: 3 });
    expect(filter.specificationVersion).toBe('v1');
    expect(filter.keep(await filter.score('four', {}))).toBe(true);
    expect(filter.keep(await filter.score('no', {}))).toBe(false);
    const modifier = defineModifier({ description: 'Upper-cases.', options: z.object({}), create: () => new Upper() }).create({});
    expect(modifier).toMatchObject({ specificationVersion: 'v1' });
    expect(await modifier.modify('abc', {})).toBe('ABC');
    // A frozen object is wrapped, not changed.
    const frozen = Object.freeze({ score: () => 1, keep: () => true });
    expect(defineFilter({ description: 'Frozen.', options: z.object({}), create: () => frozen }).create({})).toMatchObject({ specificationVersion: 'v1', keep: expect.any(Function) });
  });
});

