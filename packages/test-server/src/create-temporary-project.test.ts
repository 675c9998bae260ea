import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTemporaryProject, type TemporaryProject } from './create-temporary-project';

const projects: TemporaryProject[] = [];

afterEach(async () => {
  await Promise.all(projects.splice(0).map((project) => project.remove()));
});

describe('createTemporaryProject', () => {
  it('creates a fresh, empty folder under the temp folder each time', async () => {
    const first = await start();
    const second = await start();

    expect(isAbsolute(first.directory)).toBe(true);
    expect(dirname(first.directory)).toBe(tmpdir());
    expect(second.directory).not.toBe(first.directory);
    expect(await readdir(first.directory)).toEqual([]);
  });

  it('writes text as is, creating folders, and returns the absolute path', async () => {
    const project = await start();

    const path = await project.write('recipes/deep/recipe.yaml', 'name: demo\n');

    expect(path).toBe(join(project.directory, 'recipes/deep/recipe.yaml'));
    expect(await readFile(path, 'utf8')).toBe('name: demo\n');
  });

  it('writes any other value as indented JSON with a final newline', async () => {
    const project = await start();

    const path = await project.write('package.json', { name: 'my-recipes', dependencies: { acme: '1.0.0' } });

    expect(await readFile(path, 'utf8')).toBe(
      '{\n  "name": "my-recipes",\n  "dependencies": {\n    "acme": "1.0.0"\n  }\n}\n',
    );
  });

  it('installs a folder as a link in node_modules that Node resolution follows, scoped names included', async () => {
    const library = await start();
    await library.write('package.json', { name: '@acme/plugin', version: '1.0.0', main: 'index.cjs' });
    await library.write('index.cjs', "module.exports = 'acme plugin';");
    const project = await start();

    await project.install('@acme/plugin', library.directory);
    await project.install('relative-plugin', relative(process.cwd(), library.directory));

    const installed = join(project.directory, 'node_modules/@acme/plugin');
    expect((await lstat(installed)).isSymbolicLink()).toBe(true);
    expect(await realpath(installed)).toBe(await realpath(library.directory));
    expect(await realpath(join(project.directory, 'node_modules/relative-plugin'))).toBe(
      await realpath(library.directory),
    );
    const requireFromProject = createRequire(join(project.directory, 'index.js'));
    expect(requireFromProject('@acme/plugin')).toBe('acme plugin');
  });

  it('removes the folder and everything in it, and can be asked twice', async () => {
    const project = await start();
    await project.write('nested/file.txt', 'x');

    await project.remove();
    await project.remove();

    await expect(lstat(project.directory)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

// --- Internal helpers ---

/** Creates a project that is removed after the test. */
async function start(): Promise<TemporaryProject> {
  const project = await createTemporaryProject();
  projects.push(project);
  return project;
}
