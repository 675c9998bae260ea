import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadApiKey } from './load-api-key';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('loadApiKey', () => {
  const where = { settingPath: 'providers.example.apiKey', variable: 'EXAMPLE_API_KEY' };

  it('prefers the setting over the environment, and says where the key came from', () => {
    vi.stubEnv('EXAMPLE_API_KEY', 'from-env');
    expect(loadApiKey({ ...where, setting: 'from-setting' })).toEqual({
      apiKey: 'from-setting',
      source: 'the apiKey setting (providers.example.apiKey)',
    });
    expect(loadApiKey({ ...where, setting: undefined })).toEqual({
      apiKey: 'from-env',
      source: 'the EXAMPLE_API_KEY environment variable',
    });
  });

  it('treats a blank variable as unset and says what to set', () => {
    vi.stubEnv('EXAMPLE_API_KEY', '   ');
    expect(loadApiKey({ ...where, setting: undefined })).toEqual({
      apiKey: undefined,
      source: 'nowhere: no key is set (set EXAMPLE_API_KEY)',
    });
  });
});
