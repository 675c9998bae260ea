import { z } from 'zod';

/**
 * Settings of the Anthropic provider. Every field is optional; explicit settings win over
 * environment variables, which are read when the provider is created (not when this module is
 * imported).
 */
export interface AnthropicProviderSettings {
  /**
   * Base URL of the API, without the version segment (the SDK adds `/v1/messages`), e.g.
   * `https://my-gateway.example.com/anthropic`. Default: the `ANTHROPIC_BASE_URL` environment
   * variable, else `https://api.anthropic.com`.
   */
  readonly baseURL?: string;
  /**
   * API key. Default: the `ANTHROPIC_API_KEY` environment variable. Required for
   * api.anthropic.com; for any other base URL a placeholder is sent when none is set (a gateway may
   * take its credentials from `headers`).
   */
  readonly apiKey?: string;
  /**
   * Extra headers sent with every request, e.g. a gateway's credentials or an `anthropic-beta`
   * flag. Their values are treated as secrets: they are redacted from error messages and bodies.
   * Default: none.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Stream answers (server-sent events) instead of waiting for the whole message. Streaming lets
   * the engine tell a slow but working server (events keep coming) from a stuck one, so its timeout
   * can be short without cutting long answers off. Default: true.
   */
  readonly stream?: boolean;
  /**
   * Hard time limit of one HTTP request, in milliseconds, a backstop only: the synthkit engine's own
   * timeout (`endpoints.timeout_ms`, which measures silence) notices a stuck server much sooner.
   * The SDK never retries by itself here; the engine does. Default: 600000 (10 minutes).
   */
  readonly timeoutMs?: number;
  /**
   * `max_tokens` of a request whose parameters set none. The Messages API requires it; the
   * engine's `params.maxTokens` (`max_tokens` in a recipe) wins over it. Default: 4096.
   */
  readonly maxTokens?: number;
  /**
   * The fetch function the SDK uses, e.g. to add a proxy or to record traffic. Default: a fetch on
   * undici's `request()` with a keep-alive pool (`createHttpFetch` of `@synthkit/provider-utils`);
   * pass `globalThis.fetch` to use the global one. Code only: recipes cannot set it.
   */
  readonly fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/** The `maxTokens` used when neither the call's parameters nor the settings give one. */
export const defaultMaxTokens = 4096;

/**
 * The zod schema of the settings a recipe can give under `providers.anthropic` (every setting but
 * `fetch`). Strict: an unknown key, such as a misspelt `base_url`, is an error rather than ignored.
 */
export const anthropicProviderSettingsSchema = z.strictObject({
  baseURL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as "https://api.anthropic.com"' })
    .optional()
    .meta({
      description: 'Base URL of the API, without the version segment, which the SDK adds (`https://my-gateway.example.com/anthropic`).',
      defaultDescription: 'the `ANTHROPIC_BASE_URL` environment variable, else `https://api.anthropic.com`',
    }),
  apiKey: z
    .string()
    .min(1, { error: 'must not be empty' })
    .optional()
    .meta({
      description: 'API key; required for api.anthropic.com, while other servers get a placeholder when none is set (a gateway may take its credentials from `headers`).',
      defaultDescription: 'the `ANTHROPIC_API_KEY` environment variable',
    }),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .meta({
      description: 'Extra headers sent with every request (a gateway\'s credentials, an `anthropic-beta` flag), treated as secrets: redacted from messages and bodies.',
    }),
  stream: z
    .boolean()
    .optional()
    .meta({ description: 'Stream answers, so the engine can tell a slow but working server from a stuck one.', default: true }),
  timeoutMs: z
    .number()
    .int()
    .positive({ error: 'must be a positive whole number of milliseconds' })
    .optional()
    .meta({
      description: 'Hard time limit of one HTTP request, in milliseconds: a backstop, as the engine\'s `timeout_ms` under `endpoints` notices a stuck server sooner.',
      default: 600_000,
    }),
  maxTokens: z
    .number()
    .int()
    .positive({ error: 'must be a positive whole number of tokens' })
    .optional()
    .meta({
      description: '`max_tokens` of a request whose parameters set none (the Messages API requires one); the recipe\'s `max_tokens` under `params` wins.',
      default: defaultMaxTokens,
    }),
}) satisfies z.ZodType<Omit<AnthropicProviderSettings, 'fetch'>>;
