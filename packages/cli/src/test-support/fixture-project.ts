import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../cli-io';

/** Root of the monorepo, for linking workspace packages into fixture projects. */
export const repositoryRoot = resolve(import.meta.dirname, '../../../..');

/** A temporary project folder with `@synthkit/core` installed (linked), for CLI tests. */
export interface FixtureProject {
  readonly directory: string;
  write(relativePath: string, content: string | object): Promise<string>;
  /** Links a folder into `node_modules/<name>`, the way a package manager installs it. */
  install(name: string, folder: string): Promise<void>;
  remove(): Promise<void>;
}

export async function createFixtureProject(): Promise<FixtureProject> {
  const directory = await mkdtemp(join(tmpdir(), 'synthkit-cli-'));
  const project: FixtureProject = {
    directory,
    async write(relativePath, content) {
      const path = join(directory, relativePath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
      return path;
    },
    async install(name, folder) {
      const target = join(directory, 'node_modules', name);
      await mkdir(dirname(target), { recursive: true });
      await symlink(folder, target, 'dir');
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
  await project.install('@synthkit/core', join(repositoryRoot, 'packages/core'));
  return project;
}

/** In-memory streams for running `main` in-process; read `stdout()`/`stderr()` afterwards. */
export function captureIo(cwd: string, signal?: AbortSignal): CliIo & { output(): string; errors(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return {
    cwd,
    stdout,
    stderr,
    ...(signal == null ? {} : { signal }),
    output: () => out,
    errors: () => err,
  };
}

/**
 * A fixture plugin (plain ESM, imports only @synthkit/core): an `echo` provider whose model answers
 * the prompt upper-cased and counts calls in `globalThis.echoCalls`, a `split` source task and a
 * `shout` task with a template, and a `min-length` filter.
 */
export const fixturePluginSource = `import { definePlugin, z } from '@synthkit/core';
globalThis.echoCalls ??= [];
export default definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'fixture-plugin', version: '1.0.0', namespace: 'fixture' },
  providers: {
    echo: {
      specificationVersion: 'v1',
      description: 'Answers the prompt upper-cased.',
      settings: z.object({}).strict(),
      create: () => ({
        specificationVersion: 'v1',
        languageModel: (modelId) => ({
          specificationVersion: 'v1',
          provider: 'echo',
          modelId,
          async doGenerate(options) {
            const prompt = options.messages.at(-1).content;
            globalThis.echoCalls.push({ modelId, prompt });
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
