import { join } from 'node:path';
import { createTemporaryProject, writeTinyGguf, type TemporaryProject } from '@synthkit/test-server';

/** A temporary folder holding `tiny.gguf`, the test server's random-weight model (seed 1). */
export interface TinyModelFolder {
  readonly project: TemporaryProject;
  /** Absolute path of the GGUF file. */
  readonly path: string;
}

/** Writes the tiny model into a fresh temporary folder; remove the folder with `project.remove()`. */
export async function writeTinyModel(seed = 1): Promise<TinyModelFolder> {
  const project = await createTemporaryProject();
  const path = join(project.directory, 'tiny.gguf');
  await writeTinyGguf(path, { seed });
  return { project, path };
}
