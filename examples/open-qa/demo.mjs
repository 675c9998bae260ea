// `pnpm demo`: runs the open-QA recipe end to end through the real CLI.
// With OPENAI_BASE_URL and/or OPENAI_API_KEY set, the OpenAI provider talks to that endpoint;
// otherwise the run uses `--mock`: the offline mock provider (@synthkit/provider-mock) answers every
// call, since no real model is reachable from here.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = process.argv[2] ?? join(root, 'out', 'open-qa');

const isSet = (name) => (process.env[name] ?? '').trim() !== '';
const mock = !isSet('OPENAI_BASE_URL') && !isSet('OPENAI_API_KEY');
if (mock) {
  process.stderr.write(
    'No OPENAI_BASE_URL or OPENAI_API_KEY set: running with --mock, the offline mock provider answers every call ' +
      '(set them to use a real model).\n',
  );
}
// --overwrite: the demo's output folder is disposable, so running the demo again just replaces it
// (and replays every answer from the response cache).
const args = [join(root, 'packages/cli/dist/bin.js'), 'run', join(here, 'recipe.yaml'), '--out', out, '--overwrite', ...(mock ? ['--mock'] : [])];
const child = spawn(process.execPath, args, { stdio: 'inherit' });
const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
if (code === 0) process.stderr.write(`\nLook at a record: head -n 1 ${join(out, 'data.jsonl')}\n`);
process.exit(code);
