import type OpenAI from 'openai';

/**
 * What every OpenAI model class (chat, completion, embedding) needs to call its endpoint;
 * `createOpenAI` builds it from the provider settings.
 */
export interface OpenAIModelConfig {
  /**
   * The configured openai SDK client. Models read its `baseURL`, `timeout` and `apiKey` to describe
   * errors (the key is redacted from them). Its `maxRetries` should be 0: the synthkit engine
   * retries.
   */
  readonly client: OpenAI;
  /**
   * Further texts that must never appear in an error, besides the client's API key and any
   * credentials in its base URL; each is replaced by `[redacted]`. `createOpenAI` passes the value
   * of every configured header, since users put gateway tokens there. Default: none.
   */
  readonly secrets?: ReadonlyArray<string>;
  /**
   * The raw body of an error response, found by the response's headers. The SDK keeps only the
   * parsed `error` member of an error body; `createOpenAI` records the full text with a fetch
   * wrapper. Default: the body is rebuilt from that `error` member.
   */
  readonly errorBodyOf?: (headers: Headers | undefined) => string | undefined;
  /** Where the API key came from, named in the message of a 401/403 so users know what to fix. */
  readonly keySource?: string;
}
