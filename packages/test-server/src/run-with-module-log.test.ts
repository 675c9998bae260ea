import { describe, expect, it } from 'vitest';
import { runWithModuleLog } from './run-with-module-log';

describe('runWithModuleLog', () => {
  it('records the watched modules as the script imports them, and returns what it printed last', async () => {
    const outcome = await runWithModuleLog({
      watch: /node:(zlib|dns)$/,
      script: `const before = resolvedModules().length;
               await import('node:zlib');
               console.log('not JSON, ignored');
               console.log(JSON.stringify({ before, after: resolvedModules() }));`,
    });
    expect(outcome).toEqual({ before: 0, after: ['node:zlib'] });
  });

  it('fails with what the script printed on standard error', async () => {
    await expect(runWithModuleLog({ watch: /x/, script: `throw new Error('broken script');` })).rejects.toThrow(/broken script/);
  });
});
