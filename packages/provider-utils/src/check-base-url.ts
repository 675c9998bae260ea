import { InvalidArgumentError } from '@synthkit/core';
import { z } from 'zod';

/**
 * Checks a base URL that may come from an environment variable, which no schema has seen: it must
 * be an http(s) URL, and hold no user name or password (fetch cannot send them, and they would leak
 * into logs). The message quotes a URL that is not one, never one that holds credentials.
 *
 * @param argument Where the URL came from, for the message: `baseURL`, `OPENAI_BASE_URL`.
 * @param example A URL to show as an example in the message, e.g. `http://localhost:8000/v1`.
 * @throws InvalidArgumentError naming `argument`.
 */
export function checkBaseURL(value: string, { argument, example }: { argument: string; example: string }): void {
  if (!httpURLSchema.safeParse(value).success) {
    throw new InvalidArgumentError({
      argument,
      message: `${argument} must be an http(s) URL such as ${JSON.stringify(example)}; got ${JSON.stringify(value)}.`,
    });
  }
  const { username, password } = new URL(value);
  if (username !== '' || password !== '') {
    throw new InvalidArgumentError({
      argument,
      message:
        `${argument} must not contain a user name or password (fetch cannot send them). ` +
        'Pass the key as `apiKey`, or other credentials in `headers`.',
    });
  }
}

// --- Internal helpers ---

const httpURLSchema = z.url({ protocol: /^https?$/ });
