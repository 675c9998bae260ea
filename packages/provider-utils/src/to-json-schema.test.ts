import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toJsonSchema } from './to-json-schema';

describe('toJsonSchema', () => {
  it('writes the JSON schema of a zod schema, without the $schema key', () => {
    const schema = z.object({ question: z.string(), difficulty: z.enum(['easy', 'hard']), tags: z.array(z.string()).optional() });
    expect(toJsonSchema(schema)).toEqual({
      type: 'object',
      properties: {
        question: { type: 'string' },
        difficulty: { type: 'string', enum: ['easy', 'hard'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['question', 'difficulty'],
      additionalProperties: false,
    });
  });

  it('passes a JSON schema through as it is', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    expect(toJsonSchema(schema)).toBe(schema);
  });

  it('names what JSON schema cannot express', () => {
    expect(() => toJsonSchema(z.object({ when: z.date() }))).toThrow(/Date/);
  });
});
