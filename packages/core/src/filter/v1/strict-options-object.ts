import { z } from 'zod';

/**
 * A strict zod object for a filter's or modifier's options: an unknown key is an error (a typo such
 * as `num_band` must not silently fall back to the default), and the message lists the options that
 * do exist. What the filter conformance kit asks of an options schema.
 *
 * ```ts
 * options: strictOptionsObject({ min_words: z.number().int().min(0).default(50) }),
 * ```
 */
export function strictOptionsObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const validOptions = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => `"${key}"`).join(', ');
        return `unknown option ${keys}; valid options: ${validOptions}`;
      }
      if (issue.code === 'invalid_type') return `options must be an object with some of: ${validOptions}`;
      return undefined;
    },
  });
}
