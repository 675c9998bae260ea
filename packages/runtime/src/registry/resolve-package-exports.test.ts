import { describe, expect, it } from 'vitest';
import { resolvePackageExports } from './resolve-package-exports';

describe('resolvePackageExports', () => {
  it('takes the first matching condition in object order, not a fixed priority', () => {
    expect(resolvePackageExports({ '.': { node: './node.cjs', import: './esm.mjs' } })).toEqual({ kind: 'target', target: './node.cjs' });
    expect(resolvePackageExports({ '.': { import: './esm.mjs', node: './node.cjs' } })).toEqual({ kind: 'target', target: './esm.mjs' });
    expect(resolvePackageExports({ default: './default.js', import: './esm.mjs' })).toEqual({ kind: 'target', target: './default.js' });
  });

  it('skips conditions an import does not set, such as types, browser and require', () => {
    expect(resolvePackageExports({ '.': { types: './index.d.ts', browser: './browser.js', require: './index.cjs', import: './index.js' } })).toEqual({
      kind: 'target',
      target: './index.js',
    });
  });

  it('recurses into nested condition objects', () => {
    expect(
      resolvePackageExports({
        '.': { import: { types: './index.d.ts', default: './index.js' }, require: { types: './index.d.cts', default: './index.cjs' } },
      }),
    ).toEqual({ kind: 'target', target: './index.js' });
  });

  it('moves on to the next condition when a nested object has no match', () => {
    expect(resolvePackageExports({ '.': { node: { require: './node.cjs' }, default: './index.js' } })).toEqual({ kind: 'target', target: './index.js' });
  });

  it('takes the first array fallback that is a valid target', () => {
    expect(resolvePackageExports({ '.': ['not-relative.js', { browser: './browser.js' }, './fallback.js', './second.js'] })).toEqual({
      kind: 'target',
      target: './fallback.js',
    });
    expect(resolvePackageExports(['./first.js', './second.js'])).toEqual({ kind: 'target', target: './first.js' });
  });

  it('accepts a plain string, and a conditions object without "." keys', () => {
    expect(resolvePackageExports('./index.js')).toEqual({ kind: 'target', target: './index.js' });
    expect(resolvePackageExports({ import: './index.js' })).toEqual({ kind: 'target', target: './index.js' });
  });

  it('matches module-sync, which Node sets for import since 20.19', () => {
    expect(resolvePackageExports({ 'module-sync': './sync.mjs', import: './esm.mjs' })).toEqual({ kind: 'target', target: './sync.mjs' });
  });

  it('uses require only when nothing else matches', () => {
    expect(resolvePackageExports({ '.': { require: './index.cjs' } })).toEqual({ kind: 'target', target: './index.cjs' });
    expect(resolvePackageExports({ '.': { require: './index.cjs', default: './index.js' } })).toEqual({ kind: 'target', target: './index.js' });
  });

  it('reports a missing "." entry, null and empty arrays as not exported', () => {
    expect(resolvePackageExports({ './sub': './sub.js' })).toEqual({ kind: 'not-exported' });
    expect(resolvePackageExports({ '.': { import: null, default: './index.js' } })).toEqual({ kind: 'not-exported' });
    expect(resolvePackageExports({ '.': [] })).toEqual({ kind: 'not-exported' });
    expect(resolvePackageExports({ '.': { browser: './browser.js' } })).toEqual({ kind: 'not-exported' });
  });

  it('reports targets that are not ./ paths inside the package as invalid', () => {
    expect(resolvePackageExports({ '.': { import: 'index.js' } })).toEqual({ kind: 'invalid-target', target: 'index.js' });
    expect(resolvePackageExports({ '.': './../outside.js' })).toEqual({ kind: 'invalid-target', target: './../outside.js' });
    expect(resolvePackageExports({ '.': './node_modules/other/index.js' })).toEqual({ kind: 'invalid-target', target: './node_modules/other/index.js' });
    expect(resolvePackageExports({ '.': ['index.js'] })).toEqual({ kind: 'invalid-target', target: 'index.js' });
  });
});
