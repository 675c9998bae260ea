import { createModifier, defineModifier, strictOptionsObject } from '@synthkit/core';
import { removeLines } from '@synthkit/text-processing';
import { z } from 'zod';

/** Options of `heuristic:line-remover`, named like NeMo Curator's `LineRemover`. */
export interface LineRemoverModifierOptions {
  /** The lines to remove: a line equal to one of them (exactly, the whole line) goes. Required, at least one. */
  readonly patterns: ReadonlyArray<string>;
}

const lineRemoverModifierOptionsSchema: z.ZodType<LineRemoverModifierOptions, LineRemoverModifierOptions> = strictOptionsObject({
  patterns: z
    .array(z.string({ error: 'each pattern must be a line of text' }), { error: 'must be a list of lines, e.g. ["Passage:"]' })
    .min(1, { error: 'must list at least one line to remove' })
    .describe('The lines to remove: a line equal to one of them, exactly, goes.'),
});

/**
 * `heuristic:line-remover`: removes every line that equals one of `patterns` exactly, like NeMo
 * Curator's `LineRemover` (with `removeLines` of `@synthkit/text-processing`); the other lines stay,
 * in order, with their line breaks.
 */
export const lineRemoverModifier = defineModifier({
  description: 'Removes the lines equal to one of patterns (whole lines, exact match), like NeMo Curator LineRemover.',
  options: lineRemoverModifierOptionsSchema,
  create: (options) => ({ modify: (text) => removeLines(text, options.patterns) }),
});

/**
 * Creates the `heuristic:line-remover` modifier without the plugin registry.
 *
 * @throws InvalidArgumentError when `patterns` is missing, empty or not a list of strings.
 */
export function createLineRemoverModifier(options: LineRemoverModifierOptions) {
  return createModifier(lineRemoverModifier, options, 'heuristic:line-remover');
}
