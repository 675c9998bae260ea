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

  it('names the first invalid setting, an unknown key, or a fetch that is not a function, in the words of synthkit validate', () => {
    const invalid = failureOf(() => checkProviderSettings('Example', schema, { timeoutMs: -1 }));
    const wrongType = failureOf(() => checkProviderSettings('OpenAI', z.object({ maxRetries: z.int().optional() }), { maxRetries: 1.5 }));
    const badURL = failureOf(() => checkProviderSettings('Example', schema, { baseURL: 'localhost' }));
    const unknown = failureOf(() => checkProviderSettings('Example', schema, { base_url: 'x' }));
    const nested = failureOf(() => checkProviderSettings('Example', z.object({ retry: z.strictObject({ limit: z.number().optional() }) }), { retry: { limt: 1 } }));
    const notFunction = failureOf(() => checkProviderSettings('Example', schema, { fetch: 'yes' }));

    expect(invalid).toMatchObject({ argument: 'timeoutMs', message: 'Invalid Example provider setting: timeoutMs must be greater than 0, got -1.' });
    expect(wrongType).toMatchObject({ argument: 'maxRetries', message: 'Invalid OpenAI provider setting: maxRetries must be a whole number, got 1.5.' });
    expect(badURL).toMatchObject({ argument: 'baseURL', message: 'Invalid Example provider setting: baseURL must be a valid URL, got the text "localhost".' });
    expect(unknown).toMatchObject({
      argument: 'settings',
      message: 'Invalid Example provider setting: unknown key "base_url" (did you mean "baseURL"?). Valid keys: baseURL, timeoutMs.',
    });
    expect(nested).toMatchObject({
      argument: 'retry',
      message: 'Invalid Example provider setting: retry: unknown key "limt" (did you mean "limit"?). Valid keys: limit.',
    });
    expect(notFunction).toMatchObject({ argument: 'fetch', message: 'Invalid Example provider setting: fetch must be a function.' });
  });

  it('keeps the function settings a provider names away from the schema, and checks them for being functions', () => {
    const functions = ['onProgress'];
    expect(() => checkProviderSettings('Example', schema, { onProgress: () => undefined }, { functions })).not.toThrow();
    expect(failureOf(() => checkProviderSettings('Example', schema, { onProgress: true }, { functions }))).toMatchObject({
      argument: 'onProgress',
      message: 'Invalid Example provider setting: onProgress must be a function.',
    });
  });
});
