import {
  type EmbeddingModelV1,
  type FilterModelRolesV1,
  formatIssuePath,
  TemplateError,
  type JsonValue,
  type PromptTemplateV1,
  type RewardModelV1,
} from '@synthkit/core';
import { didYouMean } from '@synthkit/validation-messages';
import { resolveEndpointSettings, type EndpointSettings, type EndpointSettingsDocument } from '../gateway/endpoint-settings';
import { parseReference } from '../registry/create-registry';
import { checkTemplateVariables } from '../template';
import { applyTemplateOverride } from './apply-template-override';
import { modelEntryOf } from './provider-cache';
import type { PlannedModel, PlannedModelBindings, PlannedScoringModel } from './recipe-plan';
import type { RecipeCompilation } from './recipe-compilation';
import type { TaskStageDocument } from './recipe-schema';
import { mergeGenerationParams, toGenerationParams } from './to-generation-params';

/** An item whose stage calls models: a task, or a filter that declares model roles. */
export interface ModelUsingItem {
  /** How messages name it, and the stage key its own mistakes are reported under. */
  readonly kind: 'task' | 'filter';
  /** `namespace:name`. */
  readonly reference: string;
  /** The roles and templates it declares (a `TaskV1`, or a `FilterDefinitionV1`). */
  readonly declared: FilterModelRolesV1;
}

/** What a stage of a recipe writes about its models: the keys task and filter stages share. */
export type ModelStageDocument = Pick<TaskStageDocument, 'models' | 'params' | 'templates' | 'variables'>;

/**
 * Binds the models of every role an item declares, as the recipe says (the stage's entry, the
 * recipe's, `default` for language roles; `--model` and `--mock` over them), checks the roles and
 * templates the stage names, and applies its template overrides.
 *
 * @param options the item's parsed options, for its `scoringRoles`; undefined when they are invalid
 *   (then no scoring role is required, rather than a cascade of issues the fixed options may not have).
 */
export function compileModelBindings(
  compilation: RecipeCompilation,
  item: ModelUsingItem,
  stage: ModelStageDocument,
  path: ReadonlyArray<PropertyKey>,
  options: { readonly valid: true; readonly value: unknown } | { readonly valid: false },
): PlannedModelBindings {
  // Which language roles invalid options would call is unknown: all are bound then (default serves them).
  const languageRoles = options.valid ? calledRoles(compilation, item, 'languageRoles', options.value, path) : undefined;
  const models = bindModels(compilation, item, stage, path, languageRoles);
  const called = options.valid ? calledScoringRoles(compilation, item, options.value, path) : item.declared.scoringRoles == null ? undefined : new Set<string>();
  const rewardModels = bindScoringModels(compilation, 'reward', item.declared.rewardModels, called, item, stage, path);
  const embeddingModels = bindScoringModels(compilation, 'embedding', item.declared.embeddingModels, called, item, stage, path);
  const variables: Record<string, JsonValue> = { ...compilation.document.variables, ...stage.variables };
  const templates = overrideTemplates(compilation, item, stage, path, variables);
  return {
    declared: item.declared,
    models,
    ...(rewardModels == null ? {} : { rewardModels: rewardModels as Record<string, PlannedScoringModel<RewardModelV1>> }),
    ...(embeddingModels == null ? {} : { embeddingModels: embeddingModels as Record<string, PlannedScoringModel<EmbeddingModelV1>> }),
    templates,
    variables,
  };
}

/**
 * Records in flight that keep a stage's busiest endpoint full on its own: the largest request
 * window of its models (a batch model's: enough records for a whole job). Undefined for a stage
 * that calls no model.
 */
export function endpointFillingConcurrency(bindings: PlannedModelBindings): number | undefined {
  const windows = [...Object.values(bindings.models), ...Object.values(bindings.rewardModels ?? {}), ...Object.values(bindings.embeddingModels ?? {})].map(
    (planned) => planned.endpoint.batch?.maxRequests ?? planned.endpoint.concurrency,
  );
  return windows.length === 0 ? undefined : Math.max(1, ...windows);
}

// --- Internal helpers ---

