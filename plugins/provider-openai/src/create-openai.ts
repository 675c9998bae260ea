import { InvalidArgumentError, LoadAPIKeyError, type ProviderV1 } from '@synthkit/core';
import {
  checkBaseURL,
  checkProviderSettings,
  createErrorBodyRecorder,
  loadApiKey,
  readEnvironmentVariable,
  sharedHttpFetch,
} from '@synthkit/provider-utils';
import type OpenAI from 'openai';
import { OpenAIChatLanguageModel } from './openai-chat-language-model';
import { OpenAICompletionLanguageModel, type OpenAICompletionModelSettings } from './openai-completion-language-model';
import { OpenAIEmbeddingModel, type OpenAIEmbeddingModelSettings } from './openai-embedding-model';
import { type OpenAILanguageModelSettings, openAILanguageModelSettingsSchema } from './openai-language-model-settings';
import type { LazyOpenAIClient } from './openai-model-config';
import { type OpenAIProviderSettings, openAIProviderSettingsSchema } from './openai-provider-settings';
import { OpenAIRewardModel } from './openai-reward-model';

/** The OpenAI provider: chat, completion and embedding models behind one OpenAI-compatible endpoint. */
export interface OpenAIProvider extends ProviderV1 {
  /** A chat model, e.g. `languageModel('gpt-4o-mini')`. Makes no request. */
  languageModel(modelId: string, settings?: { readonly api?: 'chat' }): OpenAIChatLanguageModel;
  /**
   * A completion model writing prompts with `formatter`, as `completionModel` makes. Makes no request.
   *
   * @throws InvalidArgumentError when the formatter is missing.
   */
  languageModel(
    modelId: string,
    settings: OpenAILanguageModelSettings & { readonly api: 'completions' },
  ): OpenAICompletionLanguageModel;
  /**
   * The model as a recipe describes it: a chat model, or with `api: 'completions'` a completion
   * model writing prompts with `formatter`. Makes no request.
   *
   * @throws InvalidArgumentError when the settings are invalid (e.g. `api: 'completions'` without a formatter).
   */
  languageModel(modelId: string, settings?: OpenAILanguageModelSettings): OpenAIChatLanguageModel | OpenAICompletionLanguageModel;
  /**
   * A model behind the raw completions API (`POST /completions`), e.g.
   * `completionModel('nemotron-4-340b-base', { formatter: nemotronFormatter })`. Makes no request.
   */
  completionModel(modelId: string, settings?: OpenAICompletionModelSettings): OpenAICompletionLanguageModel;
  /**
   * A text embedding model (`POST /embeddings`), e.g. `embeddingModel('text-embedding-3-small', {
   * dimensions: 256 })`. Makes no request.
   *
   * @throws InvalidArgumentError when a setting is invalid.
   */
  embeddingModel(modelId: string, settings?: OpenAIEmbeddingModelSettings): OpenAIEmbeddingModel;
  /**
   * A reward model that answers with its scores as log probabilities, e.g.
   * `rewardModel('nvidia/nemotron-4-340b-reward')` with the NVIDIA API's base URL. Makes no request.
   */
  rewardModel(modelId: string): OpenAIRewardModel;
}

