import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs an ES module script in a fresh Node process that records, as they are resolved, the
 * modules whose URL matches `watch`, and returns the JSON the script printed last. The script can
 * call `resolvedModules()` (a global) at any point for the URLs recorded so far. Made for tests
 * that a dependency is imported lazily: a test process has usually imported it already.
 *
 * ```ts
 * const outcome = await runWithModuleLog({
 *   watch: /[\\/]openai[\\/]/,
 *   script: `const { createOpenAI } = await import(${JSON.stringify(built)});
 *            const model = createOpenAI({ apiKey: 'k' }).languageModel('m');
 *            console.log(JSON.stringify({ before: resolvedModules().length }));`,
 * });
 * ```
 *
 * @throws Error with the child's standard error when it exits with another code than 0, prints
 * anything on standard error, or runs longer than `timeoutMs` (default 30 000).
 */
export async function runWithModuleLog({
  script,
  watch,
  timeoutMs = 30_000,
}: {
  /** The body of an ES module: top-level `await` and `import()` work. */
  readonly script: string;
  /** Which module URLs to record. */
  readonly watch: RegExp;
  readonly timeoutMs?: number;
}): Promise<unknown> {
  const folder = await mkdtemp(join(tmpdir(), 'synthkit-module-log-'));
  try {
    const log = join(folder, 'resolved.log');
    await writeFile(log, '');
    await writeFile(
      join(folder, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
       const watch = new RegExp(${JSON.stringify(watch.source)}, ${JSON.stringify(watch.flags)});
       export async function resolve(specifier, context, next) {
         const result = await next(specifier, context);
         if (watch.test(result.url)) appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
         return result;
       }`,
    );
    await writeFile(
      join(folder, 'script.mjs'),
      `import { register } from 'node:module';
       import { readFileSync } from 'node:fs';
       register(${JSON.stringify(pathToFileURL(join(folder, 'hooks.mjs')).href)});
       globalThis.resolvedModules = () => readFileSync(${JSON.stringify(log)}, 'utf8').split('\\n').filter(Boolean);
       ${script}`,
    );
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(folder, 'script.mjs')], { timeout: timeoutMs });
      let out = '';
      let errors = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, stdout: out, stderr: errors }));
    });
    if (code !== 0 || stderr !== '') throw new Error(`The script failed (exit code ${code}): ${stderr}`);
    const lines = stdout.trim().split('\n');
    return JSON.parse(lines.at(-1) ?? 'null') as unknown;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
