import {
  type EmbeddingModelV1,
  formatIssuePath,
  TemplateError,
  type JsonValue,
  type LanguageModelV1,
  type PromptTemplateV1,
  type RewardModelV1,
  type TaskV1,
} from '@synthkit/core';
import { didYouMean } from '@synthkit/validation-messages';
import { z } from 'zod';
import { resolveEndpointSettings, type EndpointSettings, type EndpointSettingsDocument } from '../gateway/endpoint-settings';
import { parseReference } from '../registry/create-registry';
import { checkTemplateVariables } from '../template';
import { applyTemplateOverride } from './apply-template-override';
import { checkProviderOptions } from './check-provider-options';
import { optionsJsonSchema } from './options-json-schema';
import { modelEntryOf } from './provider-cache';
import type { PlannedModel, PlannedScoringModel, PlannedTaskStage } from './recipe-plan';
import { itemName, type RecipeCompilation } from './recipe-compilation';
import { taskStageSchema, type TaskStageDocument } from './recipe-schema';
import { mergeGenerationParams, toGenerationParams } from './to-generation-params';

/**
 * Compiles `- task: namespace:item`: the task and its options, a model for every role it declares
 * (with the recipe's parameters and endpoint settings), template overrides and their placeholders,
 * and that the fields it reads are produced by an earlier stage.
 */
export function compileTaskStage(
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  compilation: RecipeCompilation,
): PlannedTaskStage | undefined {
  const stage = compilation.parse(taskStageSchema, value, path);
  const found = stage == null ? undefined : compilation.lookup('tasks', stage.task, [...path, 'task']);
  if (stage != null) checkProviderOptions(compilation, stage.params, [...path, 'params']);
  if (stage == null || found == null) {
    // Its task (and so its roles and output fields) stays unknown: skip the checks that need them.
    compilation.rolesKnown = false;
    compilation.upstreamFieldsKnown = false;
    return undefined;
  }
  const task = found.item as TaskV1;
  const options = compilation.parseOptions(task.options, stage.options, [...path, 'options']);
  const declared = options.valid ? declaredFields(compilation, task, options.value, found.reference, path) : undefined;
  checkInputFields(compilation, task, found.reference, path, index, declared?.reads ?? []);
  const models = bindModels(compilation, task, found.reference, stage, path);
  // Which scoring roles invalid options would call is unknown: none is required then, rather than
  // a cascade of issues about roles the corrected options may not call.
  const called = options.valid ? calledScoringRoles(compilation, task, options.value, found.reference, path) : task.scoringRoles == null ? undefined : new Set<string>();
  const rewardModels = bindScoringModels(compilation, 'reward', task.rewardModels, called, found.reference, stage, path);
  const embeddingModels = bindScoringModels(compilation, 'embedding', task.embeddingModels, called, found.reference, stage, path);
  const variables: Record<string, JsonValue> = { ...compilation.document.variables, ...stage.variables };
  const templates = overrideTemplates(compilation, task, found.reference, stage, path, variables);
  // The schema's fields are known whatever the options: later stages are checked against them, with
  // no cascade. Fields the options name are not known when the options are invalid.
  for (const field of [...outputFields(task), ...(declared?.writes ?? [])]) compilation.producedFields.add(field);
  if (task.fields != null && declared == null) compilation.upstreamFieldsKnown = false;
  if (!options.valid) return undefined;
  return {
    kind: 'task',
    index,
    name: stage.name ?? itemName(found.reference),
    reference: found.reference,
    task,
    options: options.value,
    // Enough records in flight to keep the stage's busiest endpoint full on its own.
    concurrency:
      stage.concurrency ??
      compilation.document.concurrency ??
      // A batch model's jobs fill from records in flight: enough of them for a whole job.
      Math.max(1, ...Object.values(models).map((planned) => planned.endpoint.batch?.maxRequests ?? planned.endpoint.concurrency)),
    models,
    ...(rewardModels == null ? {} : { rewardModels: rewardModels as Record<string, PlannedScoringModel<RewardModelV1>> }),
    ...(embeddingModels == null ? {} : { embeddingModels: embeddingModels as Record<string, PlannedScoringModel<EmbeddingModelV1>> }),
    templates,
    variables,
  };
}

