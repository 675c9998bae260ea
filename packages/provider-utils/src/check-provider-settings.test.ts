import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkProviderSettings } from './check-provider-settings';

const schema = z.strictObject({ baseURL: z.url().optional(), timeoutMs: z.number().positive().optional() });

/** The error `check` throws (the test fails if it does not throw). */
function failureOf(check: () => void): InvalidArgumentError {
  try {
    check();
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return error as InvalidArgumentError;
  }
  throw new Error('expected the check to fail');
}

describe('checkProviderSettings', () => {
  it('accepts valid settings and a fetch function, which the schema never sees', () => {
    expect(() => checkProviderSettings('Example', schema, { timeoutMs: 5, fetch: () => undefined })).not.toThrow();
  });

  it('names the first invalid setting, an unknown key, or a fetch that is not a function', () => {
    const invalid = failureOf(() => checkProviderSettings('Example', schema, { timeoutMs: -1 }));
    const unknown = failureOf(() => checkProviderSettings('Example', schema, { base_url: 'x' }));
    const notFunction = failureOf(() => checkProviderSettings('Example', schema, { fetch: 'yes' }));

    expect(invalid.argument).toBe('timeoutMs');
    expect(invalid.message).toMatch(/^Invalid Example provider setting: timeoutMs /);
    expect(unknown.argument).toBe('settings');
    expect(unknown.message).toContain('base_url');
    expect(notFunction).toMatchObject({ argument: 'fetch', message: 'Invalid Example provider setting: fetch must be a function.' });
  });
});
