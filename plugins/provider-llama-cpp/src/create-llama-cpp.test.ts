import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { InvalidArgumentError } from '@synthkit/core';
import { defaultCacheDirectory } from '@synthkit/runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultModelDirectory } from './internal/default-model-directory';
import { writeTinyModel, type TinyModelFolder } from './test-support/tiny-model';

/** Counts what node-llama-cpp is asked to do; the mock factory runs only when the module is imported. */
const spy = vi.hoisted(() => ({ imports: 0, getLlamaOptions: [] as unknown[], loadModels: 0 }));
vi.mock('node-llama-cpp', async (importOriginal) => {
  spy.imports++;
  const original = await importOriginal<typeof import('node-llama-cpp')>();
  return {
    ...original,
    getLlama: async (options: Parameters<typeof original.getLlama>[0]) => {
      spy.getLlamaOptions.push(options);
      const llama = await original.getLlama(options as never);
      const loadModel = llama.loadModel.bind(llama);
      llama.loadModel = (modelOptions) => {
        spy.loadModels++;
        return loadModel(modelOptions);
      };
      return llama;
    },
  };
});

let tiny: TinyModelFolder;
beforeAll(async () => {
  tiny = await writeTinyModel();
});
afterAll(async () => {
  await tiny.project.remove();
});

