import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A throwaway project folder for one test: write its files by relative path, install packages into
 * its `node_modules`, and remove it all at the end.
 */
export interface TemporaryProject {
  /** Absolute path of the project folder, a fresh folder under the operating system's temp folder. */
  readonly directory: string;
  /**
   * Writes a file at `relativePath` inside the project, creating its folders as needed, and returns
   * its absolute path. A string is written as is; any other value as indented JSON with a final
   * newline (handy for `package.json`).
   */
  write(relativePath: string, content: string | object): Promise<string>;
  /**
   * Links `folder` into `node_modules/<packageName>` (scoped names included), the way a package
   * manager installs a workspace or local package, so Node resolution and plugin discovery find it.
   * A relative `folder` is resolved against the current working folder.
   */
  install(packageName: string, folder: string): Promise<void>;
  /** Deletes the project folder and everything in it. Safe to call twice. */
  remove(): Promise<void>;
}

/**
 * Creates an empty temporary project folder, e.g. to test how recipes find plugins in
 * `package.json` and `node_modules`. Remove it when the test ends.
 *
 * ```ts
 * const project = await createTemporaryProject();
 * await project.write('package.json', { name: 'my-recipes', dependencies: { 'synthkit-plugin-acme': '1.0.0' } });
 * await project.install('synthkit-plugin-acme', pluginFolder);
 * // ...run the code under test in project.directory, then: await project.remove();
 * ```
 */
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
    async install(packageName, folder) {
      const target = join(directory, 'node_modules', packageName);
      await mkdir(dirname(target), { recursive: true });
      await symlink(resolve(folder), target, 'dir');
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
