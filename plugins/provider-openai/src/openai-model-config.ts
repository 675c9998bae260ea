import type OpenAI from 'openai';

/**
 * What every OpenAI model class (chat, completion, embedding) needs to call its endpoint;
 * `createOpenAI` builds it from the provider settings.
 */
export interface OpenAIModelConfig {
  /**
   * The configured openai SDK client, or a {@link LazyOpenAIClient} that makes it on first use
   * (`createOpenAI` passes one: importing the SDK takes about 100 ms, which a run that never calls
   * this provider should not pay). Models read its `baseURL`, `timeout` and `apiKey` to describe
   * errors (the key is redacted from them). Its `maxRetries` should be 0: the synthkit engine
   * retries.
   */
  readonly client: OpenAI | LazyOpenAIClient;
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

/** An openai SDK client made on first use, with what errors and endpoints need to know before. */
export interface LazyOpenAIClient {
  /** The base URL requests go to. */
  readonly baseURL: string;
  /** The API key sent, redacted from errors. */
  readonly apiKey: string;
  /** The SDK's timeout on one request, in milliseconds. */
  readonly timeout: number;
  /** The client, imported and made once. */
  sdkClient(): Promise<OpenAI>;
}

/** The SDK client of a config, made now when it is lazy. */
export async function openAIClientOf(client: OpenAI | LazyOpenAIClient): Promise<OpenAI> {
  return 'sdkClient' in client && typeof client.sdkClient === 'function' ? client.sdkClient() : (client as OpenAI);
}