// --- Internal helpers ---

/** A model per role the task declares, and checks of the roles the stage's `models`/`params` name. */
function bindModels(
  compilation: RecipeCompilation,
  task: TaskV1,
  reference: string,
  stage: TaskStageDocument,
  path: ReadonlyArray<PropertyKey>,
): Record<string, PlannedModel> {
  const models: Record<string, PlannedModel> = {};
  for (const role of Object.keys(task.models)) {
    const bound = bindModel(compilation, role, stage, path);
    if (bound != null) models[role] = bound;
    compilation.declaredRoles.add(role);
  }
  const roles = Object.keys(task.models);
  const allRoles = [...roles, ...Object.keys(task.rewardModels ?? {}), ...Object.keys(task.embeddingModels ?? {})];
  for (const role of Object.keys(stage.params ?? {})) {
    if (role !== 'default' && !(role in task.models)) {
      const scoring = allRoles.includes(role);
      compilation.report(
        [...path, 'params', role],
        scoring
          ? `"${role}" is a ${role in (task.rewardModels ?? {}) ? 'reward' : 'embedding'}-model role of task ${reference}, and those take no generation parameters; remove params.${role}.`
          : `task ${reference} has no model role "${role}"; set params for one of: default, ${roles.join(', ') || '(none)'}.${didYouMean(role, roles)}`,
      );
    }
  }
  for (const role of Object.keys(stage.models ?? {})) {
    if (!allRoles.includes(role)) {
      compilation.report([...path, 'models', role], `task ${reference} has no model role "${role}"; its roles are: ${allRoles.join(', ') || 'none'}.${didYouMean(role, allRoles)}`);
    }
  }
  return models;
}