/** A model per role the item declares, and checks of the roles the stage's `models`/`params` name. */
function bindModels(
  compilation: RecipeCompilation,
  item: ModelUsingItem,
  stage: ModelStageDocument,
  path: ReadonlyArray<PropertyKey>,
  called: ReadonlySet<string> | undefined,
): Record<string, PlannedModel> {
  const { kind, reference } = item;
  const declaredRoles = { models: item.declared.models ?? {}, rewardModels: item.declared.rewardModels, embeddingModels: item.declared.embeddingModels };
  const models: Record<string, PlannedModel> = {};
  for (const role of Object.keys(declaredRoles.models)) {
    compilation.declaredRoles.add(role);
    // A role these options do not call needs no model.
    if (called != null && !called.has(role)) continue;
    const bound = bindModel(compilation, role, stage, path);
    if (bound != null) models[role] = bound;
  }
  const roles = Object.keys(declaredRoles.models);
  const allRoles = [...roles, ...Object.keys(declaredRoles.rewardModels ?? {}), ...Object.keys(declaredRoles.embeddingModels ?? {})];
  for (const role of Object.keys(stage.params ?? {})) {
    if (role !== 'default' && !(role in declaredRoles.models)) {
      const scoring = allRoles.includes(role);
      compilation.report(
        [...path, 'params', role],
        scoring
          ? `"${role}" is a ${role in (declaredRoles.rewardModels ?? {}) ? 'reward' : 'embedding'}-model role of ${kind} ${reference}, and those take no generation parameters; remove params.${role}.`
          : `${kind} ${reference} has no model role "${role}"; set params for one of: default, ${roles.join(', ') || '(none)'}.${didYouMean(role, roles)}`,
      );
    }
  }
  for (const role of Object.keys(stage.models ?? {})) {
    if (!allRoles.includes(role)) {
      compilation.report([...path, 'models', role], `${kind} ${reference} has no model role "${role}"; its roles are: ${allRoles.join(', ') || 'none'}.${didYouMean(role, allRoles)}`);
    }
  }
  return models;
}

/** The model of one role: the stage's, else the recipe's for the role, else `default`; `--model` over all. */
function bindModel(compilation: RecipeCompilation, role: string, stage: ModelStageDocument, path: ReadonlyArray<PropertyKey>): PlannedModel | undefined {
  const { document, overrides } = compilation;
  const written = stage.models?.[role] ?? document.models?.[role] ?? document.models?.default;
  const automatic = overrides.model == null && written == null ? compilation.automaticModel() : undefined;
  if (automatic != null) compilation.usedAutomaticModel = true;
  // --model replaces the whole entry: a plain reference, called the provider's default way.
  const entry =
    overrides.model != null
      ? { reference: overrides.model, settings: undefined }
      : written != null
        ? modelEntryOf(written)
        : automatic == null
          ? undefined
          : { reference: automatic.reference, settings: undefined };
  const entryPath =
    overrides.model != null
      ? ['--model']
      : stage.models?.[role] != null
        ? [...path, 'models', role]
        : document.models?.[role] != null
          ? ['models', role]
          : ['models', 'default'];
  if (entry == null) {
    compilation.report(
      [...path, 'models', role],
      `no model for role "${role}", and no loaded provider offers a default model here (@synthkit/provider-openai with OPENAI_API_KEY set, @synthkit/provider-anthropic with ANTHROPIC_API_KEY set, or @synthkit/provider-llama-cpp with a GGUF model in the synthkit model folder). ` +
        `Set models.default (or models.${role}) at the top of the recipe, pass --model provider:model-id, or run with --mock.`,
    );
    return undefined;
  }
  const { reference } = entry;
  const model = compilation.providers.languageModel(entry, entryPath);
  if (model == null) return undefined;
  const defaultParams = mergeGenerationParams(toGenerationParams(document.params?.default), toGenerationParams(stage.params?.default));
  const roleParams =
    role === 'default' ? {} : mergeGenerationParams(toGenerationParams(document.params?.[role]), toGenerationParams(stage.params?.[role]));
  const provider = parseReference(reference)?.namespace;
  const layerKeys = ['default', ...(provider == null ? [] : [provider]), reference];
  let endpoint = modelEndpoint(compilation, reference, model);
  if (endpoint.batch != null && model.batch == null) {
    if (overrides.model == null) {
      const key = layerKeys.findLast((candidate) => document.endpoints?.[candidate]?.batch != null) ?? reference;
      compilation.report(
        ['endpoints', key, 'batch'],
        `${reference} has no batch API (its provider offers none), so it cannot be called with batch: true. ` +
          `Set batch under endpoints."<provider>:<model>" for the models that have one (OpenAI chat and completion models and Anthropic models do), or remove it.`,
      );
    }
    // Under --model or --mock the recipe's models are replaced: the replacement is called online.
    endpoint = { ...endpoint, batch: undefined };
  }
  return { reference, model, defaultParams, roleParams, endpoint };
}

