import type {
  ChatMessage,
  EmbeddingModelV1,
  LanguageModelMiddlewareV1,
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1Request,
  LanguageModelV1Result,
  LanguageModelV1Usage,
  ModelCallContextV1,
  RewardModelV1,
} from '@synthkit/core';
import { CallSignalPool } from '../engine/call-signal-pool';
import type { RunStatistics } from '../engine/run-statistics';
import { AttemptControls } from './attempt-controls';
import { createMemoryBatchJobStore, type BatchJobStore } from './batch-job-store';
import { BatchQueue, type BatchStatus } from './batch-queue';
import { createBudgetMiddleware, type RunBudget } from './budget-middleware';
import { callCacheKey, createCacheMiddleware } from './cache-middleware';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { composeMiddleware, type GenerateFunction } from './compose-middleware';
import { createConcurrencyMiddleware } from './concurrency-middleware';
import type { EndpointSettings } from './endpoint-settings';
import { createFinishReasonMiddleware } from './finish-reason-middleware';
import { ModelCallError } from './model-call-error';
import { endpointKey, ModelEndpoint } from './model-endpoint';
import { createRateLimitMiddleware } from './rate-limit-middleware';
import type { ResponseCache } from './response-cache';
import { createRetryMiddleware } from './retry-middleware';
import { embeddingModelAsLanguageModel, readEmbeddings, readScores, rewardModelAsLanguageModel } from './scoring-model-adapters';
import { RunStoppedError } from './run-stopped-error';
import { sendRequest } from './send-request';
import { createStatisticsMiddleware } from './statistics-middleware';
import { createStructuredOutputMiddleware } from './structured-output-middleware';

/** A model as the gateway needs it: the recipe's name for it, the model, and its endpoint settings. */
export interface GatewayModel {
  /** `provider:modelId` as the recipe names it; statistics are kept under it. */
  readonly reference: string;
  readonly model: LanguageModelV1;
  readonly endpoint: EndpointSettings;
}

/** A reward model as the gateway needs it (see {@link GatewayModel}). */
export interface GatewayRewardModel {
  readonly reference: string;
  readonly model: RewardModelV1;
  readonly endpoint: EndpointSettings;
}

/** An embedding model as the gateway needs it (see {@link GatewayModel}). */
export interface GatewayEmbeddingModel {
  readonly reference: string;
  readonly model: EmbeddingModelV1;
  readonly endpoint: EndpointSettings;
}

/** Options of {@link createModelGateway}. */
export interface ModelGatewayOptions {
  readonly statistics: RunStatistics;
  /** The run's signal: aborting it stops every wait and every request. */
  readonly signal: AbortSignal;
  /** Where answers are replayed from and stored; none turns the cache off. */
  readonly cache?: ResponseCache;
  /** Replay stored answers (false for `--no-cache`: send again, still store). @default true */
  readonly readCache?: boolean;
  /** Your middleware, placed inside the statistics and outside the cache. */
  readonly middleware?: ReadonlyArray<LanguageModelMiddlewareV1>;
  /**
   * Called once when the gateway decides the run must stop: a fatal error (401/403/404, an
   * endpoint never reached) or the circuit breaker. The run should abort with this error.
   */
  readonly onStop?: (error: RunStoppedError) => void;
  readonly circuitBreaker?: CircuitBreakerOptions;
  /** Run-wide request and cost limits; reaching one stops the run with `budget-exhausted`. */
  readonly budget?: RunBudget;
  /** The run's cost so far in US dollars, for `budget.maxCostUsd`. */
  readonly costUsd?: () => number;
  /**
   * Where batch jobs are recorded as soon as they are submitted, and found again by a resumed run
   * (`runRecipe` keeps them in `.synthkit/batch-jobs.json`). Default: in memory.
   */
  readonly batchJobs?: BatchJobStore;
}

