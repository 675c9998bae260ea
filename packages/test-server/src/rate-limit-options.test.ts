import { InvalidArgumentError } from '@synthkit/core';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createOpenAITestServer } from './create-openai-test-server';
import type { RateLimitOptions } from './rate-limit-options';
import { chatBody, startTestServer } from './test-support/ask-test-server';
import { textRule } from './text-rule';

const answerRule = textRule({ match: /.*/, answer: 'one two three four' });

/** A Go duration as OpenAI writes it: `20ms`, `1.5s`, `59.98s`, `1m0s`, `1h2m3s`. */
const goDurationPattern = /^(?:\d+ms|(?:\d+h)?(?:\d+m)?\d+(?:\.\d+)?s)$/;

describe('rateLimit option', () => {
  it('counts requests per minute, sends OpenAI headers, and answers 429 over budget', async () => {
    const { client, server } = await startTestServer({ rules: [answerRule], rateLimit: { requestsPerMinute: 2 } });
    const ask = () => client.chat.completions.create(chatBody('hi')).withResponse();

    const first = await ask();
    const second = await ask();
    const error = await ask().catch((caught: unknown) => caught);
    await client.models.list();

    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(second.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(second.response.headers.get('x-ratelimit-reset-requests')).toMatch(goDurationPattern);
    expect(first.response.headers.get('x-ratelimit-limit-tokens')).toBeNull();
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimitError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimitError.status).toBe(429);
    expect(rateLimitError.code).toBe('rate_limit_exceeded');
    expect(rateLimitError.type).toBe('requests');
    expect(rateLimitError.message).toMatch(
      /^429 Rate limit reached for requests per minute \(RPM\): Limit 2, Used 2, Requested 1\. Please try again in \S+s\.$/,
    );
    const retryAfterMs = Number(rateLimitError.headers.get('retry-after-ms'));
    expect(retryAfterMs).toBeGreaterThan(50_000);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(rateLimitError.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(server.rateLimited).toBe(1);
    expect(server.requests).toHaveLength(4);
  });

  it('slides the window, so an SDK that waits retry-after-ms gets through', async () => {
    const { client, server } = await startTestServer(
      { rules: [answerRule], rateLimit: { requestsPerMinute: 1, windowMs: 100 } },
      { maxRetries: 5 },
    );

    for (let index = 0; index < 3; index++) await client.chat.completions.create(chatBody(`hi ${index}`));

    expect(server.rateLimited).toBeGreaterThanOrEqual(1);
    expect(server.requests).toHaveLength(3 + server.rateLimited);
  });

  it('charges prompt words plus max_tokens times n, and rejected requests use none of the budget', async () => {
    const { client, server } = await startTestServer({ rules: [answerRule], rateLimit: { tokensPerMinute: 20 } });
    const ask = (prompt: string, maxTokens: number) =>
      client.chat.completions.create(chatBody(prompt, { max_tokens: maxTokens })).withResponse();

    const admitted = await ask('one two three four five', 10); // 5 + 10 = 15 tokens
    const rejected = await ask('one two three four five', 5).catch((caught: unknown) => caught); // 10 more: over 20
    const fits = await ask('tiny', 2).then(() => ask('x', 1)); // 3 then 2 more: exactly 20

    expect(admitted.response.headers.get('x-ratelimit-limit-tokens')).toBe('20');
    expect(admitted.response.headers.get('x-ratelimit-remaining-tokens')).toBe('5');
    expect(admitted.response.headers.get('x-ratelimit-reset-tokens')).toMatch(goDurationPattern);
    expect(admitted.response.headers.get('x-ratelimit-limit-requests')).toBeNull();
    expect(rejected).toBeInstanceOf(OpenAI.RateLimitError);
    expect((rejected as InstanceType<typeof OpenAI.RateLimitError>).type).toBe('tokens');
    expect((rejected as Error).message).toContain('tokens per minute (TPM): Limit 20, Used 15, Requested 10.');
    expect(fits.response.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
    expect(server.rateLimited).toBe(1);
  });

  it('charges the answer words of a request without max_tokens once the answer is known', async () => {
    const { client } = await startTestServer({
      rules: [answerRule],
      rateLimit: { tokensPerMinute: 100, requestsPerMinute: 10 },
    });

    const { response } = await client.chat.completions.create(chatBody('a b c')).withResponse();

    // 3 prompt words + 4 answer words.
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('93');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9');
  });

  it('rejects a request larger than the whole token budget, telling the SDK not to retry', async () => {
    const { client, server } = await startTestServer(
      { rules: [answerRule], rateLimit: { tokensPerMinute: 5 } },
      { maxRetries: 2 },
    );

    const error = await client.chat.completions
      .create(chatBody('hi', { max_tokens: 10 }))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as Error).message).toMatch(
      /^429 Request too large for tokens per minute \(TPM\): Limit 5, Requested 11\./,
    );
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after-ms')).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it('rejects invalid options, naming the field', async () => {
    const invalid: RateLimitOptions[] = [
      {},
      { requestsPerMinute: 0 },
      { tokensPerMinute: 2.5 },
      { requestsPerMinute: 10, windowMs: 0 },
    ];

    for (const rateLimit of invalid) {
      const error = await createOpenAITestServer({ rateLimit }).catch((caught: unknown) => caught);
      expect(error).toSatisfy(InvalidArgumentError.isInstance);
      expect((error as InvalidArgumentError).argument).toBe('rateLimit');
      expect((error as Error).message).toMatch(/^rateLimit/);
    }
  });
});
