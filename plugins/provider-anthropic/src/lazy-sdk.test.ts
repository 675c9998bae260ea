import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const distribution = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;
let folder: string | undefined;

afterEach(async () => {
  if (folder != null) await rm(folder, { recursive: true, force: true });
});

describe('@anthropic-ai/sdk is imported on first use', () => {
  // In a process of its own, running the built package, with a module hook that logs every module
  // of the SDK as it is resolved (vitest has imported the SDK in this process already).
  it('loading the plugin and creating a provider and a model import no SDK; the first request does', async () => {
    folder = await mkdtemp(join(tmpdir(), 'synthkit-lazy-anthropic-sdk-'));
    const log = join(folder, 'resolved.log');
    await writeFile(log, '');
    await writeFile(
      join(folder, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
       export async function resolve(specifier, context, next) {
         const result = await next(specifier, context);
         if (/[\\\\/]@anthropic-ai[\\\\/]sdk[\\\\/]/.test(result.url)) appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
         return result;
       }`,
    );
    await writeFile(
      join(folder, 'script.mjs'),
      `import { register } from 'node:module';
       import { readFileSync } from 'node:fs';
       register(${JSON.stringify(pathToFileURL(join(folder, 'hooks.mjs')).href)});
       const { default: plugin, createAnthropic } = await import(${JSON.stringify(distribution)});
       const model = createAnthropic({ baseURL: 'http://127.0.0.1:9', apiKey: 'k', timeoutMs: 2000 }).languageModel('m');
       const before = readFileSync(${JSON.stringify(log)}, 'utf8').trim().split('\\n').filter(Boolean).length;
       const error = await model.doGenerate({ prompt: 'hello', params: {} }).then(() => undefined, (caught) => caught);
       const after = readFileSync(${JSON.stringify(log)}, 'utf8').trim().split('\\n').filter(Boolean).length;
       console.log(JSON.stringify({ namespace: plugin.meta.namespace, endpoint: model.endpoint, before, after, failedAs: error?.constructor?.name, retryable: error?.isRetryable }));`,
    );
    const result = spawnSync(process.execPath, [join(folder, 'script.mjs')], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    const outcome = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
    expect(outcome).toMatchObject({ namespace: 'anthropic', endpoint: 'http://127.0.0.1:9', before: 0 });
    expect(outcome['after']).toBeGreaterThan(0);
    // The SDK's error on the unreachable port was still converted, with classes imported late.
    expect(outcome).toMatchObject({ failedAs: 'APICallError', retryable: true });
    expect(await readFile(log, 'utf8')).toContain('@anthropic-ai/sdk');
  });
});
