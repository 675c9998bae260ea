import { describe, expect, it } from 'vitest';
import { parseAnthropicRateLimitHeaders } from './parse-anthropic-rate-limit-headers';

describe('parseAnthropicRateLimitHeaders', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');

  it('reads every limit, what remains, and the resets as seconds from now', () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-11-27T10:00:01.5Z',
      'anthropic-ratelimit-tokens-limit': '90000',
      'anthropic-ratelimit-tokens-remaining': '85000',
      'anthropic-ratelimit-tokens-reset': '2026-11-27T10:00:04Z',
      'anthropic-ratelimit-input-tokens-limit': '80000',
      'anthropic-ratelimit-input-tokens-remaining': '79000',
      'anthropic-ratelimit-input-tokens-reset': '2026-11-27T10:00:02Z',
      'anthropic-ratelimit-output-tokens-limit': '10000',
      'anthropic-ratelimit-output-tokens-remaining': '6000',
      'anthropic-ratelimit-output-tokens-reset': '2026-11-27T10:00:06Z',
    });
    expect(parseAnthropicRateLimitHeaders(headers, now)).toEqual({
      limitRequests: 50,
      remainingRequests: 49,
      resetRequestsSeconds: 1.5,
      limitTokens: 90000,
      remainingTokens: 85000,
      limitInputTokens: 80000,
      remainingInputTokens: 79000,
      limitOutputTokens: 10000,
      remainingOutputTokens: 6000,
      // The latest token reset: until then some token budget is short.
      resetTokensSeconds: 6,
    });
  });

  it('leaves out what is absent or unreadable, and never gives a reset in the past', () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-remaining': 'many',
      'anthropic-ratelimit-output-tokens-remaining': '12',
      'anthropic-ratelimit-requests-reset': '2026-11-27T09:59:00Z',
      'anthropic-ratelimit-tokens-reset': 'soon',
    });
    expect(parseAnthropicRateLimitHeaders(headers, now)).toEqual({ remainingOutputTokens: 12, resetRequestsSeconds: 0 });
  });

  it('returns undefined when the server sends none', () => {
    expect(parseAnthropicRateLimitHeaders(new Headers({ 'content-type': 'application/json' }), now)).toBeUndefined();
  });
});
