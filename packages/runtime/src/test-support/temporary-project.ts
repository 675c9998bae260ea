import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway folder tree for tests: write files by relative path, remove it all at the end. */
export interface TemporaryProject {
  readonly directory: string;
  write(relativePath: string, content: string | object): Promise<string>;
  remove(): Promise<void>;
}

export async function createTemporaryProject(): Promise<TemporaryProject> {
  const directory = await mkdtemp(join(tmpdir(), 'synthkit-test-'));
  return {
    directory,
    async write(relativePath, content) {
      const path = join(directory, relativePath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
      return path;
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/**
 * Source of a minimal plugin module (plain object, no imports) with one filter, for loader tests.
 * `overrides` is spliced into the manifest object literal.
 */
export function pluginModuleSource({
  name,
  version = '1.0.0',
  namespace,
  extra = '',
}: {
  name: string;
  version?: string;
  namespace: string;
  extra?: string;
}): string {
  return `const passAll = {
  specificationVersion: 'v1',
  description: 'Keeps every record.',
  options: { safeParse: (value) => ({ success: true, data: value }) },
  create: () => ({ specificationVersion: 'v1', score: () => true, keep: (score) => score === true }),
};
export default {
  specificationVersion: 'v1',
  meta: { name: ${JSON.stringify(name)}, version: ${JSON.stringify(version)}, namespace: ${JSON.stringify(namespace)} },
  filters: { 'pass-all': passAll },
  ${extra}
};
`;
}