/**
 * A reward or embedding model per role of that kind the item declares and a stage with these
 * options calls (`called`, from {@link TaskV1.scoringRoles}; undefined: every declared one): the
 * stage's, else the recipe's for the role (never `default`: a chat model is no reward model);
 * `--mock` over all. Undefined when the item declares no role of the kind.
 */
function bindScoringModels(
  compilation: RecipeCompilation,
  kind: 'reward' | 'embedding',
  declared: Readonly<Record<string, string>> | undefined,
  called: ReadonlySet<string> | undefined,
  { kind: itemKind, reference }: ModelUsingItem,
  stage: ModelStageDocument,
  path: ReadonlyArray<PropertyKey>,
): Record<string, PlannedScoringModel<RewardModelV1 | EmbeddingModelV1>> | undefined {
  if (declared == null || Object.keys(declared).length === 0) return undefined;
  const { document, overrides } = compilation;
  const bound: Record<string, PlannedScoringModel<RewardModelV1 | EmbeddingModelV1>> = {};
  for (const role of Object.keys(declared)) {
    compilation.declaredRoles.add(role);
    if (called != null && !called.has(role)) continue;
    const written = stage.models?.[role] ?? document.models?.[role];
    const entry = overrides.scoringModel != null ? { reference: overrides.scoringModel, settings: undefined } : written == null ? undefined : modelEntryOf(written);
    if (entry == null) {
      const example = kind === 'reward' ? 'openai:nvidia/nemotron-4-340b-reward' : 'openai:text-embedding-3-small';
      compilation.report(
        [...path, 'models', role],
        `${itemKind} ${reference} needs ${kind === 'reward' ? 'a' : 'an'} ${kind} model for its role "${role}" (${declared[role]}), and \`default\` never serves a ${kind} role. ` +
          `Set models.${role} at the top of the recipe or in this stage, e.g. ${role}: ${example}, or run with --mock.`,
      );
      continue;
    }
    const entryPath = overrides.scoringModel != null ? ['--mock'] : stage.models?.[role] != null ? [...path, 'models', role] : ['models', role];
    const model = kind === 'reward' ? compilation.providers.rewardModel(entry, entryPath) : compilation.providers.embeddingModel(entry, entryPath);
    if (model == null) continue;
    const endpoint = modelEndpoint(compilation, entry.reference, model);
    // Reward and embedding calls have no batch API: they are sent online.
    bound[role] = { reference: entry.reference, model, endpoint: { ...endpoint, batch: undefined } };
  }
  return bound;
}

/**
 * How a model's endpoint is treated: `endpoints.default`, then the model's own capacity (an
 * in-process model's, which wins over the default written for remote endpoints), then
 * `endpoints.<provider>` and `endpoints.<provider:model>`; `--concurrency` over all.
 */
function modelEndpoint(compilation: RecipeCompilation, reference: string, model: { readonly defaultConcurrency?: number }): EndpointSettings {
  const { document, overrides } = compilation;
  const provider = parseReference(reference)?.namespace;
  return resolveEndpointSettings(
    [
      document.endpoints?.['default'],
      modelConcurrencyHint(model),
      provider == null ? undefined : document.endpoints?.[provider],
      document.endpoints?.[reference],
    ],
    { concurrency: overrides.concurrency },
  );
}

/** A layer with the model's `defaultConcurrency`, when it gives a usable one. */
function modelConcurrencyHint(model: { readonly defaultConcurrency?: number }): EndpointSettingsDocument | undefined {
  const hint = model.defaultConcurrency;
  return hint != null && Number.isInteger(hint) && hint >= 1 ? { concurrency: Math.min(hint, 100_000) } : undefined;
}

