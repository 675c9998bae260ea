import { fieldNameSchema, type TaskFieldsV1 } from '@synthkit/core';

/** The options every ready-made transform has, with defaults applied. */
export interface TextTransformOptions {
  /** The record field whose text is transformed. */
  readonly field: string;
  /** The record field the result is written to. */
  readonly output: string;
}

/**
 * The option shape every ready-made transform starts from: `field`, the field it reads (default
 * `text`), and `output`, the field it writes. Spread into the task's options schema.
 *
 * @param output The transform's default output field, named after what it writes (`paraphrase`).
 */
export function textTransformOptionsShape(output: string) {
  return {
    field: fieldNameSchema.default('text').describe('The record field that holds the text to transform.'),
    output: fieldNameSchema
      .default(output)
      .describe('The record field the result is written to. It may be `field` itself, to replace the text.'),
  };
}

/**
 * What a ready-made transform's stage reads and writes, for `synthkit validate`'s field flow: the
 * fields its options name.
 */
export function textTransformFields({ field, output }: TextTransformOptions): TaskFieldsV1 {
  return { reads: [field], writes: [output] };
}
