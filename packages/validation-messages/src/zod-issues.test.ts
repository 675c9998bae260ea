import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssues } from './zod-issues';

/** The issues `schema` finds in `value`, under `prefix` (the test fails if it finds none). */
function issuesOf(schema: z.ZodType, value: unknown, prefix: ReadonlyArray<PropertyKey> = []) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be refused');
  return zodIssues(result.error, prefix, schema, value);
}

describe('zodIssues', () => {
  it('says what a value must be and what it got, under the path it was found at', () => {
    const schema = z.strictObject({
      n: z.number().int().min(1).max(10),
      ratio: z.number().gt(0),
      name: z.string().min(2),
      tags: z.array(z.string()).max(1),
      mode: z.enum(['fast', 'slow']),
      batch: z.union([z.boolean(), z.object({ size: z.number() })]),
      required: z.string(),
    });
    const value = { n: 11, ratio: 0, name: 'x', tags: ['a', 'b'], mode: 'fsat', batch: 'yes' };
    expect(issuesOf(schema, value, ['stages', 2, 'options'])).toEqual([
      { path: 'stages[2].options.n', message: 'must be at most 10, got 11' },
      { path: 'stages[2].options.ratio', message: 'must be greater than 0, got 0' },
      { path: 'stages[2].options.name', message: 'must be at least 2 characters long, got the text "x"' },
      { path: 'stages[2].options.tags', message: 'must have at most 1 items, got a list of 2' },
      { path: 'stages[2].options.mode', message: 'must be one of "fast", "slow", got the text "fsat". Did you mean "fast"?' },
      { path: 'stages[2].options.batch', message: 'must be a boolean or an object, got the text "yes"' },
      { path: 'stages[2].options.required', message: 'is required (a string)' },
    ]);
    expect(issuesOf(z.object({ count: z.number().int(), rate: z.number().int() }), { count: '5', rate: 1.5 })).toEqual([
      { path: 'count', message: 'must be a number, got the text "5"' },
      { path: 'rate', message: 'must be a whole number, got 1.5' },
    ]);
  });

  it('lists the valid keys for an unknown one, with the closest, also in objects under records and lists', () => {
    const schema = z.strictObject({
      stages: z.array(z.strictObject({ options: z.record(z.string(), z.strictObject({ count: z.number(), seed: z.number() }).partial()) })),
    });
    expect(issuesOf(schema, { stages: [{ options: { a: { cuont: 2, other: 1 } } }], stagez: [] })).toEqual([
      { path: 'stages[0].options.a', message: 'unknown keys "cuont" (did you mean "count"?), "other". Valid keys: count, seed.' },
      { path: '', message: 'unknown key "stagez" (did you mean "stages"?). Valid keys: stages.' },
    ]);
  });

  it('says which forms a union takes, or reports the problems inside the one form the value has the shape of', () => {
    const schema = z.object({
      penalty: z.union([z.literal(false), z.strictObject({ factor: z.number().positive(), lastTokens: z.number().int().optional() })]).optional(),
      stop: z.union([z.string(), z.array(z.string())]).optional(),
    });
    expect(issuesOf(schema, { penalty: true, stop: 3 }, ['options'])).toEqual([
      { path: 'options.penalty', message: 'must be false or an object, got true' },
      { path: 'options.stop', message: 'must be a string or an array, got 3' },
    ]);
    expect(issuesOf(schema, { penalty: { factor: 0, lastTokens: 'all' } }, ['options'])).toEqual([
      { path: 'options.penalty.factor', message: 'must be greater than 0, got 0' },
      { path: 'options.penalty.lastTokens', message: 'must be a number, got the text "all"' },
    ]);
    expect(issuesOf(schema, { penalty: { factr: 2 } })).toEqual([
      { path: 'penalty.factor', message: 'is required (a number)' },
      { path: 'penalty', message: 'unknown key "factr" (did you mean "factor"?). Valid keys: factor, lastTokens.' },
    ]);
  });

  it("names string formats in words, and keeps the messages a schema wrote itself", () => {
    const schema = z.object({
      url: z.url(),
      email: z.email(),
      model: z.string().startsWith('hf:'),
      name: z.string().regex(/^[a-z]+$/),
      custom: z.string().regex(/^a/, { error: 'must start with "a", e.g. "abc"' }),
    });
    expect(issuesOf(schema, { url: 'nope', email: 'me', model: 'x.gguf', name: 'A', custom: 'b' })).toEqual([
      { path: 'url', message: 'must be a valid URL, got the text "nope"' },
      { path: 'email', message: 'must be a valid email address, got the text "me"' },
      { path: 'model', message: 'must start with "hf:", got the text "x.gguf"' },
      { path: 'name', message: 'must be in the expected format, got the text "A"' },
      { path: 'custom', message: 'must start with "a", e.g. "abc"' },
    ]);
  });
});
