import type { z } from 'zod';
import type { ProviderDefaultModelV1, ProviderDefinitionV1 } from './provider-definition-v1';
import type { ProviderV1 } from './provider-v1';

/** What {@link defineProvider} takes: a {@link ProviderDefinitionV1} without `specificationVersion`, typed from its schemas. */
export interface ProviderDefinition<SettingsSchema extends z.ZodType, ModelSettingsSchema extends z.ZodType | undefined> {
  /** One sentence on what the provider reaches, shown by `synthkit plugins list`. */
  readonly description: string;
  /** Schema of the recipe's `providers.<name>` block; `create` receives what it parses to. */
  readonly settings: SettingsSchema;
  /** Schema of a model's own settings, for providers whose models take some (see {@link ProviderDefinitionV1.modelSettings}). */
  readonly modelSettings?: ModelSettingsSchema;
  /** The model offered to recipes that name none, when it can serve one here (see {@link ProviderDefinitionV1.defaultModel}). */
  readonly defaultModel?: ProviderDefaultModelV1;
  /** Schema of the options a recipe passes in `provider_options.<provider name>`, checked at compile time (see {@link ProviderDefinitionV1.providerOptions}). */
  readonly providerOptions?: z.ZodType;
  /** Creates the provider. Must make no network request; may throw `LoadAPIKeyError`. */
  create(settings: z.output<SettingsSchema>): ProviderV1;
}

/**
 * Defines a provider, with its settings typed from their schema:
 *
 * ```ts
 * export const echo = defineProvider({
 *   description: 'Answers every prompt with itself.',
 *   settings: z.object({ prefix: z.string().default('') }),
 *   create: ({ prefix }) => ({ specificationVersion: 'v1', languageModel: (modelId) => createEchoModel(modelId, prefix) }),
 * });
 * ```
 */
export function defineProvider<SettingsSchema extends z.ZodType, ModelSettingsSchema extends z.ZodType | undefined = undefined>(
  definition: ProviderDefinition<SettingsSchema, ModelSettingsSchema>,
): ProviderDefinitionV1<z.output<SettingsSchema>, ModelSettingsSchema extends z.ZodType ? z.output<ModelSettingsSchema> : unknown> {
  return {
    specificationVersion: 'v1',
    ...definition,
    settings: definition.settings as z.ZodType<z.output<SettingsSchema>>,
    ...(definition.modelSettings == null ? {} : { modelSettings: definition.modelSettings as z.ZodType<never> }),
  } as ProviderDefinitionV1<z.output<SettingsSchema>, ModelSettingsSchema extends z.ZodType ? z.output<ModelSettingsSchema> : unknown>;
}
