import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileRecipe, createRegistry, runRecipe } from '@synthkit/runtime';
import { createTemporaryProject, writeTinyGguf, type TemporaryProject } from '@synthkit/test-server';
import tasksNemotron from '@synthkit/tasks-nemotron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import llamaCpp from './index';
import { newestLocalModel } from './internal/newest-local-model';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await project.remove();
});

/** Writes `content` to `name` in `directory`, dated `secondsAgo` in the past. */
async function writeDated(directory: string, name: string, secondsAgo: number, content = 'GGUF'): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  const time = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path, time, time);
  return path;
}

describe('newestLocalModel', () => {
  it('is the GGUF written last, leaving out downloads under way, later parts of split models and empty files', async () => {
    const directory = join(project.directory, 'models');
    expect(newestLocalModel(directory), 'a folder that does not exist').toBeUndefined();
    await mkdir(directory);
    expect(newestLocalModel(directory), 'an empty folder').toBeUndefined();

    await writeDated(directory, 'old.gguf', 300);
    const newest = await writeDated(directory, 'Newer.Q4_K_M.GGUF', 200);
    await writeDated(directory, 'partial.gguf.ipull', 10);
    await writeDated(directory, 'notes.txt', 10);
    await writeDated(directory, 'empty.gguf', 10, '');
    await writeDated(directory, 'split-00002-of-00002.gguf', 10);
    expect(newestLocalModel(directory)).toBe(newest);

    const firstPart = await writeDated(directory, 'split-00001-of-00002.gguf', 100);
    expect(newestLocalModel(directory)).toBe(firstPart);
  });
});

describe('the automatic model offer of the llama-cpp plugin', () => {
  const offer = llamaCpp.providers?.['llama-cpp']?.defaultModel;

  it('offers nothing while the synthkit model folder holds no GGUF, and the newest one when it does', async () => {
    vi.stubEnv('SYNTHKIT_CACHE_DIR', project.directory);
    expect(offer?.priority).toBe(30);
    expect(offer?.available()).toBeUndefined();

    await mkdir(join(project.directory, 'models'));
    const path = await writeDated(join(project.directory, 'models'), 'qwen.gguf', 60);
    expect(offer?.available()).toEqual({ reason: `the newest GGUF model in ${join(project.directory, 'models')}`, modelId: path });
  });

  it('serves a recipe that names no model, through the gateway like a named model', { timeout: 60_000 }, async () => {
    vi.stubEnv('SYNTHKIT_CACHE_DIR', project.directory);
    await mkdir(join(project.directory, 'models'));
    const path = join(project.directory, 'models', 'tiny.gguf');
    await writeTinyGguf(path, { seed: 1 });
    await project.write('topics.jsonl', `${JSON.stringify({ topic: 'the sea' })}\n`);

    const registry = await createRegistry({ plugins: [llamaCpp, tasksNemotron], discover: false });
    const plan = compileRecipe({
      registry,
      directory: project.directory,
      document: {
        providers: { 'llama-cpp': { threads: 1, contextSize: 512 } },
        params: { default: { max_tokens: 16 } },
        stages: [{ source: 'topics.jsonl' }, { task: 'nemotron:open-qa-questions', options: { n_openlines: 1 } }],
      },
    });
    expect(plan.automaticModel).toEqual({ reference: `llama-cpp:${path}`, reason: `the newest GGUF model in ${join(project.directory, 'models')}` });

    const report = await runRecipe({ plan, out: join(project.directory, 'out') });
    expect(report.error).toBeUndefined();
    expect(report.models[`llama-cpp:${path}`]?.requests).toBeGreaterThan(0);
    expect(report.requests.total).toBe(report.models[`llama-cpp:${path}`]?.requests);
  });
});
