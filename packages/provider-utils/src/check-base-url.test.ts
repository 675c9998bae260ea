import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { checkBaseURL } from './check-base-url';

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

describe('checkBaseURL', () => {
  const where = { argument: 'EXAMPLE_BASE_URL', example: 'https://api.example.com' };

  it('accepts http(s) URLs and refuses anything else, quoting it and the example', () => {
    expect(() => checkBaseURL('http://127.0.0.1:8000/v1', where)).not.toThrow();
    const error = failureOf(() => checkBaseURL('ftp://example.com', where));
    expect(error.argument).toBe('EXAMPLE_BASE_URL');
    expect(error.message).toBe(
      'EXAMPLE_BASE_URL must be an http(s) URL such as "https://api.example.com"; got "ftp://example.com".',
    );
  });

  it('refuses credentials in the URL without repeating them', () => {
    const error = failureOf(() => checkBaseURL('https://user:url-secret@example.com', where));
    expect(error.message).toContain('user name or password');
    expect(error.message).not.toContain('url-secret');
  });
});
