import { APICallError, LoadAPIKeyError, type EmbeddingModelV1, type LanguageModelV1, type RewardModelV1 } from '@synthkit/core';
import type { RecipePlan } from '../recipe/recipe-plan';
import { disposeProviders } from './dispose-providers';

/** The outcome of one model's check. */
export type ModelCheckStatus =
  /** It answered. */
  | 'ok'
  /** The endpoint refused the key (401/403). */
  | 'auth-refused'
  /** The endpoint does not know the model, or the base URL is wrong (404). */
  | 'not-found'
  /** No answer: the server could not be reached, or it stayed silent past the timeout. */
  | 'unreachable'
  /** Anything else: another HTTP error, or an answer the provider could not use. */
  | 'error';

/** What {@link checkModels} found for one model of a recipe. */
export interface ModelCheck {
  /** `provider:modelId` as the recipe names it. */
  readonly reference: string;
  /** The endpoint the model's requests go to (its base URL, without credentials), when the provider says. */
  readonly endpoint?: string;
  /** The stages and roles that use it, e.g. `questions.generator`. */
  readonly usedBy: ReadonlyArray<string>;
  readonly status: ModelCheckStatus;
  /** Milliseconds from sending the request to its answer (or failure). */
  readonly latencyMs: number;
  /** The model that answered, when the endpoint says (it may differ from the one asked for). */
  readonly servedModel?: string;
  /** Why the check failed, as the provider said it (status, URL, message), or a warning for `ok`. */
  readonly message?: string;
}

/** Options of {@link checkModels}. */
export interface CheckModelsOptions {
  /** How long to wait for each answer, in milliseconds. Default: 30 000. */
  readonly timeoutMs?: number;
  /** Aborting it stops the checks that are still waiting. */
  readonly signal?: AbortSignal;
}

/**
 * Sends one tiny request (a one-word answer, at most 5 tokens; for a reward model, a two-turn
 * conversation to score; for an embedding model, one word to embed) to every model a recipe uses, all at
 * once, and reports for each whether it answered, how fast, and what went wrong if it did not:
 * a refused key, an unknown model, an endpoint that cannot be reached. It is a diagnosis before a
 * long run, so each model gets exactly one request: no retries, no cache, no budget.
 */
export async function checkModels(plan: RecipePlan, options: CheckModelsOptions = {}): Promise<ModelCheck[]> {
  const models = new Map<string, { model: CheckedModel; usedBy: string[] }>();
  for (const stage of plan.stages) {
    // Task stages, and filter stages whose filters call models (judges, embedding filters).
    if (stage.kind !== 'task' && stage.kind !== 'filter') continue;
    const bound = [...Object.entries(stage.models), ...Object.entries(stage.rewardModels ?? {}), ...Object.entries(stage.embeddingModels ?? {})];
    for (const [role, planned] of bound) {
      // A reward model and a chat model may share a reference: each kind is checked on its own.
      const key = `${planned.reference}\u0000${kindOf(planned.model)}`;
      const entry = models.get(key) ?? { model: planned.model, usedBy: [] };
      entry.usedBy.push(`${stage.name}.${role}`);
      models.set(key, entry);
    }
  }
  try {
    return await Promise.all([...models].map(([key, { model, usedBy }]) => checkModel(key.slice(0, key.indexOf('\u0000')), model, usedBy, options)));
  } finally {
    // An in-process model loaded for its check frees its memory.
    await disposeProviders(plan);
  }
}

// --- Internal helpers ---

type CheckedModel = LanguageModelV1 | RewardModelV1 | EmbeddingModelV1;

function kindOf(model: CheckedModel): 'language' | 'reward' | 'embedding' {
  return 'doScore' in model ? 'reward' : 'doEmbed' in model ? 'embedding' : 'language';
}

/** The one tiny request of a check: what answered and its warnings. */
async function probe(model: CheckedModel, signal: AbortSignal): Promise<{ servedModel?: string; warnings: string[] }> {
  if ('doScore' in model) {
    await model.doScore({ messages: [{ role: 'user', content: 'Say OK.' }, { role: 'assistant', content: 'OK.' }], signal });
    return { warnings: [] };
  }
  if ('doEmbed' in model) {
    await model.doEmbed({ texts: ['OK'], signal });
    return { warnings: [] };
  }
  const result = await model.doGenerate({
    messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
    params: { maxTokens: 5, temperature: 0 },
    signal,
  });
  return {
    ...(result.response?.modelId == null ? {} : { servedModel: result.response.modelId }),
    warnings: (result.warnings ?? []).map((warning) => warning.message),
  };
}

async function checkModel(reference: string, model: CheckedModel, usedBy: string[], options: CheckModelsOptions): Promise<ModelCheck> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(options.signal == null ? [] : [options.signal])]);
  const base = { reference, usedBy, ...(model.endpoint == null ? {} : { endpoint: model.endpoint }) };
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  try {
    const { servedModel, warnings } = await probe(model, signal);
    return {
      ...base,
      status: 'ok',
      latencyMs: elapsed(),
      ...(servedModel == null ? {} : { servedModel }),
      ...(warnings.length === 0 ? {} : { message: warnings.join(' ') }),
    };
  } catch (error) {
    const latencyMs = elapsed();
    if (signal.aborted && options.signal?.aborted !== true) {
      return { ...base, status: 'unreachable', latencyMs, message: `no answer within ${timeoutMs} ms.` };
    }
    return { ...base, status: statusOf(error), latencyMs, message: error instanceof Error ? error.message : String(error) };
  }
}

function statusOf(error: unknown): ModelCheckStatus {
  if (LoadAPIKeyError.isInstance(error)) return 'auth-refused';
  if (!APICallError.isInstance(error)) return 'error';
  if (error.statusCode === 401 || error.statusCode === 403) return 'auth-refused';
  if (error.statusCode === 404) return 'not-found';
  // No HTTP status and no point in retrying: a local failure (an unreadable model file), not the network.
  if (error.statusCode == null) return error.isRetryable ? 'unreachable' : 'error';
  return 'error';
}
