/** Rate-limit state reported by the endpoint (e.g. OpenAI's `x-ratelimit-*` headers). */
export interface RateLimitInfo {
  readonly limitRequests?: number;
  readonly remainingRequests?: number;
  readonly limitTokens?: number;
  readonly remainingTokens?: number;
  /** Seconds until the request budget resets. */
  readonly resetRequestsSeconds?: number;
  /** Seconds until the token budget resets. */
  readonly resetTokensSeconds?: number;
}
