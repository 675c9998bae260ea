/**
 * Rate-limit state reported by the endpoint (OpenAI's `x-ratelimit-*`, Anthropic's
 * `anthropic-ratelimit-*` headers). When present, it drives the engine's request and token budgets
 * for that endpoint. Token budgets that the provider splits into input and output tokens use the
 * `Input`/`Output` fields; a single combined budget uses `limitTokens`/`remainingTokens`.
 */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  readonly limitRequests?: number;
  readonly remainingRequests?: number;
  /** Tokens (input and output together) allowed per window. */
  readonly limitTokens?: number;
  readonly remainingTokens?: number;
  readonly limitInputTokens?: number;
  readonly remainingInputTokens?: number;
  readonly limitOutputTokens?: number;
  readonly remainingOutputTokens?: number;
  /** Seconds until the request budget is full again. */
  readonly resetRequestsSeconds?: number;
  /** Seconds until the token budgets are full again. */
  readonly resetTokensSeconds?: number;
}
