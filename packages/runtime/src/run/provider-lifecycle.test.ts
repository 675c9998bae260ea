import { join } from 'node:path';
import { APICallError, definePlugin, type LanguageModelV1 } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { checkModels } from './check-models';
import { runRecipe } from './run-recipe';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

/**
 * A plugin with a `local` provider, like an in-process model: its models declare how many requests
 * they serve at once, answer after a short wait while counting how many are open, and the provider
 * records its `dispose()` calls.
 */
function localPlugin(options: { defaultConcurrency?: number; disposeError?: Error; callError?: Error } = {}) {
  const state = { disposed: 0, open: 0, mostOpen: 0, calls: 0 };
  const model = (modelId: string): LanguageModelV1 => ({
    specificationVersion: 'v1',
    provider: 'local',
    modelId,
    ...(options.defaultConcurrency == null ? {} : { defaultConcurrency: options.defaultConcurrency }),
    async doGenerate() {
      state.calls++;
      if (options.callError != null) throw options.callError;
      state.open++;
      state.mostOpen = Math.max(state.mostOpen, state.open);
      await new Promise((resolve) => setTimeout(resolve, 5));
      state.open--;
      return { choices: [{ text: 'an answer', finishReason: 'stop' }], usage: { inputTokens: 3, outputTokens: 2 } };
    },
  });
  const plugin = definePlugin({
    specificationVersion: 'v1',
    meta: { name: 'synthkit-plugin-local', version: '1.0.0', namespace: 'local' },
    providers: {
      local: {
        specificationVersion: 'v1',
        description: 'An in-process model.',
        settings: z.strictObject({}),
        create: () => ({
          specificationVersion: 'v1',
          languageModel: model,
          async dispose() {
            state.disposed++;
            if (options.disposeError != null) throw options.disposeError;
          },
        }),
      },
    },
  });
  return { plugin, state };
}

async function plan(plugin: ReturnType<typeof localPlugin>['plugin'], document: Record<string, unknown>, overrides = {}) {
  const registry = await createRegistry({ plugins: [createTestPlugin(), plugin], discover: false });
  return compileRecipe({
    registry,
    directory: project.directory,
    overrides,
    document: {
      models: { default: 'local:tiny' },
      stages: [{ task: 'test:split', options: { count: 12 } }, { task: 'test:ask' }],
      ...document,
    },
  });
}

function windowOf(planned: Awaited<ReturnType<typeof plan>>): number | undefined {
  const stage = planned.stages[1];
  return stage?.kind === 'task' ? stage.models['generator']?.endpoint.concurrency : undefined;
}

describe("a model's defaultConcurrency", () => {
  it('sets its endpoint window over endpoints.default, under the provider and model keys and --concurrency', async () => {
    const { plugin } = localPlugin({ defaultConcurrency: 2 });
    const defaultOnly = { endpoints: { default: { concurrency: 16 } } };

    expect(windowOf(await plan(plugin, {}))).toBe(2);
    expect(windowOf(await plan(plugin, defaultOnly))).toBe(2);
    expect(windowOf(await plan(plugin, { endpoints: { default: { concurrency: 16 }, local: { concurrency: 5 } } }))).toBe(5);
    expect(windowOf(await plan(plugin, { endpoints: { 'local:tiny': { concurrency: 3 } } }))).toBe(3);
    expect(windowOf(await plan(plugin, defaultOnly, { concurrency: 7 }))).toBe(7);
  });

  it('leaves the engine default for models without a usable one', async () => {
    for (const defaultConcurrency of [undefined, 0, 1.5]) {
      const { plugin } = localPlugin(defaultConcurrency == null ? {} : { defaultConcurrency });
      expect(windowOf(await plan(plugin, {}))).toBe(16);
    }
  });

  it('bounds the requests a run sends the model at once', async () => {
    const { plugin, state } = localPlugin({ defaultConcurrency: 2 });
    const report = await runRecipe({ plan: await plan(plugin, { endpoints: { default: { concurrency: 16 } } }), out: join(project.directory, 'out') });

    expect(report.status).toBe('completed');
    expect(state.calls).toBe(12);
    expect(state.mostOpen).toBe(2);
    expect(report.endpoints).toEqual([expect.objectContaining({ label: 'local:tiny', concurrency: 2 })]);
  });
});

describe('runRecipe and providers', () => {
  it('disposes of every provider the plan created once the run has ended', async () => {
    const { plugin, state } = localPlugin();
    const planned = await plan(plugin, {});

    expect(planned.providers?.map(({ name }) => name)).toEqual(['local']);
    const report = await runRecipe({ plan: planned, out: join(project.directory, 'out') });

    expect(report.status).toBe('completed');
    expect(state.disposed).toBe(1);
  });

  it('disposes of them after a cancelled run, too', async () => {
    const { plugin, state } = localPlugin();
    const planned = await plan(plugin, {});
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));

    const report = await runRecipe({ plan: planned, out: join(project.directory, 'out'), signal: controller.signal });

    expect(report.status).toBe('cancelled');
    expect(state.disposed).toBe(1);
  });

  it('reports a provider that fails to dispose as a warning, keeping the run', async () => {
    const { plugin, state } = localPlugin({ disposeError: new Error('handle already closed') });
    const warnings: Array<{ model: string; message: string }> = [];

    const report = await runRecipe({
      plan: await plan(plugin, {}),
      out: join(project.directory, 'out'),
      onWarning: (warning) => warnings.push(warning),
    });

    expect(report.status).toBe('completed');
    expect(report.output.records).toBe(12);
    expect(state.disposed).toBe(1);
    expect(warnings).toEqual([{ model: 'local', message: 'provider "local" failed to release its resources: handle already closed' }]);
  });
});

describe('checkModels and providers', () => {
  it('disposes of the providers once every model is checked', async () => {
    const { plugin, state } = localPlugin();

    const checks = await checkModels(await plan(plugin, {}));

    expect(checks).toEqual([expect.objectContaining({ reference: 'local:tiny', status: 'ok' })]);
    expect(state.disposed).toBe(1);
  });

  it('tells a local failure (no status, not retryable) from a server out of reach', async () => {
    const local = localPlugin({ callError: new APICallError({ message: 'the model file is not GGUF', isRetryable: false }) });
    const network = localPlugin({ callError: new APICallError({ message: 'connection refused', isRetryable: true }) });

    expect((await checkModels(await plan(local.plugin, {})))[0]).toMatchObject({ status: 'error', message: 'the model file is not GGUF' });
    expect((await checkModels(await plan(network.plugin, {})))[0]).toMatchObject({ status: 'unreachable' });
  });
});