/**
 * Creates the OpenAI provider for api.openai.com or any OpenAI-compatible endpoint (vLLM, NIM, TGI,
 * OpenRouter...). Settings win over the environment (`OPENAI_BASE_URL`, `OPENAI_API_KEY`), which is
 * read now, not at import. Makes no network request.
 *
 * ```ts
 * const model = createOpenAI({ baseURL: 'http://localhost:8000/v1' }).languageModel('my-model');
 * ```
 *
 * @throws InvalidArgumentError when a setting (or `OPENAI_BASE_URL`) is invalid.
 * @throws LoadAPIKeyError when the base URL is api.openai.com and no API key is set.
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  checkProviderSettings('OpenAI', openAIProviderSettingsSchema, settings);
  const environmentBaseURL = readEnvironmentVariable('OPENAI_BASE_URL');
  const baseURL = settings.baseURL ?? environmentBaseURL ?? defaultOpenAIBaseURL;
  checkBaseURL(baseURL, {
    argument: settings.baseURL === undefined ? 'OPENAI_BASE_URL' : 'baseURL',
    example: 'http://localhost:8000/v1',
  });
  const loaded = loadApiKey({ setting: settings.apiKey, settingPath: 'providers.openai.apiKey', variable: 'OPENAI_API_KEY' });
  const apiKey = loaded.apiKey ?? apiKeyFallback(baseURL);
  const keySource =
    loaded.apiKey === undefined ? 'nowhere: no key is set, so a placeholder was sent (set OPENAI_API_KEY)' : loaded.source;
  // Header values may be credentials (gateway tokens): keep them out of errors, as sent (fetch trims them).
  const headerSecrets = Object.values(settings.headers ?? {}).flatMap((value) => [value, value.trim()]);
  const recorder = createErrorBodyRecorder(() => settings.fetch ?? sharedHttpFetch());
  const timeout = settings.timeoutMs ?? 600_000;
  let made: Promise<OpenAI> | undefined;
  // The SDK is imported when the first request is made, not when the plugin loads: a run that
  // never calls this provider does not pay for it.
  const client: LazyOpenAIClient = {
    baseURL,
    apiKey,
    timeout,
    sdkClient: () =>
      (made ??= import('openai').then(
        ({ default: OpenAI }) =>
          new OpenAI({
            apiKey,
            baseURL,
            organization: settings.organization,
            // An admin key (OPENAI_ADMIN_KEY) is for organization management; never send it with completions.
            adminAPIKey: null,
            defaultHeaders: settings.headers,
            timeout,
            // Retries belong to the synthkit engine, which sees every call, counts attempts and shares the
            // endpoint's rate limit; retries inside the SDK would be invisible to it.
            maxRetries: 0,
            fetch: recorder.fetch,
          }),
      )),
  };
  const modelConfig = { client, errorBodyOf: recorder.bodyOf, secrets: headerSecrets, keySource };
  const stream = settings.stream ?? true;
  const completionModel = (modelId: string, modelSettings: OpenAICompletionModelSettings = {}) =>
    new OpenAICompletionLanguageModel(modelId, { ...modelConfig, stream, ...modelSettings });
  return {
    specificationVersion: 'v1',
    languageModel: ((modelId: string, modelSettings?: OpenAILanguageModelSettings) => {
      const { api, formatter } = checkModelSettings(modelSettings);
      if (api === 'completions') return completionModel(modelId, { formatter });
      return new OpenAIChatLanguageModel(modelId, { ...modelConfig, stream });
    }) as OpenAIProvider['languageModel'],
    completionModel,
    embeddingModel: (modelId, modelSettings) => new OpenAIEmbeddingModel(modelId, modelConfig, modelSettings),
    rewardModel: (modelId) => new OpenAIRewardModel(modelId, modelConfig),
  };
}

// --- Internal helpers ---

/** Base URL used when neither the settings nor `OPENAI_BASE_URL` give one. */
const defaultOpenAIBaseURL = 'https://api.openai.com/v1';

/**
 * Sent as the key to servers other than api.openai.com when none is set: the SDK refuses to run
 * without a key, and local servers (vLLM, llama.cpp) usually ignore it.
 */
const placeholderApiKey = 'synthkit-no-api-key';

function apiKeyFallback(baseURL: string): string {
  if (new URL(baseURL).hostname === new URL(defaultOpenAIBaseURL).hostname) {
    throw new LoadAPIKeyError({
      message:
        'No OpenAI API key: set the OPENAI_API_KEY environment variable, or `apiKey` under ' +
        '`providers.openai` in the recipe (`createOpenAI({ apiKey })` in code). ' +
        'For an OpenAI-compatible server that needs no key, set `baseURL` (or OPENAI_BASE_URL) to it instead.',
    });
  }
  return placeholderApiKey;
}

/** Parses a model's settings (from a recipe, or code); absent settings are a chat model's. */
function checkModelSettings(settings: OpenAILanguageModelSettings | undefined): OpenAILanguageModelSettings {
  if (settings === undefined) return {};
  const result = openAILanguageModelSettingsSchema.safeParse(settings);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const argument = issue?.path.map(String).join('.') || 'settings';
  const message = issue?.code === 'unrecognized_keys' ? issue.message : `${argument} ${issue?.message ?? 'is invalid'}`;
  throw new InvalidArgumentError({ argument, message: `Invalid OpenAI model setting: ${message}.` });
}
