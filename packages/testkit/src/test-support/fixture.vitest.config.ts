import { defineConfig } from 'vitest/config';

/** Runs the conformance fixtures only (the kits' own test spawns a vitest with this config). */
export default defineConfig({ test: { include: ['src/test-support/*.fixture.ts'], testTimeout: 30_000 } });
