import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkModels, compileRecipe, createRegistry } from '@synthkit/runtime';
import tasksNemotron from '@synthkit/tasks-nemotron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import llamaCpp, { type LlamaCppProvider } from './index';
import { writeTinyModel, type TinyModelFolder } from './test-support/tiny-model';

let tiny: TinyModelFolder;
beforeAll(async () => {
  tiny = await writeTinyModel();
});
afterAll(async () => {
  await tiny.project.remove();
});

/** `synthkit models check` on a recipe whose every role is the llama-cpp model `tiny` at `path`. */
async function check(path: string) {
  const registry = await createRegistry({ plugins: [llamaCpp, tasksNemotron], discover: false });
  const plan = compileRecipe({
    registry,
    directory: tiny.project.directory,
    document: {
      models: { default: 'llama-cpp:tiny' },
      providers: { 'llama-cpp': { models: { tiny: path }, threads: 1 } },
      stages: [{ task: 'nemotron:macro-topics', options: { n_macro_topics: 2 } }],
    },
  });
  const provider = plan.providers?.[0]?.provider as LlamaCppProvider;
  const dispose = vi.spyOn(provider, 'dispose');
  const checks = await checkModels(plan);
  return { checks, disposed: dispose.mock.calls.length };
}

describe('synthkit models check with llama-cpp models', () => {
  it('loads the model, gets its answer, and releases it', async () => {
    const { checks, disposed } = await check(tiny.path);

    expect(checks).toEqual([
      expect.objectContaining({
        reference: 'llama-cpp:tiny',
        endpoint: `llama-cpp:${tiny.path}`,
        usedBy: ['macro-topics.generator', 'macro-topics.converter'],
        status: 'ok',
        servedModel: 'tiny',
      }),
    ]);
    expect(disposed).toBe(1);
  });

  it('reports a file that is not a model as an error, not as a server out of reach', async () => {
    const path = join(tiny.project.directory, 'notes.gguf');
    await writeFile(path, 'not a model');

    const { checks, disposed } = await check(path);

    expect(checks[0]).toMatchObject({ status: 'error', message: expect.stringContaining(`${path} is not a GGUF file`) });
    expect(disposed).toBe(1);
  });
});
