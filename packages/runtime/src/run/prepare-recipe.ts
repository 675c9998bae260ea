import { dirname, resolve } from 'node:path';
import type { PluginV1 } from '@synthkit/core';
import { compileRecipe, type RecipeOverrides } from '../recipe/compile-recipe';
import { loadRecipeFile } from '../recipe/load-recipe-file';
import type { RecipePlan } from '../recipe/recipe-plan';
import { createRegistry, type Registry } from '../registry/create-registry';

/** Options of {@link prepareRecipe}. */
export interface PrepareRecipeOptions {
  /** Plugins passed in code, loaded before the recipe's own `plugins` and the installed ones. */
  readonly plugins?: ReadonlyArray<PluginV1 | string>;
  readonly overrides?: RecipeOverrides;
  /** `deferred` when nothing will be sent (validate, dry run): see `compileRecipe`. Default: `required`. */
  readonly credentials?: 'required' | 'deferred';
}

/**
 * Loads a recipe file, its plugins (code, the recipe's `plugins` list, then the installed plugins
 * of the nearest package.json above the recipe) and compiles it into a plan. Sends nothing.
 *
 * @throws InvalidRecipeError, PluginLoadError, InvalidArgumentError (unreadable file).
 */
export async function prepareRecipe(
  recipePath: string,
  options: PrepareRecipeOptions = {},
): Promise<{ plan: RecipePlan; registry: Registry }> {
  const source = resolve(recipePath);
  const directory = dirname(source);
  const document = await loadRecipeFile(source);
  const listed = isRecord(document) && Array.isArray(document.plugins) ? document.plugins.filter((entry) => typeof entry === 'string') : [];
  const registry = await createRegistry({ plugins: [...(options.plugins ?? []), ...listed], directory });
  const plan = compileRecipe({
    document,
    registry,
    directory,
    source,
    ...(options.overrides == null ? {} : { overrides: options.overrides }),
    ...(options.credentials == null ? {} : { credentials: options.credentials }),
  });
  return { plan, registry };
}

// --- Internal helpers ---

function isRecord(value: unknown): value is Record<string, unknown> {
  return value != null && typeof value === 'object' && !Array.isArray(value);
}