/** The model of one role: the stage's, else the recipe's for the role, else `default`; `--model` over all. */
function bindModel(compilation: RecipeCompilation, role: string, stage: TaskStageDocument, path: ReadonlyArray<PropertyKey>): PlannedModel | undefined {
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
 * A reward or embedding model per role of that kind the task declares and a stage with these
 * options calls (`called`, from {@link TaskV1.scoringRoles}; undefined: every declared one): the
 * stage's, else the recipe's for the role (never `default`: a chat model is no reward model);
 * `--mock` over all. Undefined when the task declares no role of the kind.
 */
function bindScoringModels(
  compilation: RecipeCompilation,
  kind: 'reward' | 'embedding',
  declared: Readonly<Record<string, string>> | undefined,
  called: ReadonlySet<string> | undefined,
  reference: string,
  stage: TaskStageDocument,
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
        `task ${reference} needs ${kind === 'reward' ? 'a' : 'an'} ${kind} model for its role "${role}" (${declared[role]}), and \`default\` never serves a ${kind} role. ` +
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

/** The task's templates with the stage's overrides, each checked: every placeholder must be supplied. */
function overrideTemplates(
  compilation: RecipeCompilation,
  task: TaskV1,
  reference: string,
  stage: TaskStageDocument,
  path: ReadonlyArray<PropertyKey>,
  variables: Readonly<Record<string, JsonValue>>,
): Record<string, PromptTemplateV1> {
  const templates: Record<string, PromptTemplateV1> = { ...task.templates };
  for (const [templateName, override] of Object.entries(stage.templates ?? {})) {
    const base = task.templates[templateName];
    if (base == null) {
      compilation.report(
        [...path, 'templates', templateName],
        `task ${reference} has no template "${templateName}"; its templates are: ${Object.keys(task.templates).join(', ')}.`,
      );
      continue;
    }
    templates[templateName] = applyTemplateOverride(base, override);
  }
  for (const [templateName, template] of Object.entries(templates)) {
    const overridden = stage.templates?.[templateName] != null;
    const templatePath = overridden ? [...path, 'templates', templateName] : [...path, 'task'];
    // The fields of the records that reach the stage fill placeholders too (under the task's and
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
                `The task supplies: ${template.variables.join(', ') || 'nothing'}${recipeSupplies}. ` +
                `Add it under ${formatIssuePath([...path, 'variables'])}, or write {{${placeholder}}} for literal braces.` +
                didYouMean(placeholder, supplied)
            : // The task's own template: the plugin's mistake, not the recipe's.
              `task ${reference}'s own template "${templateName}" uses {${placeholder}}, which the task does not supply ` +
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
 * The reward and embedding roles the task says a stage with these options calls
 * ({@link TaskV1.scoringRoles}); undefined when it does not say (every declared one is called), or
 * after reporting a `scoringRoles` that throws or returns something other than a list of role names.
 */
function calledScoringRoles(compilation: RecipeCompilation, task: TaskV1, options: unknown, reference: string, path: ReadonlyArray<PropertyKey>): ReadonlySet<string> | undefined {
  if (task.scoringRoles == null) return undefined;
  const called = compilation.construct(() => task.scoringRoles!(options), [...path, 'options']);
  if (called == null) return undefined;
  const roles: unknown = called.value;
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    compilation.report(
      [...path, 'task'],
      `task ${reference} is broken: its scoringRoles() returned ${JSON.stringify(called.value)}, not a list of role names. This is a bug in the plugin: report it to its authors.`,
    );
    return undefined;
  }
  return new Set(roles as string[]);
}

/**
 * The fields the task says a stage with these options reads and writes ({@link TaskV1.fields});
 * undefined after reporting a task whose `fields` throws or returns something else.
 */
function declaredFields(
  compilation: RecipeCompilation,
  task: TaskV1,
  options: unknown,
  reference: string,
  path: ReadonlyArray<PropertyKey>,
): { reads: string[]; writes: string[] } | undefined {
  if (task.fields == null) return { reads: [], writes: [] };
  const declared = compilation.construct(() => task.fields!(options), [...path, 'options']);
  if (declared == null) return undefined;
  const { reads = [], writes = [] } = (declared.value ?? {}) as { reads?: unknown; writes?: unknown };
  const names = (value: unknown) => Array.isArray(value) && value.every((field) => typeof field === 'string');
  if (!names(reads) || !names(writes)) {
    compilation.report(
      [...path, 'task'],
      `task ${reference} is broken: its fields() returned ${JSON.stringify(declared.value)}, not { reads?: string[], writes?: string[] }. This is a bug in the plugin: report it to its authors.`,
    );
    return undefined;
  }
  return { reads: reads as string[], writes: writes as string[] };
}

/** Every field the task requires must come from an earlier stage (not known after a source). */
function checkInputFields(
  compilation: RecipeCompilation,
  task: TaskV1,
  reference: string,
  path: ReadonlyArray<PropertyKey>,
  index: number,
  reads: ReadonlyArray<string>,
): void {
  if (!compilation.upstreamFieldsKnown) return;
  for (const field of new Set([...requiredFields(task.input), ...reads])) {
    if (index === 0) {
      compilation.report(
        [...path, 'task'],
        `${reference} reads the field "${field}", but the first stage receives an empty record. Put a "source" stage (a JSONL seed file) or a generating task before it.`,
      );
    } else {
      const missing = compilation.missingField(field);
      if (missing != null) {
        compilation.report([...path, 'task'], `${reference} reads the field "${field}", but ${missing} Reorder the stages, or add one that produces it.`);
      }
    }
  }
}

function requiredFields(schema: z.ZodType): string[] {
  return (optionsJsonSchema(schema) as { required?: string[] } | null)?.required ?? [];
}

function outputFields(task: TaskV1): string[] {
  try {
    const json = z.toJSONSchema(task.output, { unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
    return Object.keys(json.properties ?? {});
  } catch {
    return [];
  }
}