/** The item's templates with the stage's overrides, each checked: every placeholder must be supplied. */
function overrideTemplates(
  compilation: RecipeCompilation,
  { kind, reference, declared }: ModelUsingItem,
  stage: ModelStageDocument,
  path: ReadonlyArray<PropertyKey>,
  variables: Readonly<Record<string, JsonValue>>,
): Record<string, PromptTemplateV1> {
  const declaredTemplates = declared.templates ?? {};
  const templates: Record<string, PromptTemplateV1> = { ...declaredTemplates };
  for (const [templateName, override] of Object.entries(stage.templates ?? {})) {
    const base = declaredTemplates[templateName];
    if (base == null) {
      compilation.report(
        [...path, 'templates', templateName],
        `${kind} ${reference} has no template "${templateName}"; its templates are: ${Object.keys(declaredTemplates).join(', ') || 'none'}.`,
      );
      continue;
    }
    templates[templateName] = applyTemplateOverride(base, override);
  }
  for (const [templateName, template] of Object.entries(templates)) {
    const overridden = stage.templates?.[templateName] != null;
    const templatePath = overridden ? [...path, 'templates', templateName] : [...path, kind];
    // The fields of the records that reach the stage fill placeholders too (under the item's and
    // the recipe's variables), so an override can quote any of them: `Summarise {text}`.
    const fields = [...compilation.producedFields];
    const supplied = [...template.variables, ...Object.keys(variables), ...fields];
    const recipeSupplies =
      (Object.keys(variables).length > 0 ? `; the recipe supplies: ${Object.keys(variables).join(', ')}` : '') +
      (fields.length > 0 ? `; the records reaching this stage have: ${fields.join(', ')}` : '');
    try {
      for (const placeholder of checkTemplateVariables(template, supplied)) {
        // After a stage whose fields are unknown, a placeholder may name one of them.
        if (!compilation.upstreamFieldsKnown) continue;
        compilation.report(
          templatePath,
          overridden
            ? `template "${templateName}" uses {${placeholder}}, which nothing supplies. ` +
                `The ${kind} supplies: ${template.variables.join(', ') || 'nothing'}${recipeSupplies}. ` +
                `Add it under ${formatIssuePath([...path, 'variables'])}, or write {{${placeholder}}} for literal braces.` +
                didYouMean(placeholder, supplied)
            : // The item's own template: the plugin's mistake, not the recipe's.
              `${kind} ${reference}'s own template "${templateName}" uses {${placeholder}}, which the ${kind} does not supply ` +
                `(it supplies: ${template.variables.join(', ') || 'nothing'}) and no record reaching this stage has (they have: ${fields.join(', ') || 'no fields'}). ` +
                `If the records should carry it, add a stage before this one that produces "${placeholder}"; otherwise this is a bug in the plugin: add "${placeholder}" to ` +
                `the template's variables and pass it when rendering. Until it is fixed, set it under ${formatIssuePath([...path, 'variables'])}.`,
        );
      }
    } catch (error) {
      if (!TemplateError.isInstance(error)) throw error;
      compilation.report(templatePath, error.message);
    }
  }
  return templates;
}

/**
 * The reward and embedding roles the item says a stage with these options calls
 * ({@link TaskV1.scoringRoles}); undefined when it does not say (every declared one is called), or
 * after reporting a `scoringRoles` that throws or returns something other than a list of role names.
 */
function calledScoringRoles(compilation: RecipeCompilation, item: ModelUsingItem, options: unknown, path: ReadonlyArray<PropertyKey>): ReadonlySet<string> | undefined {
  return calledRoles(compilation, item, 'scoringRoles', options, path);
}

/**
 * The roles the item's `scoringRoles` or `languageRoles` says a stage with these options calls;
 * undefined when it has no such method (every declared role is called), or after reporting one
 * that throws or returns something other than a list of role names.
 */
function calledRoles(
  compilation: RecipeCompilation,
  { kind, reference, declared }: ModelUsingItem,
  method: 'scoringRoles' | 'languageRoles',
  options: unknown,
  path: ReadonlyArray<PropertyKey>,
): ReadonlySet<string> | undefined {
  const which = declared[method];
  if (which == null) return undefined;
  const called = compilation.construct(() => which.call(declared, options), [...path, 'options']);
  if (called == null) return undefined;
  const roles: unknown = called.value;
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    compilation.report(
      [...path, kind],
      `${kind} ${reference} is broken: its ${method}() returned ${JSON.stringify(called.value)}, not a list of role names. This is a bug in the plugin: report it to its authors.`,
    );
    return undefined;
  }
  return new Set(roles as string[]);
}

