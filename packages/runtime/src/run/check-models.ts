import { APICallError, LoadAPIKeyError, type LanguageModelV1 } from '@synthkit/core';
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
 * Sends one tiny request (a one-word answer, at most 5 tokens) to every model a recipe uses, all at
 * once, and reports for each whether it answered, how fast, and what went wrong if it did not:
 * a refused key, an unknown model, an endpoint that cannot be reached. It is a diagnosis before a
 * long run, so each model gets exactly one request: no retries, no cache, no budget.
 */
export async function checkModels(plan: RecipePlan, options: CheckModelsOptions = {}): Promise<ModelCheck[]> {
  const models = new Map<string, { model: LanguageModelV1; usedBy: string[] }>();
  for (const stage of plan.stages) {
    if (stage.kind !== 'task') continue;
    for (const [role, planned] of Object.entries(stage.models)) {
      const entry = models.get(planned.reference) ?? { model: planned.model, usedBy: [] };
      entry.usedBy.push(`${stage.name}.${role}`);
      models.set(planned.reference, entry);
    }
  }
  try {
    return await Promise.all([...models].map(([reference, { model, usedBy }]) => checkModel(reference, model, usedBy, options)));
  } finally {
    // An in-process model loaded for its check frees its memory.
    await disposeProviders(plan);
  }
}

// --- Internal helpers ---

async function checkModel(reference: string, model: LanguageModelV1, usedBy: string[], options: CheckModelsOptions): Promise<ModelCheck> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(options.signal == null ? [] : [options.signal])]);
  const base = { reference, usedBy, ...(model.endpoint == null ? {} : { endpoint: model.endpoint }) };
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  try {
    const result = await model.doGenerate({
      messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
      params: { maxTokens: 5, temperature: 0 },
      signal,
    });
    const warnings = (result.warnings ?? []).map((warning) => warning.message);
    return {
      ...base,
      status: 'ok',
      latencyMs: elapsed(),
      ...(result.response?.modelId == null ? {} : { servedModel: result.response.modelId }),
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
