import { z } from 'zod';

/**
 * Settings of the OpenAI provider. Every field is optional; explicit settings win over environment
 * variables, which are read when the provider is created (not when this module is imported).
 */
export interface OpenAIProviderSettings {
  /**
   * Base URL of the API, up to and including the version segment, e.g. `http://localhost:8000/v1`
   * for a local vLLM server. Default: the `OPENAI_BASE_URL` environment variable, else
   * `https://api.openai.com/v1`.
   */
  readonly baseURL?: string;
  /**
   * API key, sent as `Authorization: Bearer <key>`. Default: the `OPENAI_API_KEY` environment
   * variable. Required for api.openai.com; for any other base URL a placeholder is sent when none is
   * set, because local OpenAI-compatible servers usually need no key.
   */
  readonly apiKey?: string;
  /**
   * OpenAI organization id, sent as `OpenAI-Organization`. Default: the `OPENAI_ORG_ID` environment
   * variable (read by the openai SDK), else none.
   */
  readonly organization?: string;
  /**
   * Extra headers sent with every request, e.g. a gateway's credentials. Their values are treated as
   * secrets: they are redacted from error messages and bodies. Default: none.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Hard time limit of one HTTP request, in milliseconds, a backstop only: the synthkit engine's own
   * timeout (`endpoints.timeout_ms`, which measures silence) notices a stuck server much sooner.
   * The openai SDK never retries by itself here; the engine does. Default: 600000 (10 minutes).
   */
  readonly timeoutMs?: number;
  /**
   * Stream answers (server-sent events) instead of waiting for the whole body. Streaming lets the
   * engine tell a slow but working server (chunks keep coming) from a stuck one, so its timeout can
   * be short without cutting long answers off. Turn it off for servers that cannot stream.
   * Default: true.
   */
  readonly stream?: boolean;
  /**
   * The fetch function the SDK uses, e.g. to add a proxy or to record traffic. Default: a fetch on
   * undici's `request()` with a keep-alive pool (`createHttpFetch` of `@synthkit/provider-utils`),
   * which costs the client 30-45% less CPU per request than the global `fetch`; pass
   * `globalThis.fetch` to use the global one (and a dispatcher set with `setGlobalDispatcher`).
   * Code only: recipes cannot set it.
   */
  readonly fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/**
 * The zod schema of the settings a recipe can give under `providers.openai` (every setting but
 * `fetch`). Strict: an unknown key, such as a misspelt `base_url`, is an error rather than ignored.
 */
export const openAIProviderSettingsSchema = z.strictObject({
  baseURL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as "http://localhost:8000/v1"' })
    .optional()
    .meta({
      description: 'Base URL of the API, up to and including the version segment (`http://localhost:8000/v1` for a local vLLM server).',
      defaultDescription: 'the `OPENAI_BASE_URL` environment variable, else `https://api.openai.com/v1`',
    }),
  apiKey: z
    .string()
    .min(1, { error: 'must not be empty' })
    .optional()
    .meta({
      description: 'API key, sent as `Authorization: Bearer <key>`; required for api.openai.com, while other servers get a placeholder when none is set.',
      defaultDescription: 'the `OPENAI_API_KEY` environment variable',
    }),
  organization: z
    .string()
    .min(1, { error: 'must not be empty' })
    .optional()
    .meta({ description: 'OpenAI organization id, sent as `OpenAI-Organization`.', defaultDescription: 'the `OPENAI_ORG_ID` environment variable, else none' }),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .meta({ description: 'Extra headers sent with every request (a gateway\'s credentials), treated as secrets: redacted from messages and bodies.' }),
  timeoutMs: z
    .number()
    .int()
    .positive({ error: 'must be a positive whole number of milliseconds' })
    .optional()
    .meta({
      description: 'Hard time limit of one HTTP request, in milliseconds: a backstop, as the engine\'s `timeout_ms` under `endpoints` notices a stuck server sooner.',
      default: 600_000,
    }),
  stream: z
    .boolean()
    .optional()
    .meta({
      description: 'Stream answers, so the engine can tell a slow but working server from a stuck one; turn it off for servers that cannot stream.',
      default: true,
    }),
}) satisfies z.ZodType<Omit<OpenAIProviderSettings, 'fetch'>>;
