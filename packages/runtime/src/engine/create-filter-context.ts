import { InvalidArgumentError, type AggregateContextV1, type FilterContextV1, type JsonRecord, type ModelCallMeta } from '@synthkit/core';
import type { ModelGateway } from '../gateway/model-gateway';
import type { PlannedFilterStage } from '../recipe/recipe-plan';
import { createTaskContext, type WarningListener } from './create-task-context';
import { createSeededRandom } from './seeded-random';

/** A filter's context plus the calls made through it, which the engine adds to `_meta.calls`. */
export interface TrackedFilterContext extends FilterContextV1 {
  readonly calls: ModelCallMeta[];
}

/** A tracked filter context with an aggregate filter's folder and the run's seed. */
export interface TrackedAggregateContext extends AggregateContextV1 {
  readonly calls: ModelCallMeta[];
}

/**
 * A maker of the contexts of one filter stage's records: made once per stage, so the common case,
 * a filter that calls no model, costs one small object per record and nothing else.
 */
export function filterContextFactory(options: {
  stage: PlannedFilterStage;
  seed: number;
  signal: AbortSignal;
  gateway: ModelGateway;
  onWarning?: WarningListener;
}): (recordId: string, record: () => JsonRecord) => TrackedFilterContext {
  const { stage, seed, signal } = options;
  if (callsNoModel(stage)) return (recordId) => new ModelFreeFilterContext(stage.reference, recordId, seed, signal);
  const needsFields = Object.keys(stage.templates).length > 0;
  return (recordId, record) => createFilterContext({ ...options, recordId, ...(needsFields ? { record: record() } : {}) });
}

/**
 * Builds the context a filter scores with: its models called through the run's gateway
 * (scheduled, retried, cached, counted) and traced, its templates with the recipe's overrides, as a
 * task's context does. A role may be left out of a request when the filter declares exactly one
 * role of that kind.
 *
 * @param recordId the scored record's `_id`, or an id of the batch; part of the calls' cache keys.
 */
export function createFilterContext(options: {
  stage: PlannedFilterStage;
  recordId: string;
  record?: JsonRecord;
  seed: number;
  signal: AbortSignal;
  gateway: ModelGateway;
  onWarning?: WarningListener;
}): TrackedFilterContext {
  const { stage } = options;
  // Most filters call no model: they get a context that costs one small object per record.
  if (callsNoModel(stage)) return new ModelFreeFilterContext(stage.reference, options.recordId, options.seed, options.signal);
  const context = createTaskContext(options);
  const roleOf = (role: string | undefined, declared: Readonly<Record<string, string>> | undefined, kind: string): string => {
    if (role != null) return role;
    const roles = Object.keys(declared ?? {});
    if (roles.length === 1) return roles[0]!;
    throw new InvalidArgumentError({
      argument: 'role',
      message: `Filter ${stage.reference} made a ${kind} call without a role, and it declares ${roles.length === 0 ? 'no' : `${roles.length} (${roles.join(', ')})`} ${kind} roles; a role may be left out only when there is exactly one. This is a bug in the filter.`,
    });
  };
  return {
    signal: context.signal,
    recordId: context.recordId,
    calls: context.calls,
    random: context.random,
    render: context.render,
    generate: (request) => context.generate({ ...request, role: roleOf(request.role, stage.declared.models, 'language-model') }),
    model: (role) => context.model(roleOf(role, stage.declared.models, 'language-model')),
    reward: ({ role, messages }) => context.score({ role: roleOf(role, stage.declared.rewardModels, 'reward-model'), messages }),
    embed: ({ role, texts }) => context.embed({ role: roleOf(role, stage.declared.embeddingModels, 'embedding-model'), texts }),
  };
}

// --- Internal helpers ---

/** True for a filter that declares no model role and no template: its context needs no gateway. */
function callsNoModel({ declared }: PlannedFilterStage): boolean {
  const none = (roles: Readonly<Record<string, unknown>> | undefined) => roles == null || Object.keys(roles).length === 0;
  return none(declared.models) && none(declared.rewardModels) && none(declared.embeddingModels) && none(declared.templates);
}

/** Made calls: none, ever (shared, never written to). */
const noCalls: ModelCallMeta[] = Object.freeze([]) as unknown as ModelCallMeta[];

/** The context of a filter that declares no model and no template: what a model call would need is an error. */
class ModelFreeFilterContext implements TrackedFilterContext {
  readonly calls = noCalls;
  private randomSource: (() => number) | undefined;

  constructor(
    private readonly reference: string,
    readonly recordId: string,
    private readonly seed: number,
    readonly signal: AbortSignal,
  ) {}

  random(): number {
    this.randomSource ??= createSeededRandom(this.seed, this.recordId);
    return this.randomSource();
  }

  render(): never {
    return this.undeclared('a template');
  }

  generate(): never {
    return this.undeclared('a language model');
  }

  model(): never {
    return this.undeclared('a language model');
  }

  reward(): never {
    return this.undeclared('a reward model');
  }

  embed(): never {
    return this.undeclared('an embedding model');
  }

  private undeclared(what: string): never {
    throw new InvalidArgumentError({
      argument: 'context',
      message: `Filter ${this.reference} asked its context for ${what}, and it declares no model roles or templates; declare them on the filter's definition (models, rewardModels, embeddingModels, templates). This is a bug in the filter.`,
    });
  }
}
