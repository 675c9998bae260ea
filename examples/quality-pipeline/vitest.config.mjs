import { defineConfig } from 'vitest/config';

// The run happens in beforeAll: it gets the tests' time, for a loaded machine.
export default defineConfig({
  test: { include: ['*.test.mjs'], testTimeout: 60_000, hookTimeout: 120_000 },
});
