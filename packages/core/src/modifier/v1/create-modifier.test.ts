import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { createModifier } from './create-modifier';
import { defineModifier } from './define-modifier';

const cut = defineModifier({
  description: 'Cuts the text to max_characters.',
  options: z.object({ max_characters: z.number().int().min(1).default(3) }).strict().prefault({}),
  create: ({ max_characters }) => ({ modify: (text) => text.slice(0, max_characters) }),
});

describe('createModifier', () => {
  it('parses options as a caller writes them, with the defaults, and returns the modifier', async () => {
    expect(await createModifier(cut, { max_characters: 2 }, 'acme:cut').modify('abcd', {})).toBe('ab');
    expect(await createModifier(cut, undefined, 'acme:cut').modify('abcd', {})).toBe('abc');
  });

  it('throws InvalidArgumentError naming the modifier and every problem', () => {
    const create = () => createModifier(cut, { max_characters: 0, extra: 1 }, 'acme:cut');
    expect(create).toThrowError(InvalidArgumentError);
    expect(create).toThrowError('Invalid options for modifier acme:cut:\n  - max_characters: Too small: expected number to be >=1\n  - (root): Unrecognized key: "extra"');
  });
});
