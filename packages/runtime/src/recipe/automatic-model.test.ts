import { definePlugin, type LanguageModelV1, type ProviderDefinitionV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { compileRecipe } from './compile-recipe';

/** A provider offering `modelId` at `priority` when `available` says so. */
function offering(modelId: string | undefined, priority: number, available: NonNullable<ProviderDefinitionV1['defaultModel']>['available']): ProviderDefinitionV1 {
  const model = (id: string): LanguageModelV1 => ({
    specificationVersion: 'v1',
    provider: 'offer',
    modelId: id,
    doGenerate: async () => ({ choices: [{ text: id, finishReason: 'stop' }], usage: { inputTokens: 1, outputTokens: 1 } }),
  });
  return {
    specificationVersion: 'v1',
    description: 'Offers a default model.',
    settings: z.object({}),
    defaultModel: { ...(modelId == null ? {} : { modelId }), priority, available },
    create: () => ({ specificationVersion: 'v1', languageModel: model }),
  };
}

async function planWith(providers: Record<string, ProviderDefinitionV1>, document: object) {
  const plugin = definePlugin({ specificationVersion: 'v1', meta: { name: 'offers', version: '1.0.0', namespace: 'offers' }, providers });
  const registry = await createRegistry({ plugins: [createTestPlugin(), plugin], discover: false });
  return compileRecipe({ registry, directory: '/tmp', document });
}

const stages = [{ task: 'test:split', options: { count: 1 } }, { task: 'test:ask' }];
const askModel = (plan: Awaited<ReturnType<typeof planWith>>) => {
  const ask = plan.stages[1];
  if (ask?.kind !== 'task') throw new Error('expected a task stage');
  return ask.models.generator?.reference;
};

describe('the automatic model of a recipe that names none', () => {
  it('is the available offer with the lowest priority, and changes the config hash', async () => {
    const providers = {
      local: offering('small', 30, () => 'a model file is present'),
      hosted: offering('large', 10, () => undefined),
      other: offering('medium', 20, () => 'OTHER_KEY is set'),
    };
    const plan = await planWith(providers, { stages });
    expect(askModel(plan)).toBe('other:medium');
    expect(plan.automaticModel).toEqual({ reference: 'other:medium', reason: 'OTHER_KEY is set' });

    const named = await planWith(providers, { stages, models: { default: 'local:small' } });
    expect(askModel(named)).toBe('local:small');
    expect(named.automaticModel).toBeUndefined();
    const withoutOther = await planWith({ local: providers.local, hosted: providers.hosted }, { stages });
    expect(withoutOther.automaticModel?.reference).toBe('local:small');
    expect(withoutOther.configHash).not.toBe(plan.configHash);
  });

  it('is never used when --model is given or a role has a model', async () => {
    const plan = await planWith({ other: offering('medium', 20, () => 'yes') }, { stages, models: { generator: 'echo:small' } });
    expect(askModel(plan)).toBe('echo:small');
    expect(plan.automaticModel).toBeUndefined();
  });

  it('uses the model id an offer found on this machine, and skips an offer that names none', async () => {
    const found = offering(undefined, 30, () => ({ reason: 'found the local model /models/tiny.gguf', modelId: '/models/tiny.gguf' }));
    const plan = await planWith({ local: found }, { stages });
    expect(askModel(plan)).toBe('local:/models/tiny.gguf');
    expect(plan.automaticModel).toEqual({ reference: 'local:/models/tiny.gguf', reason: 'found the local model /models/tiny.gguf' });

    const nameless = offering(undefined, 5, () => 'available, but names no model');
    const fallback = await planWith({ nameless, local: found }, { stages });
    expect(fallback.automaticModel?.reference).toBe('local:/models/tiny.gguf');
  });
});
