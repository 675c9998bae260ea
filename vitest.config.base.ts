import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: tests sit beside the code (`src/**\/*.test.ts`), and `__PACKAGE_VERSION__`
 * is defined as it is in the build, so version checks behave the same in tests.
 */
export function packageTestConfig(directory: string) {
  const packageJson = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string };
  return defineConfig({
    define: { __PACKAGE_VERSION__: JSON.stringify(packageJson.version) },
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  });
}