/** What one endpoint is doing right now, for progress displays and "still waiting" lines. */
export interface EndpointStatus {
  readonly label: string;
  /** Requests open at the endpoint, and the window's current limit and ceiling. */
  readonly active: number;
  readonly limit: number;
  readonly ceiling: number;
  /** Calls waiting for a free slot, for rate-limit budget, and sleeping before a retry. */
  readonly waitingForSlot: number;
  readonly waitingForBudget: number;
  readonly retrying: number;
  /** Times the adaptive window shrank. */
  readonly decreases: number;
  /** Batch jobs and the calls in them, for an endpoint called through its batch API (`batch: true`). */
  readonly batch?: BatchStatus;
  /** What a batched request costs relative to an online one, for a batch endpoint (0.5: half price). */
  readonly priceFactor?: number;
}

/**
 * The run's model gateway: every model call of every stage goes through it. It keeps one
 * {@link ModelEndpoint} per provider, server and model, shared by every stage and role that uses
 * it, and calls it through a chain of middleware: statistics → yours → finish-reason policy →
 * structured-output check → cache → retry → rate limit → budget → concurrency → the request itself
 * (under the endpoint's timeout).
 */
export interface ModelGateway {
  /**
   * Makes one model call. `call.trace` is filled in (attempts, cached, waiting time). A large `n`
   * is split into several requests for models with a smaller `maxChoicesPerCall`; with a `seed`,
   * the parts are sent `seed`, `seed + 1`, ... so they do not repeat each other's answers.
   *
   * @throws ModelCallError when no usable answer came; the run's abort reason when it stopped.
   */
  generate(
    model: GatewayModel,
    options: LanguageModelV1Request,
    call: ModelCallContextV1,
  ): Promise<LanguageModelV1Result>;
  /**
   * Scores a conversation with a reward model, through the same middleware as `generate` (window,
   * retries, cache, statistics, budgets). `call.trace` is filled in.
   *
   * @throws ModelCallError when no usable answer came; the run's abort reason when it stopped.
   */
  score(
    model: GatewayRewardModel,
    messages: ReadonlyArray<ChatMessage>,
    call: ModelCallContextV1,
  ): Promise<{ scores: Record<string, number>; usage: LanguageModelV1Usage }>;
  /**
   * Embeds texts, split into calls of at most the model's `maxTextsPerCall` texts (sent at once,
   * each through the same middleware as `generate`). `call.trace` sums the parts.
   *
   * @throws ModelCallError when no usable answer came; the run's abort reason when it stopped.
   */
  embed(
    model: GatewayEmbeddingModel,
    texts: ReadonlyArray<string>,
    call: ModelCallContextV1,
  ): Promise<{ embeddings: number[][]; usage: LanguageModelV1Usage }>;
  /** Every endpoint's state right now. */
  status(): EndpointStatus[];
}

