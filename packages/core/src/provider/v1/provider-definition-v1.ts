import type { z } from 'zod';
import type { ProviderV1 } from './provider-v1';

/**
 * How a plugin contributes a provider: a settings schema and a factory. Recipes reference models as
 * `<provider>:<model id>`; settings come from the recipe's `providers.<provider>` block and the
 * environment (the factory reads its own variables, e.g. `OPENAI_API_KEY`).
 */
export interface ProviderDefinitionV1<Settings = unknown> {
  readonly specificationVersion: 'v1';
  readonly description: string;
  readonly settings: z.ZodType<Settings>;
  /** Creates the provider. Must make no network request; may throw `LoadAPIKeyError`. */
  create(settings: Settings): ProviderV1;
}
