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
   * Time limit of one HTTP attempt, in milliseconds. Default: 120000 (2 minutes), as NeMo Curator's
   * client uses: long enough for long generations, short enough to notice a stuck server.
   */
  readonly timeoutMs?: number;
  /**
   * Retries the openai SDK makes itself on connection errors, timeouts, 408, 409, 429 and 5xx,
   * honouring `Retry-After`. Default: 2. A later synthkit release moves retries into its scheduler
   * (which sees every call and shares the rate limit); it will then set this to 0.
   */
  readonly maxRetries?: number;
  /**
   * The fetch function the SDK uses, e.g. to add a proxy or to record traffic. Default: the global
   * `fetch`. Code only: recipes cannot set it.
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
    .optional(),
  apiKey: z.string().min(1, { error: 'must not be empty' }).optional(),
  organization: z.string().min(1, { error: 'must not be empty' }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().positive({ error: 'must be a positive whole number of milliseconds' }).optional(),
  maxRetries: z.number().int().min(0, { error: 'must be a whole number, 0 or more' }).optional(),
}) satisfies z.ZodType<Omit<OpenAIProviderSettings, 'fetch'>>;
