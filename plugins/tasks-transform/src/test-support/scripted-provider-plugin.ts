/**
 * Test-only helper for this plugin's recipe tests (not exported from the package): a plugin whose
 * `scripted` provider hands out one given model, so a recipe naming `scripted:<any id>` runs
 * against a `MockLanguageModelV1` through the whole engine.
 */
import { definePlugin, defineProvider, type LanguageModelV1 } from '@synthkit/core';
import { z } from 'zod';

export function scriptedProviderPlugin(model: LanguageModelV1) {
  return definePlugin({
    specificationVersion: 'v1',
    meta: { name: 'synthkit-plugin-scripted', version: '1.0.0', namespace: 'scripted' },
    providers: {
      scripted: defineProvider({
        description: 'Answers every call with the test\'s model.',
        settings: z.object({}).strict(),
        create: () => ({ specificationVersion: 'v1', languageModel: () => model }),
      }),
    },
  });
}
