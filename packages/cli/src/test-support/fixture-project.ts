import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/testkit';
import type { CliIo } from '../cli-io';

/** Root of the monorepo, for linking workspace packages into fixture projects. */
export const repositoryRoot = resolve(import.meta.dirname, '../../../..');

/** A temporary project folder with `@synthkit/core` installed (linked), for CLI tests. */
export async function createFixtureProject(): Promise<TemporaryProject> {
  const project = await createTemporaryProject();
  await project.install('@synthkit/core', join(repositoryRoot, 'packages/core'));
  return project;
}

/** In-memory streams for running `main` in-process; read `output()`/`errors()` afterwards. */
export function captureIo(cwd: string, signal?: AbortSignal): CliIo & { output(): string; errors(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let outputText = '';
  let errorText = '';
  stdout.on('data', (chunk: Buffer) => {
    outputText += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    errorText += chunk.toString();
  });
  return {
    cwd,
    stdout,
    stderr,
    // A cache per test project: answers never leak between tests or into the user's cache.
    cacheDirectory: join(cwd, '.synthkit-cache'),
    ...(signal == null ? {} : { signal }),
    output: () => outputText,
    errors: () => errorText,
  };
}

/**
 * A fixture plugin (plain ESM, imports only @synthkit/core): an `echo` provider whose model answers
 * the prompt upper-cased after `delayMs` (a provider setting, default 0), throws for prompts
 * containing "explode", answers HTTP 401 for the model id `locked`, counts calls in
 * `globalThis.echoCalls`, and takes one provider option, `volume` (1 to 11); a `split` source task, a `shout` task with a template, a `measure`
 * task that returns a BigInt for items containing "big", and a `min-length` filter.
 */
export const fixturePluginSource = `import { APICallError, definePlugin, z } from '@synthkit/core';
globalThis.echoCalls ??= [];
export default definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'fixture-plugin', version: '1.0.0', namespace: 'fixture' },
  providers: {
    echo: {
      specificationVersion: 'v1',
      description: 'Answers the prompt upper-cased.',
      settings: z.object({ delayMs: z.number().int().min(0).default(0) }).strict(),
      defaultModel: { modelId: 'tiny', priority: 50, available: () => (process.env.ECHO_AUTO === '1' ? 'ECHO_AUTO is set' : undefined) },
      providerOptions: z.strictObject({ volume: z.number().int().min(1).max(11).optional() }),
      create: ({ delayMs }) => ({
        specificationVersion: 'v1',
        languageModel: (modelId) => ({
          specificationVersion: 'v1',
          provider: 'echo',
          modelId,
          async doGenerate(options) {
            if (delayMs > 0) {
              await new Promise((resolve, reject) => {
                const timer = setTimeout(resolve, delayMs);
                options.signal?.addEventListener('abort', () => { clearTimeout(timer); reject(options.signal.reason); }, { once: true });
              });
            }
            const prompt = options.messages.at(-1).content;
            globalThis.echoCalls.push({ modelId, prompt });
            if (modelId === 'locked') throw new APICallError({ message: 'Echo API call failed with HTTP 401: invalid key. The API key came from ECHO_API_KEY.', statusCode: 401 });
            if (prompt.includes('explode')) throw new Error('the model exploded');
            return { choices: [{ text: prompt.toUpperCase(), finishReason: 'stop' }], usage: { inputTokens: 3, outputTokens: 3 } };
          },
        }),
      }),
    },
  },
  tasks: {
    split: {
      specificationVersion: 'v1',
      description: 'Emits count items.',
      options: z.object({ count: z.number().int().positive() }).strict(),
      input: z.object({}),
      output: z.object({ item: z.string() }),
      models: {},
      templates: {},
      run: async (input, context) => Array.from({ length: context.options.count }, (_, index) => ({ item: 'item ' + index })),
    },
    measure: {
      specificationVersion: 'v1',
      description: 'Measures an item; a bug makes the size a BigInt for items containing "big".',
      options: z.object({}).strict(),
      input: z.object({ item: z.string() }),
      output: z.object({ size: z.any() }),
      models: {},
      templates: {},
      run: async (input) => [{ size: input.item.includes('big') ? BigInt(input.item.length) : input.item.length }],
    },
    shout: {
      specificationVersion: 'v1',
      description: 'Asks the model to shout an item.',
      options: z.object({}).strict(),
      input: z.object({ item: z.string() }),
      output: z.object({ text: z.string() }),
      models: { generator: 'Shouts.' },
      templates: { shout: { specificationVersion: 'v1', name: 'shout', user: 'Please shout {item}', variables: ['item'] } },
      run: async (input, context) => [{ text: (await context.generate({ role: 'generator', template: 'shout', variables: { item: input.item } })).text }],
    },
  },
  filters: {
    'min-length': {
      specificationVersion: 'v1',
      description: 'Keeps texts of at least min characters.',
      options: z.object({ min: z.number().int().default(1) }).strict(),
      create: ({ min }) => ({
        specificationVersion: 'v1',
        score: (text) => text.length,
        keep: (score) => score >= min,
        describe: (score) => score + ' characters, fewer than ' + min,
      }),
    },
  },
});
`;