/** Creates the gateway of one run. Makes no request. */
export function createModelGateway(options: ModelGatewayOptions): ModelGateway {
  const endpoints = new Map<string, ModelEndpoint>();
  /** Chains by model object, then by reference: each model object sends its own requests. */
  const chains = new WeakMap<LanguageModelV1, Map<string, GenerateFunction>>();
  /** The batch queue of each endpoint called through its batch API, by endpoint key. */
  const batchQueues = new Map<string, BatchQueue>();
  const batchJobs = options.batchJobs ?? createMemoryBatchJobStore();
  const signals = new CallSignalPool(options.signal);
  const attempts = new AttemptControls(options.signal);
  const linked = (signal: AbortSignal) => signals.owns(signal);
  const breaker = new CircuitBreaker(options.circuitBreaker);
  const sent = { count: 0 };
  const budget =
    options.budget == null || (options.budget.maxRequests == null && options.budget.maxCostUsd == null)
      ? undefined
      : createBudgetMiddleware({ budget: options.budget, sent, costUsd: options.costUsd ?? (() => 0), stop: (error) => stop(error) });
  let stopped = false;
  const stop = (error: RunStoppedError) => {
    if (stopped) return;
    stopped = true;
    options.onStop?.(error);
  };

  const chainOf = (model: GatewayModel): GenerateFunction => {
    let byReference = chains.get(model.model);
    if (byReference == null) {
      byReference = new Map();
      chains.set(model.model, byReference);
    }
    let chain = byReference.get(model.reference);
    if (chain != null) return chain;
    const key = endpointKey(model.model);
    let endpoint = endpoints.get(key);
    if (endpoint == null) {
      endpoint = new ModelEndpoint(model.model, model.endpoint);
      endpoints.set(key, endpoint);
    }
    const statistics = options.statistics.model(model.reference);
    const { label, settings } = endpoint;
    // The layers that see whole answers, the same whether requests are sent one by one or in jobs.
    const answerLayers = () => [
      createStatisticsMiddleware(statistics),
      ...(options.middleware ?? []),
      createFinishReasonMiddleware(model.reference, settings, statistics),
      createStructuredOutputMiddleware(model.reference, statistics),
      ...(options.cache == null ? [] : [createCacheMiddleware(options.cache, { read: options.readCache ?? true })]),
    ];
    const batchApi = model.model.batch;
    if (settings.batch != null && batchApi == null) {
      const error = new RunStoppedError({
        reason: 'fatal-error',
        message:
          `${label} has no batch API, but its endpoint settings say \`batch\`. Remove \`batch\` from its ` +
          '`endpoints:` entry, or use a provider whose models offer one (OpenAI chat and completion models and Anthropic models do).',
      });
      stop(error);
      throw error;
    }
    if (settings.batch != null && batchApi != null) {
      let queue = batchQueues.get(key);
      if (queue == null) {
        const { cache } = options;
        queue = new BatchQueue({
          endpoint: key,
          label,
          reference: model.reference,
          api: batchApi,
          settings: settings.batch,
          store: batchJobs,
          statistics,
          signal: options.signal,
          stop,
          ...(cache == null ? {} : { onUnclaimedAnswer: (customId, result) => cache.put(customId, cacheableAnswer(result)) }),
        });
        batchQueues.set(key, queue);
      }
      options.statistics.batchPriceFactors.set(model.reference, batchApi.priceFactor);
      const batchQueue = queue;
      // Calls are collected into jobs instead of sent: no retry, rate limit or request window.
      chain = composeMiddleware(
        model.model,
        [...answerLayers(), ...(budget == null ? [] : [budget])],
        (params, call) => batchQueue.generate(callCacheKey(model.model, params, call), params, call),
      );
      byReference.set(model.reference, chain);
      return chain;
    }
    chain = composeMiddleware(
      model.model,
      [
        ...answerLayers(),
        createRetryMiddleware({ reference: model.reference, endpoint, stop }),
        createRateLimitMiddleware(endpoint),
        ...(budget == null ? [] : [budget]),
        createConcurrencyMiddleware(endpoint, statistics),
      ],
      (params) => sendRequest(model.model, params, { timeoutMs: settings.timeoutMs, label, attempts, linked }),
    );
    byReference.set(model.reference, chain);
    return chain;
  };

  const callOnce = async (
    model: GatewayModel,
    params: LanguageModelV1CallOptions,
    call: ModelCallContextV1,
  ): Promise<LanguageModelV1Result> => {
    const chain = chainOf(model);
    const callSignal = signals.acquire();
    try {
      const result = await chain({ ...params, signal: callSignal.signal }, call);
      breaker.record(true);
      return result;
    } catch (error) {
      if (!options.signal.aborted && ModelCallError.isInstance(error) && error.kind === 'failed' && breaker.record(false)) {
        stop(
          new RunStoppedError({
            reason: 'circuit-breaker',
            message:
              `Stopped: ${breaker.describe()}, so the endpoints look broken; what is done is kept. ` +
              `The last failure: ${error.message}`,
            cause: error,
          }),
        );
      }
      throw error;
    } finally {
      callSignal.release();
    }
  };

  return {
    async generate(model, params, call) {
      const choices = params.params.n ?? 1;
      const perCall = model.model.maxChoicesPerCall;
      if (perCall == null || choices <= perCall) return callOnce(model, params, call);
      const sizes: number[] = [];
      for (let done = 0; done < choices; done += perCall) sizes.push(Math.min(perCall, choices - done));
      const results = await inParts(call, sizes.length, (part, partCall) => {
        // A fixed seed would make every part repeat the first one's answers: each part gets its own.
        const seed = params.params.seed == null ? {} : { seed: params.params.seed + part };
        return callOnce(model, { ...params, params: { ...params.params, n: sizes[part]!, ...seed } }, partCall);
      });
      return joinResults(results);
    },
    async score(model, messages, call) {
      const adapter = { reference: model.reference, model: rewardModelAsLanguageModel(model.model), endpoint: model.endpoint };
      const result = await callOnce(adapter, { messages: [...messages], params: {} }, call);
      return { scores: readScores(result), usage: result.usage };
    },
    async embed(model, texts, call) {
      const adapter = { reference: model.reference, model: embeddingModelAsLanguageModel(model.model), endpoint: model.endpoint };
      const perCall = Math.max(1, model.model.maxTextsPerCall ?? Number.POSITIVE_INFINITY);
      if (texts.length === 0) return { embeddings: [], usage: { inputTokens: 0, outputTokens: undefined } };
      const asMessages = (batch: ReadonlyArray<string>) => batch.map((text) => ({ role: 'user' as const, content: text }));
      if (texts.length <= perCall) {
        const result = await callOnce(adapter, { messages: asMessages(texts), params: {} }, call);
        return { embeddings: readEmbeddings(result), usage: result.usage };
      }
      const results = await inParts(call, Math.ceil(texts.length / perCall), (part, partCall) =>
        callOnce(adapter, { messages: asMessages(texts.slice(part * perCall, (part + 1) * perCall)), params: {} }, partCall),
      );
      return { embeddings: results.flatMap(readEmbeddings), usage: joinResults(results).usage };
    },
    status() {
      return [...endpoints.values()].map((endpoint) => ({
        label: endpoint.label,
        active: endpoint.window.active,
        limit: endpoint.window.limit,
        ceiling: endpoint.settings.concurrency,
        waitingForSlot: endpoint.window.waiting,
        waitingForBudget: endpoint.budget.waiting,
        retrying: endpoint.retrying,
        decreases: endpoint.window.decreases,
        ...(batchQueues.has(endpoint.key)
          ? { batch: batchQueues.get(endpoint.key)!.status(), priceFactor: batchQueues.get(endpoint.key)!.priceFactor }
          : {}),
      }));
    },
  };
}

