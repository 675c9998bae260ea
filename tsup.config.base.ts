import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'tsup';

/**
 * Shared tsup settings for every published package: ESM + CJS + type declarations,
 * with the package version injected as `__PACKAGE_VERSION__` so a plugin's `meta.version`
 * always equals its package.json.
 */
export function packageBuildConfig(directory: string, overrides: Options = {}): Options {
  const packageJson = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string };
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    shims: true,
    define: { __PACKAGE_VERSION__: JSON.stringify(packageJson.version) },
    ...overrides,
  };
}
