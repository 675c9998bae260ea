import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { createFilter } from './create-filter';
import { defineFilter } from './define-filter';

const minWords = defineFilter({
  description: 'Keeps texts with min_words to max_words words.',
  options: z
    .object({ min_words: z.number().int().min(0).default(3), max_words: z.number().int().min(0).default(100) })
    .strict()
    .prefault({}),
  create: (options) => ({
    options,
    score: (text) => text.split(/\s+/).filter(Boolean).length,
    keep: (words) => words >= options.min_words && words <= options.max_words,
  }),
});

describe('createFilter', () => {
  it('parses options as a caller writes them, with the defaults, and returns the filter with its type', () => {
    const filter = createFilter(minWords, { min_words: 2 }, 'acme:min-words');
    expectTypeOf(filter.options).toEqualTypeOf<{ min_words: number; max_words: number }>();
    expect(filter.options).toEqual({ min_words: 2, max_words: 100 });
    expect(filter.keep(filter.score('two words'))).toBe(true);
    expect(createFilter(minWords, undefined, 'acme:min-words').options).toEqual({ min_words: 3, max_words: 100 });
  });

  it('throws InvalidArgumentError naming the filter and every problem with the path of its option', () => {
    const create = () => createFilter(minWords, { min_words: -1, max_words: 'many', extra: true }, 'acme:min-words');
    expect(create).toThrowError(InvalidArgumentError);
    expect(create).toThrowError(
      'Invalid options for filter acme:min-words:\n' +
        '  - min_words: Too small: expected number to be >=0\n' +
        '  - max_words: Invalid input: expected number, received string\n' +
        '  - (root): Unrecognized key: "extra"',
    );
    try {
      create();
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error) && error.argument).toBe('options');
    }
  });
});
