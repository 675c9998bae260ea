import { execFileSync } from 'node:child_process';
import { InvalidArgumentError, PluginLoadError } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPackageJson, resolvePluginModule } from './resolve-plugin-module';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

/** Writes `node_modules/<name>/package.json` and an empty file for each of `files`. */
async function installPackage(name: string, packageJson: object, files: string[]): Promise<string> {
  await project.write(`node_modules/${name}/package.json`, { name, version: '1.0.0', ...packageJson });
  for (const file of files) await project.write(`node_modules/${name}/${file}`, 'export default {};\n');
  return `${project.directory}/node_modules/${name}`;
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('resolvePluginModule: package entry', () => {
  it('walks export conditions in object order: "node" before "import" picks the node file', async () => {
    const directory = await installPackage('ordered', { exports: { '.': { node: './node.cjs', import: './esm.mjs' } } }, ['node.cjs', 'esm.mjs']);
    expect(resolvePluginModule('ordered', project.directory).path).toBe(`${directory}/node.cjs`);
  });

  it('resolves a nested { import: { types, default } } condition to the default file', async () => {
    const directory = await installPackage(
      'nested',
      { exports: { '.': { import: { types: './index.d.ts', default: './index.js' }, require: { types: './index.d.cts', default: './index.cjs' } } } },
      ['index.js', 'index.cjs', 'index.d.ts'],
    );
    expect(resolvePluginModule('nested', project.directory).path).toBe(`${directory}/index.js`);
  });

  it('takes the first array fallback that is a valid target', async () => {
    const directory = await installPackage('fallbacks', { exports: { '.': ['not-relative.js', { browser: './browser.js' }, './fallback.js', './later.js'] } }, [
      'browser.js',
      'fallback.js',
      'later.js',
    ]);
    expect(resolvePluginModule('fallbacks', project.directory).path).toBe(`${directory}/fallback.js`);
  });

  it('uses "main", never "module", when there is no "exports"', async () => {
    const directory = await installPackage('legacy', { main: './main.cjs', module: './module.mjs' }, ['main.cjs', 'module.mjs']);
    expect(resolvePluginModule('legacy', project.directory).path).toBe(`${directory}/main.cjs`);
  });

  it('falls back to index.js, not "module", when there is no "main"', async () => {
    const directory = await installPackage('module-only', { module: './module.mjs' }, ['module.mjs', 'index.js']);
    expect(resolvePluginModule('module-only', project.directory).path).toBe(`${directory}/index.js`);
  });

  it('follows Node\'s legacy "main" lookup: an extensionless main and a main folder', async () => {
    const extensionless = await installPackage('extensionless', { main: './lib/plugin' }, ['lib/plugin.js']);
    expect(resolvePluginModule('extensionless', project.directory).path).toBe(`${extensionless}/lib/plugin.js`);
    const folder = await installPackage('folder', { main: './lib' }, ['lib/index.js']);
    expect(resolvePluginModule('folder', project.directory).path).toBe(`${folder}/lib/index.js`);
  });

  it('picks the same file as Node\'s own import resolution', async () => {
    const packages: Record<string, { packageJson: object; files: string[] }> = {
      'parity-order': { packageJson: { exports: { '.': { node: './node.cjs', import: './esm.mjs' } } }, files: ['node.cjs', 'esm.mjs'] },
      'parity-sync': { packageJson: { exports: { 'module-sync': './sync.mjs', import: './esm.mjs' } }, files: ['sync.mjs', 'esm.mjs'] },
      'parity-nested': { packageJson: { exports: { import: { types: './t.d.ts', default: './esm.mjs' }, default: './other.js' } }, files: ['esm.mjs', 'other.js'] },
      'parity-array': { packageJson: { exports: [{ browser: './b.js' }, 'bad.js', './fallback.js'] }, files: ['b.js', 'fallback.js'] },
      'parity-main': { packageJson: { main: './lib/entry', module: './esm.mjs' }, files: ['lib/entry.js', 'esm.mjs'] },
      'parity-null-exports': { packageJson: { exports: null, main: './main.js' }, files: ['main.js'] },
    };
    for (const [name, { packageJson, files }] of Object.entries(packages)) await installPackage(name, packageJson, files);
    const script = await project.write(
      'resolve-with-node.mjs',
      "import { fileURLToPath } from 'node:url';\nconsole.log(JSON.stringify(process.argv.slice(2).map((name) => fileURLToPath(import.meta.resolve(name)))));\n",
    );
    const names = Object.keys(packages);
    const byNode = JSON.parse(execFileSync(process.execPath, [script, ...names], { cwd: project.directory, encoding: 'utf8' })) as string[];
    expect(names.map((name) => resolvePluginModule(name, project.directory).path)).toEqual(byNode);
  });

  it('fails naming the package.json when "exports" has no entry an import can use', async () => {
    await installPackage('browser-only', { exports: { '.': { browser: './browser.js' } }, main: './main.js' }, ['browser.js', 'main.js']);
    const error = thrownBy(() => resolvePluginModule('browser-only', project.directory));
    expect(PluginLoadError.isInstance(error)).toBe(true);
    expect((error as PluginLoadError).failure).toBe('not-found');
    expect((error as Error).message).toContain(`the "exports" of ${project.directory}/node_modules/browser-only/package.json have no "." entry`);
  });

  it('fails when an export target is not a ./ path', async () => {
    await installPackage('bad-target', { exports: { import: 'index.js' } }, ['index.js']);
    const error = thrownBy(() => resolvePluginModule('bad-target', project.directory)) as PluginLoadError;
    expect(error.failure).toBe('not-found');
    expect(error.message).toContain('point at "index.js", which is not a valid target');
  });
});

describe('resolvePluginModule: short names', () => {
  it('tries @synthkit/<name>, then synthkit-plugin-<name>, then the bare name, and records each', async () => {
    const error = thrownBy(() => resolvePluginModule('keywords', project.directory)) as PluginLoadError;
    const inProject = error.tried.filter((path) => path.startsWith(project.directory));
    expect(inProject).toEqual([
      `${project.directory}/node_modules/@synthkit/keywords/package.json`,
      `${project.directory}/node_modules/synthkit-plugin-keywords/package.json`,
      `${project.directory}/node_modules/keywords/package.json`,
    ]);
    expect(error.message).toContain('no installed package named "@synthkit/keywords" or "synthkit-plugin-keywords" or "keywords"');
  });

  it('prefers @synthkit/<name> over a hoisted npm package of the bare name', async () => {
    await installPackage('keywords', { main: './index.js' }, ['index.js']);
    const scoped = await installPackage('@synthkit/keywords', { exports: './index.js' }, ['index.js']);
    expect(resolvePluginModule('keywords', project.directory).path).toBe(`${scoped}/index.js`);
  });

  it('resolves an exact name only when short names are turned off', async () => {
    const bare = await installPackage('keywords', { main: './index.js' }, ['index.js']);
    await installPackage('@synthkit/keywords', { exports: './index.js' }, ['index.js']);
    expect(resolvePluginModule('keywords', project.directory, { expandShortNames: false }).path).toBe(`${bare}/index.js`);
  });
});

describe('package.json problems', () => {
  it('readPackageJson throws an InvalidArgumentError naming the file and the JSON error, keeping the cause', async () => {
    const path = await project.write('package.json', '{ "name": "broken", }');
    const error = thrownBy(() => readPackageJson(path));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('package.json');
    expect((error as Error).message).toContain(`${path} is not valid JSON: `);
    expect((error as Error).message).toContain('Fix the file');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toContain(((error as Error).cause as Error).message);
  });

  it('readPackageJson rejects JSON that is not an object', async () => {
    const path = await project.write('package.json', 'null');
    const error = thrownBy(() => readPackageJson(path)) as InvalidArgumentError;
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toContain(`${path} is not a JSON object (it holds null)`);
  });

  it("a plugin package's malformed package.json is a PluginLoadError naming the specifier and the path", async () => {
    await project.write('node_modules/synthkit-plugin-broken/package.json', '{ "name": ');
    const error = thrownBy(() => resolvePluginModule('broken', project.directory));
    expect(PluginLoadError.isInstance(error)).toBe(true);
    expect((error as PluginLoadError).failure).toBe('invalid-manifest');
    expect((error as Error).message).toContain('Plugin "broken"');
    expect((error as Error).message).toContain(`package.json at ${project.directory}/node_modules/synthkit-plugin-broken/package.json is not valid JSON`);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it("a plugin folder's malformed package.json is a PluginLoadError too", async () => {
    await project.write('local-plugin/package.json', '{ oops }');
    const error = thrownBy(() => resolvePluginModule('./local-plugin', project.directory)) as PluginLoadError;
    expect(PluginLoadError.isInstance(error)).toBe(true);
    expect(error.failure).toBe('invalid-manifest');
    expect(error.message).toContain(`${project.directory}/local-plugin/package.json is not valid JSON`);
  });
});
