import { definePlugin, defineProvider, z, type LanguageModelV1 } from '@synthkit/core';

/**
 * A plugin whose `scripted` provider hands out the test's model, so a recipe or a pipeline naming
 * `scripted:<any id>` runs against a {@link MockLanguageModelV1} (or any `LanguageModelV1`) through
 * the whole engine: recipe checks, scheduling, cache, records, rejects and `run.json`.
 *
 * ```ts
 * const teacher = new MockLanguageModelV1({ modelId: 'teacher', doGenerate: 'An answer.' });
 * const registry = await createRegistry({ plugins: [myPlugin, scriptedProviderPlugin(teacher)], discover: false });
 * // a recipe with models: { default: scripted:teacher }
 * ```
 *
 * @param model The model every `scripted:<id>` reference gets, or a function of the id (one model per id).
 */
export function scriptedProviderPlugin(model: LanguageModelV1 | ((modelId: string) => LanguageModelV1)) {
  return definePlugin({
    specificationVersion: 'v1',
    meta: { name: 'synthkit-plugin-scripted', version: '1.0.0', namespace: 'scripted' },
    providers: {
      scripted: defineProvider({
        description: 'Answers every call with the test\'s model.',
        settings: z.object({}).strict(),
        create: () => ({ specificationVersion: 'v1', languageModel: (modelId: string) => (typeof model === 'function' ? model(modelId) : model) }),
      }),
    },
  });
}
