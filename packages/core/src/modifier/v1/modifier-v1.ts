import type { z } from 'zod';
import type { JsonRecord } from '../../record/json-record';

/** Rewrites the text of one field (e.g. strips markdown, unquotes). */
export interface ModifierV1 {
  readonly specificationVersion: 'v1';
  modify(text: string, record: JsonRecord): string | PromiseLike<string>;
}

/** How a plugin contributes a modifier: an options schema and a factory. */
export interface ModifierDefinitionV1<Options = unknown> {
  readonly specificationVersion: 'v1';
  readonly description: string;
  readonly options: z.ZodType<Options>;
  create(options: Options): ModifierV1;
}
