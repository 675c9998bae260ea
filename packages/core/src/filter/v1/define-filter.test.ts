import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineModifier } from '../../modifier/v1/define-modifier';
import type { ModifierDefinitionV1 } from '../../modifier/v1/modifier-v1';
import { validatePluginManifest } from '../../plugin/v1/define-plugin';
import { defineFilter } from './define-filter';
import type { FilterDefinitionV1 } from './filter-v1';

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
    expectTypeOf(minWords).toEqualTypeOf<FilterDefinitionV1<{ min_words: number }>>();
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
});
