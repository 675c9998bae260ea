// `pnpm demo`: runs the open-QA recipe end to end through the real CLI and the OpenAI provider.
// With OPENAI_BASE_URL (and OPENAI_API_KEY) set, it talks to that endpoint; otherwise it starts the
// scripted loopback endpoint of demo-server.mjs, since no real model is reachable from here.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './demo-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = process.argv[2] ?? join(root, 'out', 'open-qa');

let server;
const env = { ...process.env };
if (env.OPENAI_BASE_URL == null) {
  server = await startDemoServer();
  env.OPENAI_BASE_URL = server.baseURL;
  env.OPENAI_API_KEY ??= 'demo';
  process.stderr.write(`No OPENAI_BASE_URL set: using the scripted demo endpoint at ${server.baseURL}\n`);
}
// --overwrite: the demo's output folder is disposable, so running the demo again just replaces it
// (and replays every answer from the response cache).
const child = spawn(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'run', join(here, 'recipe.yaml'), '--out', out, '--overwrite'], {
  env,
  stdio: 'inherit',
});
const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
await server?.close();
if (code === 0) process.stderr.write(`\nLook at a record: head -n 1 ${join(out, 'data.jsonl')}\n`);
process.exit(code);