// --- Internal helpers ---

/** What the cache keeps of an answer (the cache middleware stores the same). */
function cacheableAnswer(result: LanguageModelV1Result) {
  return {
    choices: result.choices.map(({ text, finishReason }) => ({ text, finishReason })),
    usage: Object.fromEntries(Object.entries(result.usage).filter(([, count]) => count != null)) as LanguageModelV1Usage,
    ...(result.response == null ? {} : { response: result.response }),
  };
}

/**
 * Sends the parts of a split call at once, each with its own trace and `part` number, and adds
 * their traces into the call's: attempts summed, cached only if every part was, the longest wait.
 */
async function inParts(
  call: ModelCallContextV1,
  count: number,
  send: (part: number, partCall: ModelCallContextV1) => Promise<LanguageModelV1Result>,
): Promise<LanguageModelV1Result[]> {
  const traces = Array.from({ length: count }, () => ({ attempts: 0, cached: false, waitedMs: 0 }));
  const results = await Promise.all(traces.map((trace, part) => send(part, { ...call, part, trace })));
  call.trace.attempts += traces.reduce((sum, trace) => sum + trace.attempts, 0);
  call.trace.cached = traces.every((trace) => trace.cached);
  call.trace.waitedMs += Math.max(...traces.map((trace) => trace.waitedMs));
  return results;
}

/** The answers of a split call as one: choices in order, usage summed (unknown if any part's is). */
function joinResults(results: ReadonlyArray<LanguageModelV1Result>): LanguageModelV1Result {
  const sum = (pick: (usage: LanguageModelV1Usage) => number | undefined) =>
    results.every((result) => pick(result.usage) != null) ? results.reduce((total, result) => total + pick(result.usage)!, 0) : undefined;
  const first = results[0]!;
  return {
    choices: results.flatMap((result) => result.choices),
    usage: {
      inputTokens: sum((usage) => usage.inputTokens),
      outputTokens: sum((usage) => usage.outputTokens),
      cachedInputTokens: sum((usage) => usage.cachedInputTokens),
    },
    ...(first.response == null ? {} : { response: first.response }),
    ...(first.rateLimit == null ? {} : { rateLimit: first.rateLimit }),
    warnings: results.flatMap((result) => result.warnings ?? []),
  };
}
