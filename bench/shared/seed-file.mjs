// Temporary JSONL seed files for the engine runs (the engine's `source` stage reads a file).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a temporary directory; `remove()` deletes it (call it in `finally`). */
export async function createTemporaryDirectory() {
  const directory = await mkdtemp(join(tmpdir(), 'synthkit-bench-'));
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) };
}

/** The topic of seed record `index`; baselines use it too, so every variant sends the same prompts. */
export function seedTopic(index) {
  return `topic ${index}`;
}

/** Writes `count` records `{"topic":"topic <i>"}` to `<directory>/<name>` and returns the path. */
export async function writeSeedFile(directory, name, count) {
  const path = join(directory, name);
  const lines = [];
  for (let index = 0; index < count; index++) lines.push(JSON.stringify({ topic: seedTopic(index) }));
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
