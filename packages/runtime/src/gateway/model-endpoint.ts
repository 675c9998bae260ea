import type { LanguageModelV1 } from '@synthkit/core';
import { AdaptiveRequestWindow } from './adaptive-request-window';
import type { EndpointSettings } from './endpoint-settings';
import { RateLimitBudget } from './rate-limit-budget';

/**
 * One endpoint the run calls: a provider, a server and a model. Every stage and role that uses the
 * same one shares this object, so its request window and budgets bound what the server receives
 * from the whole run.
 */
export class ModelEndpoint {
  /** Identity: provider, server and model id. */
  readonly key: string;
  /** How people recognise it in messages: `openai:gpt-4o-mini at http://127.0.0.1:8000/v1`. */
  readonly label: string;
  readonly settings: EndpointSettings;
  readonly window: AdaptiveRequestWindow;
  readonly budget: RateLimitBudget;
  /** Answers received so far; an endpoint that never answered and cannot be reached stops the run. */
  successes = 0;
  /** Calls sleeping before their next attempt, and when the earliest of them wakes (performance.now()). */
  retrying = 0;
  /** Smoothed output tokens per answer, to estimate what a request without `max_tokens` will use. */
  private outputTokensAverage: number | undefined;

  constructor(model: LanguageModelV1, settings: EndpointSettings) {
    this.key = endpointKey(model);
    this.label = `${model.provider}:${model.modelId}${model.endpoint == null ? '' : ` at ${model.endpoint}`}`;
    this.settings = settings;
    this.window = new AdaptiveRequestWindow({
      ceiling: settings.concurrency,
      floor: settings.minConcurrency,
      adaptive: settings.adaptive,
    });
    this.budget = new RateLimitBudget(settings);
  }

  /** Output tokens a request is expected to use: its `max_tokens`, else what answers used so far. */
  expectedOutputTokens(maxTokens: number | undefined, choices: number): number {
    return (maxTokens ?? Math.ceil(this.outputTokensAverage ?? 256)) * choices;
  }

  /** Learns the typical answer length from an answer's usage. */
  observeOutputTokens(outputTokens: number | undefined, choices: number): void {
    if (outputTokens == null || choices < 1) return;
    const perChoice = outputTokens / choices;
    this.outputTokensAverage =
      this.outputTokensAverage == null ? perChoice : this.outputTokensAverage + 0.1 * (perChoice - this.outputTokensAverage);
  }
}

/** The identity of a model's endpoint: the same provider, server and model id share one. */
export function endpointKey(model: LanguageModelV1): string {
  return `${model.provider}\u0000${model.endpoint ?? ''}\u0000${model.modelId}`;
}
