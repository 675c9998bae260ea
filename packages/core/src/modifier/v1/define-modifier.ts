import type { z } from 'zod';
import { withSpecificationVersion } from '../../plugin/v1/with-specification-version';
import type { JsonRecord } from '../../record/json-record';
import type { ModifierDefinitionV1 } from './modifier-v1';

/** What {@link defineModifier} takes. */
export interface ModifierDefinition<OptionsSchema extends z.ZodType> {
  /** One sentence on what the modifier does to a text, shown by `synthkit modifiers list`. */
  readonly description: string;
  /** Schema of the stage's `options`; `create` receives what it parses to (defaults applied). */
  readonly options: OptionsSchema;
  /** Makes the modifier of one stage: `modify` returns the new text of the stage's `field`. */
  create(options: z.output<OptionsSchema>): { modify(text: string, record: JsonRecord): string | PromiseLike<string> };
}

/**
 * Defines a modifier, with its options typed from their schema:
 *
 * ```ts
 * export const trim = defineModifier({
 *   description: 'Trims whitespace, and cuts the text to max_characters.',
 *   options: z.object({ max_characters: z.number().int().positive().optional() }),
 *   create: ({ max_characters }) => ({ modify: (text) => text.trim().slice(0, max_characters) }),
 * });
 * ```
 */
export function defineModifier<OptionsSchema extends z.ZodType>(definition: ModifierDefinition<OptionsSchema>): ModifierDefinitionV1<z.output<OptionsSchema>> {
  return {
    specificationVersion: 'v1',
    description: definition.description,
    options: definition.options as z.ZodType<z.output<OptionsSchema>>,
    create: (options) => withSpecificationVersion(definition.create(options)),
  };
}
