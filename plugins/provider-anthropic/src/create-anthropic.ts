import type Anthropic from '@anthropic-ai/sdk';
import { LoadAPIKeyError, type ProviderV1 } from '@synthkit/core';
import {
  checkBaseURL,
  checkProviderSettings,
  createErrorBodyRecorder,
  loadApiKey,
  readEnvironmentVariable,
  sharedHttpFetch,
} from '@synthkit/provider-utils';
import { AnthropicMessagesLanguageModel, type LazyAnthropicClient } from './anthropic-messages-language-model';
import {
  type AnthropicProviderSettings,
  anthropicProviderSettingsSchema,
  defaultMaxTokens,
} from './anthropic-provider-settings';

/** The Anthropic provider: Claude models behind one Messages API endpoint. */
export interface AnthropicProvider extends ProviderV1 {
  /** A model, e.g. `languageModel('claude-sonnet-4-5')`. Makes no request. */
  languageModel(modelId: string): AnthropicMessagesLanguageModel;
}

/**
 * Creates the Anthropic provider for api.anthropic.com or any endpoint speaking the Messages API (a
 * gateway, a proxy). Settings win over the environment (`ANTHROPIC_BASE_URL`, `ANTHROPIC_API_KEY`),
 * which is read now, not at import. Makes no network request.
 *
 * ```ts
 * const model = createAnthropic().languageModel('claude-sonnet-4-5'); // ANTHROPIC_API_KEY from the environment
 * ```
 *
 * @throws InvalidArgumentError when a setting (or `ANTHROPIC_BASE_URL`) is invalid.
 * @throws LoadAPIKeyError when the base URL is api.anthropic.com and no API key is set.
 */
export function createAnthropic(settings: AnthropicProviderSettings = {}): AnthropicProvider {
  checkProviderSettings('Anthropic', anthropicProviderSettingsSchema, settings);
  const baseURL = settings.baseURL ?? readEnvironmentVariable('ANTHROPIC_BASE_URL') ?? defaultAnthropicBaseURL;
  checkBaseURL(baseURL, {
    argument: settings.baseURL === undefined ? 'ANTHROPIC_BASE_URL' : 'baseURL',
    example: defaultAnthropicBaseURL,
  });
  const loaded = loadApiKey({
    setting: settings.apiKey,
    settingPath: 'providers.anthropic.apiKey',
    variable: 'ANTHROPIC_API_KEY',
  });
  const apiKey = loaded.apiKey ?? apiKeyFallback(baseURL);
  const keySource =
    loaded.apiKey === undefined
      ? 'nowhere: no key is set, so a placeholder was sent (set ANTHROPIC_API_KEY)'
      : loaded.source;
  // Header values may be credentials (gateway tokens): keep them out of errors, as sent (fetch trims them).
  const headerSecrets = Object.values(settings.headers ?? {}).flatMap((value) => [value, value.trim()]);
  const recorder = createErrorBodyRecorder(() => settings.fetch ?? sharedHttpFetch());
  const timeout = settings.timeoutMs ?? 600_000;
  let made: Promise<Anthropic> | undefined;
  // The SDK is imported when the first request is made, not when the plugin loads: a run that
  // never calls this provider does not pay for it.
  const client: LazyAnthropicClient = {
    baseURL,
    apiKey,
    timeout,
    sdkClient: () =>
      (made ??= import('@anthropic-ai/sdk').then(
        ({ default: Anthropic }) =>
          new Anthropic({
            // Always a key: without one the SDK would look for credentials elsewhere
            // (ANTHROPIC_AUTH_TOKEN, profiles on disk), which a run must not do behind the user's back.
            apiKey,
            baseURL,
            defaultHeaders: settings.headers,
            timeout,
            // Retries belong to the synthkit engine, which sees every call, counts attempts and shares
            // the endpoint's rate limit; retries inside the SDK would be invisible to it.
            maxRetries: 0,
            fetch: recorder.fetch,
          }),
      )),
  };
  return {
    specificationVersion: 'v1',
    languageModel: (modelId) =>
      new AnthropicMessagesLanguageModel(modelId, {
        client,
        errorBodyOf: recorder.bodyOf,
        secrets: headerSecrets,
        stream: settings.stream ?? true,
        keySource,
        maxTokens: settings.maxTokens ?? defaultMaxTokens,
      }),
  };
}

// --- Internal helpers ---

/** Base URL used when neither the settings nor `ANTHROPIC_BASE_URL` give one. */
const defaultAnthropicBaseURL = 'https://api.anthropic.com';

/**
 * Sent as the key to servers other than api.anthropic.com when none is set: the SDK needs a
 * credential, and gateways often take theirs from headers instead.
 */
const placeholderApiKey = 'synthkit-no-api-key';

function apiKeyFallback(baseURL: string): string {
  if (new URL(baseURL).hostname === new URL(defaultAnthropicBaseURL).hostname) {
    throw new LoadAPIKeyError({
      message:
        'No Anthropic API key: set the ANTHROPIC_API_KEY environment variable, or `apiKey` under ' +
        '`providers.anthropic` in the recipe (`createAnthropic({ apiKey })` in code).',
    });
  }
  return placeholderApiKey;
}
