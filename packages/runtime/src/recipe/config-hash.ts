import { createHash } from 'node:crypto';
import { stableStringify } from '../engine/stable-stringify';
import type { RecipeOverrides } from './recipe-compilation';
import type { RecipeDocument } from './recipe-schema';

/**
 * The configuration hash of a recipe: sha256 (hex) of everything that decides what it produces,
 * keys sorted by code unit. Credentials are left out (rotating a key is not a new configuration,
 * and the hash reveals nothing about it), and so are the settings that change only how fast it runs
 * (request windows, budgets, timeouts, retries, records in flight), so changing them never blocks a
 * `--resume`.
 */
export function configHash(document: RecipeDocument, overrides: RecipeOverrides & { readonly automaticModel?: string }): string {
  const recipe = withoutSchedulingSettings(withoutCredentials(document));
  const chosen = { model: overrides.model, ...(overrides.automaticModel == null ? {} : { automaticModel: overrides.automaticModel }) };
  return createHash('sha256').update(stableStringify({ recipe, overrides: chosen })).digest('hex');
}

// --- Internal helpers ---

function withoutCredentials(document: RecipeDocument): RecipeDocument {
  if (document.providers == null) return document;
  const providers = Object.fromEntries(
    Object.entries(document.providers).map(([name, settings]) => {
      const { apiKey: _apiKey, headers: _headers, ...rest } = settings;
      return [name, rest];
    }),
  );
  return { ...document, providers };
}

function withoutSchedulingSettings(document: RecipeDocument): unknown {
  const { concurrency: _concurrency, endpoints, ...rest } = document;
  const kept = Object.fromEntries(
    Object.entries(endpoints ?? {}).map(([key, settings]) => [
      key,
      { on_length: settings.on_length, on_content_filter: settings.on_content_filter },
    ]),
  );
  return {
    ...rest,
    endpoints: kept,
    stages: document.stages.map((stage) => {
      const { concurrency: _stageConcurrency, ...stageRest } = stage;
      return stageRest;
    }),
  };
}
