import { createModifier, defineModifier, strictOptionsObject } from '@synthkit/core';
import { sliceText } from '@synthkit/text-processing';
import { z } from 'zod';

/** Options of `heuristic:slicer`, named and defaulted like NeMo Curator's `Slicer`. */
export interface SlicerModifierOptions {
  /** Start: an index (negative from the end), or a text whose first occurrence starts the slice. Default 0. */
  readonly left?: number | string;
  /** End (exclusive): an index, or a text whose last occurrence ends the slice. Default: the end of the text. */
  readonly right?: number | string | null;
  /** With a text `left`: keep it at the start of the slice. Default true. */
  readonly include_left?: boolean;
  /** With a text `right`: keep it at the end of the slice. Default true. */
  readonly include_right?: boolean;
  /** Trim white space around the result. Default true. */
  readonly strip?: boolean;
}

const position = (description: string) =>
  z.union([z.number().int({ error: 'an index must be a whole number' }), z.string()], {
    error: 'must be an index (a whole number) or a marker text',
  }).describe(description);

const slicerModifierOptionsSchema: z.ZodType<Required<SlicerModifierOptions>, SlicerModifierOptions | undefined> = strictOptionsObject({
  left: position('Start: an index (negative from the end), or a text whose first occurrence starts the slice.').default(0),
  right: position('End (exclusive): an index, or a text whose last occurrence ends the slice; null for the end of the text.').nullable().default(null),
  include_left: z.boolean({ error: 'must be true or false' }).default(true).describe('With a text left: keep it at the start of the slice.'),
  include_right: z.boolean({ error: 'must be true or false' }).default(true).describe('With a text right: keep it at the end of the slice.'),
  strip: z.boolean({ error: 'must be true or false' }).default(true).describe('Trim white space around the result.'),
}).prefault({});

/**
 * `heuristic:slicer`: keeps the part of a text between two indices or marker texts, like NeMo
 * Curator's `Slicer` (with `sliceText` of `@synthkit/text-processing`). A marker that does not occur
 * makes the text empty. Indices count UTF-16 code units; they differ from NeMo's code points only
 * after a character outside the Basic Multilingual Plane.
 */
export const slicerModifier = defineModifier({
  description: 'Keeps the text between two indices or marker texts (left: first occurrence, right: last), like NeMo Curator Slicer.',
  options: slicerModifierOptionsSchema,
  create: (options) => {
    const slice = {
      left: options.left,
      ...(options.right === null ? {} : { right: options.right }),
      includeLeft: options.include_left,
      includeRight: options.include_right,
      strip: options.strip,
    };
    return { modify: (text) => sliceText(text, slice) };
  },
});

/**
 * Creates the `heuristic:slicer` modifier without the plugin registry.
 *
 * @throws InvalidArgumentError when an option has the wrong type or is unknown.
 */
export function createSlicerModifier(options?: SlicerModifierOptions) {
  return createModifier(slicerModifier, options, 'heuristic:slicer');
}