function invalidArgument(action: () => unknown): InvalidArgumentError {
  try {
    action();
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('the llama-cpp plugin', () => {
  // First in the file: nothing may have imported node-llama-cpp yet.
  it('loads nothing until the first call, then node-llama-cpp and the model once for concurrent calls', async () => {
    const { default: plugin, createLlamaCpp } = await import('./index');
    const provider = createLlamaCpp({ models: { tiny: tiny.path }, threads: 1 });
    const model = provider.languageModel('tiny');
    provider.embeddingModel('tiny');
    expect(plugin.providers?.['llama-cpp']?.create({})).toBeDefined();
    expect(spy.imports).toBe(0);

    const call = () => model.doGenerate({ messages: [{ role: 'user', content: 'Hi' }], params: { maxTokens: 4 } });
    const results = await Promise.all([call(), call(), call()]);

    expect(results.map((result) => result.choices.length)).toEqual([1, 1, 1]);
    expect(spy.imports).toBe(1);
    expect(spy.getLlamaOptions).toEqual([expect.objectContaining({ gpu: false, maxThreads: 1, build: 'never' })]);
    expect(spy.loadModels).toBe(1);
    await call();
    expect(spy.loadModels).toBe(1);

    // A released model is loaded again by the next call.
    await provider.dispose();
    await call();
    expect(spy.getLlamaOptions).toHaveLength(2);
    expect(spy.loadModels).toBe(2);
    await provider.dispose();
  });
});

describe('createLlamaCpp', () => {
  it('describes each model: provider, name, a stable endpoint naming the file, one choice per call, its window', async () => {
    const { createLlamaCpp } = await import('./index');
    const provider = createLlamaCpp({ models: { tiny: tiny.path }, sequences: 3 });

    const model = provider.languageModel('tiny');
    expect(model).toMatchObject({
      specificationVersion: 'v1',
      provider: 'llama-cpp',
      modelId: 'tiny',
      endpoint: `llama-cpp:${tiny.path}`,
      maxChoicesPerCall: 1,
      defaultConcurrency: 3,
      variant: tiny.path,
    });
    expect(createLlamaCpp({ models: { tiny: tiny.path } }).languageModel('tiny').defaultConcurrency).toBe(1);
    expect(provider.embeddingModel('tiny')).toMatchObject({ provider: 'llama-cpp', modelId: 'tiny', endpoint: `llama-cpp:${tiny.path}` });
  });

  it('takes a GGUF path or hf: URI as the model name itself, relative paths from the current folder', async () => {
    const { createLlamaCpp } = await import('./index');
    const provider = createLlamaCpp();
    const relativePath = relative(process.cwd(), tiny.path);

    expect(provider.languageModel(relativePath)).toMatchObject({ modelId: relativePath, endpoint: `llama-cpp:${tiny.path}` });
    expect(provider.languageModel('hf:acme/tiny/tiny.gguf')).toMatchObject({ endpoint: 'llama-cpp:hf:acme/tiny/tiny.gguf', variant: 'hf:acme/tiny/tiny.gguf' });
    expect(createLlamaCpp({ models: { remote: 'hf:acme/tiny:Q4_K_M' } }).languageModel('remote').endpoint).toBe('llama-cpp:hf:acme/tiny:Q4_K_M');
  });

  it('refuses an unknown name, saying what is configured and how to add it', async () => {
    const { createLlamaCpp } = await import('./index');
    const error = invalidArgument(() => createLlamaCpp({ models: { tiny: tiny.path, other: tiny.path } }).languageModel('qwen'));

    expect(error.message).toBe(
      'llama-cpp has no model named "qwen" (configured: tiny, other). Add it under providers.llama-cpp.models ' +
        '(qwen: ./path/to/model.gguf, or qwen: hf:user/repo/model.Q4_K_M.gguf), or name a GGUF file or hf: URI directly: llama-cpp:./models/model.gguf.',
    );
    expect(invalidArgument(() => createLlamaCpp().embeddingModel('qwen')).message).toContain('(no models are configured)');
    // Not an entry of the object's prototype either.
    expect(invalidArgument(() => createLlamaCpp().languageModel('constructor')).message).toContain('no model named "constructor"');
  });

  it('refuses a missing file or a folder when the model is made, before any run starts', async () => {
    const { createLlamaCpp } = await import('./index');
    const missing = join(tiny.project.directory, 'missing.gguf');
    const folder = join(tiny.project.directory, 'a-folder.gguf');
    await mkdir(folder);

    const configured = invalidArgument(() => createLlamaCpp({ models: { tiny: missing } }).languageModel('tiny'));
    expect(configured.message).toBe(
      `providers.llama-cpp.models.tiny: no file at ${missing}. Check the path (an absolute one is safest), ` +
        'or give an hf: URI (hf:user/repo/model.Q4_K_M.gguf) to download the model on first use.',
    );
    expect(invalidArgument(() => createLlamaCpp().languageModel(missing)).message).toContain(`the model reference "llama-cpp:${missing}": no file at`);
    expect(invalidArgument(() => createLlamaCpp().languageModel(folder)).message).toContain(`a folder, not a GGUF file, at ${folder}`);
    expect(invalidArgument(() => createLlamaCpp().languageModel('missing.gguf')).message).toContain(
      `no file at ${join(process.cwd(), 'missing.gguf')} ("missing.gguf" from the current folder, ${process.cwd()})`,
    );
  });

  it('refuses invalid settings with the setting and what it must be', async () => {
    const { createLlamaCpp } = await import('./index');
    const message = (settings: unknown) => invalidArgument(() => createLlamaCpp(settings as never)).message;

    expect(message({ threads: 0 })).toBe('Invalid llama-cpp provider setting: threads must be at least 1.');
    expect(message({ threads: 1.5 })).toBe('Invalid llama-cpp provider setting: threads must be a whole number of threads.');
    expect(message({ contextSize: 8 })).toBe('Invalid llama-cpp provider setting: contextSize must be at least 16 tokens.');
    expect(message({ gpu: 'rocm' })).toBe('Invalid llama-cpp provider setting: gpu must be false, "auto", "cuda", "vulkan" or "metal".');
    expect(message({ context_size: 512 })).toBe(
      'Invalid llama-cpp provider setting: unknown key "context_size" (did you mean "contextSize"?). ' +
        'Valid keys: models, threads, contextSize, sequences, gpu, modelDirectory, huggingFaceEndpoint.',
    );
    expect(message({ models: { tiny: 'hf:just-a-name' } })).toBe(
      'Invalid llama-cpp provider setting: models.tiny must be an hf: URI such as "hf:user/repo/model.Q4_K_M.gguf" or "hf:user/repo:Q4_K_M".',
    );
    expect(message({ huggingFaceEndpoint: 'ftp://mirror' })).toContain('huggingFaceEndpoint must be an http(s) URL');
    expect(message({ onDownloadProgress: 'loud' })).toBe('Invalid llama-cpp provider setting: onDownloadProgress must be a function.');
  });

  it('downloads into models/ of the folder the runtime keeps its response cache in', () => {
    for (const environment of [{}, { XDG_CACHE_HOME: '/xdg' }, { SYNTHKIT_CACHE_DIR: '/cache', XDG_CACHE_HOME: '/xdg' }, { SYNTHKIT_CACHE_DIR: '  ' }]) {
      expect(defaultModelDirectory(environment)).toBe(join(defaultCacheDirectory(environment), 'models'));
    }
  });
});
