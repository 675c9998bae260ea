import { InvalidArgumentError, NoSuchItemError, PluginLoadError, definePlugin } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pluginModuleSource } from '../test-support/plugin-module-source';
import { createRegistry } from './create-registry';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

async function installPackage(name: string, { plugin = true, version = '1.0.0', namespace = 'acme', source }: { plugin?: boolean; version?: string; namespace?: string; source?: string } = {}) {
  await project.write(`node_modules/${name}/package.json`, {
    name,
    version,
    type: 'module',
    exports: { '.': { types: './index.d.ts', import: './index.js' } },
    ...(plugin ? { synthkit: { plugin: true } } : {}),
  });
  await project.write(`node_modules/${name}/index.js`, source ?? pluginModuleSource({ name, version, namespace }));
}

async function loadError(promise: Promise<unknown>): Promise<PluginLoadError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(PluginLoadError.isInstance(error)).toBe(true);
  return error as PluginLoadError;
}

describe('createRegistry', () => {
  it('indexes plugin objects passed in code under namespace:name', async () => {
    const plugin = definePlugin({
      specificationVersion: 'v1',
      meta: { name: 'inline', version: '0.0.1', namespace: 'inline' },
      templates: { hello: { specificationVersion: 'v1', name: 'hello', user: 'Hi {name}', variables: ['name'] } },
    });
    const registry = await createRegistry({ plugins: [plugin, false, null], directory: project.directory });
    expect(registry.plugins.map((entry) => entry.source.kind)).toEqual(['code']);
    expect(registry.get('templates', 'inline:hello').item.user).toBe('Hi {name}');
  });

  it('indexes conversation formatters under namespace:name, and names the kind when one is unknown', async () => {
    const plain = { specificationVersion: 'v1', name: 'plain', description: 'As it is.', format: () => 'prompt' } as const;
    const plugin = definePlugin({
      specificationVersion: 'v1',
      meta: { name: 'formats', version: '1.0.0', namespace: 'formats' },
      formatters: { plain },
    });
    const registry = await createRegistry({ plugins: [plugin], directory: project.directory, discover: false });
    expect(registry.list('formatters').map((item) => item.reference)).toEqual(['formats:plain']);
    expect(registry.get('formatters', 'formats:plain').item).toBe(plain);
    expect(() => registry.get('formatters', 'formats:chatml')).toThrowError(
      'Unknown formatter "formats:chatml". Available formatters: formats:plain.',
    );
  });

  it('loads a relative file specifier from the given directory', async () => {
    await project.write('plugins/local.mjs', pluginModuleSource({ name: 'local-plugin', namespace: 'local' }));
    const registry = await createRegistry({ plugins: ['./plugins/local.mjs'], directory: project.directory });
    expect(registry.plugins[0]?.source).toMatchObject({ kind: 'specifier', specifier: './plugins/local.mjs' });
    expect(registry.list('filters').map((item) => item.reference)).toEqual(['local:pass-all']);
  });

  it('resolves a package name through node_modules and its exports map', async () => {
    await installPackage('synthkit-plugin-acme', { plugin: false });
    const registry = await createRegistry({ plugins: ['synthkit-plugin-acme'], directory: project.directory, discover: false });
    expect(registry.plugins[0]?.source.path).toBe(`${project.directory}/node_modules/synthkit-plugin-acme/index.js`);
  });

  it('expands a short name to synthkit-plugin-<name>', async () => {
    await installPackage('synthkit-plugin-acme', { plugin: false });
    const registry = await createRegistry({ plugins: ['acme'], directory: project.directory, discover: false });
    expect(registry.plugins[0]?.plugin.meta.name).toBe('synthkit-plugin-acme');
  });

  it('loads @synthkit/<name> for a short name even when a package of the bare name is installed', async () => {
    await installPackage('keywords', { plugin: false, namespace: 'unrelated' });
    await installPackage('@synthkit/keywords', { plugin: false, namespace: 'keywords' });
    const registry = await createRegistry({ plugins: ['keywords'], directory: project.directory, discover: false });
    expect(registry.plugins[0]?.plugin.meta.name).toBe('@synthkit/keywords');
  });

  it('loads a discovered dependency by its exact name, not as a short name', async () => {
    await project.write('package.json', { name: 'my-recipes', dependencies: { acme: '1.0.0' } });
    await installPackage('acme');
    await installPackage('@synthkit/acme', { namespace: 'other' });
    const registry = await createRegistry({ directory: project.directory });
    expect(registry.plugins.map((entry) => entry.plugin.meta.name)).toEqual(['acme']);
  });

  it('rejects a malformed project package.json with an InvalidArgumentError naming it', async () => {
    await project.write('package.json', '{ "name": "my-recipes", "dependencies": { } ');
    const error = await createRegistry({ directory: project.directory }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('package.json');
    expect((error as Error).message).toContain(`${project.directory}/package.json is not valid JSON`);
  });

  it('discovers only the direct dependencies that declare "synthkit": { "plugin": true }', async () => {
    await project.write('package.json', {
      name: 'my-recipes',
      dependencies: { 'synthkit-plugin-acme': '1.0.0', 'left-pad': '1.0.0', 'not-installed': '1.0.0' },
    });
    await installPackage('synthkit-plugin-acme');
    await installPackage('left-pad', { plugin: false, namespace: 'pad' });
    await installPackage('synthkit-plugin-transitive', { namespace: 'transitive' });
    await project.write('recipes/deep/.keep', '');
    const registry = await createRegistry({ directory: `${project.directory}/recipes/deep` });
    expect(registry.plugins.map((entry) => entry.plugin.meta.name)).toEqual(['synthkit-plugin-acme']);
    expect(registry.plugins[0]?.source).toMatchObject({ kind: 'dependency', listedIn: `${project.directory}/package.json` });
  });

  it('loads a package once when it is both listed and installed', async () => {
    await project.write('package.json', { name: 'my-recipes', dependencies: { 'synthkit-plugin-acme': '1.0.0' } });
    await installPackage('synthkit-plugin-acme');
    const registry = await createRegistry({ plugins: ['synthkit-plugin-acme'], directory: project.directory });
    expect(registry.plugins).toHaveLength(1);
    expect(registry.plugins[0]?.source.kind).toBe('specifier');
  });

  it('names the specifier and every path tried when a plugin is missing', async () => {
    const error = await loadError(createRegistry({ plugins: ['missing'], directory: project.directory, discover: false }));
    expect(error.failure).toBe('not-found');
    expect(error.message).toContain('Plugin "missing"');
    const triedInProject = error.tried.filter((path) => path.startsWith(`${project.directory}/`));
    expect(triedInProject).toEqual([
      `${project.directory}/node_modules/@synthkit/missing/package.json`,
      `${project.directory}/node_modules/synthkit-plugin-missing/package.json`,
      `${project.directory}/node_modules/missing/package.json`,
    ]);
    expect(error.tried.indexOf(`${project.directory}/node_modules/@synthkit/missing/package.json`)).toBeLessThan(
      error.tried.indexOf(`${project.directory}/node_modules/missing/package.json`),
    );
    expect(error.message).toContain('Tried:');
  });

  it('reports a missing relative file with the paths tried', async () => {
    const error = await loadError(createRegistry({ plugins: ['./nope'], directory: project.directory }));
    expect(error.failure).toBe('not-found');
    expect(error.tried).toEqual([
      `${project.directory}/nope`,
      `${project.directory}/nope.js`,
      `${project.directory}/nope.mjs`,
      `${project.directory}/nope.cjs`,
    ]);
  });

  it('explains that TypeScript files must be compiled', async () => {
    await project.write('local.ts', 'export default {}');
    const error = await loadError(createRegistry({ plugins: ['./local.ts'], directory: project.directory }));
    expect(error.message).toMatch(/Compile the plugin to JavaScript/);
  });

  it('reports a module that throws on import', async () => {
    await project.write('broken.mjs', "throw new Error('boom at import');");
    const error = await loadError(createRegistry({ plugins: ['./broken.mjs'], directory: project.directory }));
    expect(error.failure).toBe('import-failed');
    expect(error.message).toContain('boom at import');
    expect(error.resolvedPath).toBe(`${project.directory}/broken.mjs`);
  });

  it('reports a module without a default export', async () => {
    await project.write('empty.mjs', 'export const nothing = 1;');
    const error = await loadError(createRegistry({ plugins: ['./empty.mjs'], directory: project.directory }));
    expect(error.failure).toBe('invalid-manifest');
    expect(error.message).toMatch(/default-export a plugin object made with definePlugin/);
  });

  it('lists every manifest problem with its path', async () => {
    await project.write(
      'bad.mjs',
      "export default { specificationVersion: 'v1', meta: { name: 'bad', version: 'one', namespace: 'Bad Space' }, filters: { 'Word Count': {} } };",
    );
    const error = await loadError(createRegistry({ plugins: ['./bad.mjs'], directory: project.directory }));
    expect(error.failure).toBe('invalid-manifest');
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toContain('meta.version');
    expect(paths).toContain('meta.namespace');
    expect(paths.some((path) => path.startsWith('filters'))).toBe(true);
    expect(error.message).toContain('meta.namespace');
  });

  it('rejects an unsupported specification version', async () => {
    await project.write('future.mjs', "export default { specificationVersion: 'v2', meta: { name: 'f', version: '1.0.0', namespace: 'f' } };");
    const error = await loadError(createRegistry({ plugins: ['./future.mjs'], directory: project.directory }));
    expect(error.failure).toBe('unsupported-specification-version');
    expect(error.message).toContain('"v2"');
    expect(error.message).toContain('supported: v1');
  });

  it('rejects a manifest whose name or version differs from its package.json', async () => {
    await installPackage('synthkit-plugin-acme', {
      source: pluginModuleSource({ name: 'synthkit-plugin-acme', version: '9.9.9', namespace: 'acme' }),
    });
    const error = await loadError(createRegistry({ plugins: ['synthkit-plugin-acme'], directory: project.directory }));
    expect(error.failure).toBe('invalid-manifest');
    expect(error.message).toContain('meta.version "9.9.9" does not match the package version "1.0.0"');
  });

  it('rejects two packages claiming one namespace, naming both', async () => {
    await project.write('one.mjs', pluginModuleSource({ name: 'one', namespace: 'same' }));
    await project.write('two.mjs', pluginModuleSource({ name: 'two', namespace: 'same' }));
    const error = await loadError(createRegistry({ plugins: ['./one.mjs', './two.mjs'], directory: project.directory }));
    expect(error.failure).toBe('conflict');
    expect(error.message).toContain('namespace "same" is already taken by one@1.0.0');
    expect(error.message).toContain('two@1.0.0');
  });

  it('says what exists when an item is unknown', async () => {
    await project.write('local.mjs', pluginModuleSource({ name: 'local', namespace: 'local' }));
    const registry = await createRegistry({ plugins: ['./local.mjs'], directory: project.directory });
    expect(() => registry.get('filters', 'local:nope')).toThrowError(/Unknown filter "local:nope". Available filters: local:pass-all/);
    try {
      registry.get('filters', 'pass-all');
    } catch (error) {
      expect(NoSuchItemError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('written "namespace:name"');
    }
  });
});
