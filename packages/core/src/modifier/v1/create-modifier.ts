import type { z } from 'zod';
import { parseItemOptions } from '../../filter/v1/create-filter';
import type { ModifierV1 } from './modifier-v1';

/**
 * Makes a modifier from options as a caller writes them: parses them with the definition's schema
 * (defaults applied), then calls its `create`. The modifier counterpart of `createFilter`, for the
 * factories a plugin exports beside its definitions:
 *
 * ```ts
 * export function createTrimModifier(options?: { max_characters?: number }) {
 *   return createModifier(trim, options, 'acme:trim');
 * }
 * ```
 *
 * @param definition the modifier, as `defineModifier` returns it (or any modifier definition).
 * @param options what the caller passed; `undefined` goes to the schema as it is.
 * @param name the modifier's full name, e.g. `heuristic:slicer`, for the error message.
 * @throws InvalidArgumentError (`argument: 'options'`) listing every problem with the path of its option.
 */
export function createModifier<Options, Modifier extends ModifierV1>(
  definition: { readonly options: z.ZodType<Options>; create(options: Options): Modifier },
  options: unknown,
  name: string,
): Modifier {
  return definition.create(parseItemOptions(definition.options, options, `modifier ${name}`));
}
