import { z } from 'zod';

/** A ratio option from 0 to 1 with a default, and error messages that show a valid value. */
export function ratioOption(defaultValue: number, description: string) {
  return z
    .number({ error: `must be a number from 0 to 1, e.g. ${defaultValue}` })
    .min(0, { error: 'must be from 0 to 1' })
    .max(1, { error: 'must be from 0 to 1' })
    .default(defaultValue)
    .describe(description);
}

/** A count option (a whole number, 0 or more) with a default. */
export function countOption(defaultValue: number, description: string, unit: string) {
  return z
    .number({ error: `must be a whole number of ${unit}, e.g. ${defaultValue}` })
    .int({ error: `must be a whole number of ${unit}` })
    .min(0, { error: 'must be 0 or more' })
    .default(defaultValue)
    .describe(description);
}

/** The `n` of an n-gram filter: a whole number of words from 1 to 50. */
export function ngramSizeOption(defaultValue: number) {
  return z
    .number({ error: `must be a whole number of words, e.g. ${defaultValue}` })
    .int({ error: 'must be a whole number of words' })
    .min(1, { error: 'must be 1 or more' })
    .max(50, { error: 'must be at most 50' })
    .default(defaultValue)
    .describe('Number of words in each n-gram.');
}
