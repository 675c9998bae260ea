import { describe, expect, it } from 'vitest';
import { parseDurationSeconds, parseOpenAIRateLimitHeaders } from './parse-openai-rate-limit-headers';

describe('parseOpenAIRateLimitHeaders', () => {
  it('reads counts and Go-style reset durations', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '29000',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-reset-tokens': '1m2.5s',
    });
    expect(parseOpenAIRateLimitHeaders(headers)).toEqual({
      limitRequests: 500,
      remainingRequests: 499,
      limitTokens: 30000,
      remainingTokens: 29000,
      resetRequestsSeconds: 0.12,
      resetTokensSeconds: 62.5,
    });
  });

  it('leaves out unreadable values and returns undefined when there are none', () => {
    expect(parseOpenAIRateLimitHeaders(new Headers({ 'x-ratelimit-remaining-requests': 'lots', 'x-ratelimit-reset-tokens': '3s' }))).toEqual({
      resetTokensSeconds: 3,
    });
    expect(parseOpenAIRateLimitHeaders(new Headers())).toBeUndefined();
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['6m0s', 360],
    ['1h2m3.5s', 3723.5],
    ['20ms', 0.02],
    ['1.5', 1.5],
    ['soon', undefined],
    [null, undefined],
  ])('%s is %s seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });
});
