import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  formatIssuePath,
  InvalidRecipeError,
  SynthkitError,
  TemplateError,
  type JsonValue,
  type LanguageModelV1,
  type PromptTemplateV1,
  type ProviderV1,
  type TaskV1,
  type ValidationIssue,
} from '@synthkit/core';
import { z } from 'zod';
import { parseReference, type Registry } from '../registry/create-registry';
import { checkTemplateVariables } from '../template';
import { applyTemplateOverride } from './apply-template-override';
import { optionsJsonSchema } from './options-json-schema';
import type { PlannedModel, PlannedStage, RecipePlan } from './recipe-plan';
import {
  filterStageSchema,
  modifierStageSchema,
  recipeSchema,
  sourceStageSchema,
  taskStageSchema,
  type RecipeDocument,
  type TaskStageDocument,
} from './recipe-schema';
import { mergeGenerationParams, toGenerationParams } from './to-generation-params';
import { resolveEndpointSettings } from '../gateway/endpoint-settings';
import { stableStringify } from '../engine/stable-stringify';

/** Command-line overrides applied while compiling. */
export interface RecipeOverrides {
  /** `provider:modelId` used for every role of every stage (`--model`). */
  readonly model?: string;
  /** The request window (ceiling) of every endpoint (`--concurrency`), over the recipe's `endpoints`. */
  readonly concurrency?: number;
}

/**
 * Records in flight in a filter or modifier stage when the recipe does not say. Task stages default
 * to the largest request window of their models, which keeps those endpoints full.
 */
export const defaultStageConcurrency = 16;

/**
 * Validates a recipe against the loaded plugins and turns it into a plan.
 *
 * Everything is checked before any request: the recipe's shape, every item reference, every
 * stage's options (with the item's own schema), template overrides and their placeholders, the
 * model of every role, provider settings, and that each task's input fields are produced upstream.
 * Providers and models are created here (no network request is made).
 *
 * @throws InvalidRecipeError with every problem found, each with the path of the bad field.
 */
export function compileRecipe({
  document: value,
  registry,
  directory,
  source,
  overrides = {},
}: {
  /** The parsed recipe file (plain value). */
  document: unknown;
  registry: Registry;
  /** Directory of the recipe file; seed paths resolve from it. */
  directory: string;
  source?: string;
  overrides?: RecipeOverrides;
}): RecipePlan {
  const issues: ValidationIssue[] = [];
  const parsed = recipeSchema.safeParse(value);
  if (!parsed.success) throw new InvalidRecipeError({ source, issues: zodIssues(parsed.error, []) });
  const document = parsed.data;
  if (overrides.model != null && parseReference(overrides.model) == null) {
    issues.push({ path: '--model', message: 'must be "provider:model-id", e.g. "openai:gpt-4o-mini"' });
  }

  const providers = new ProviderCache(document, registry, issues);
  const stages: PlannedStage[] = [];
  const names = new Map<string, number>();
  const producedFields = new Set<string>();
  /** Model roles of every task in the recipe, to catch typos in top-level `models` and `params`. */
  const declaredRoles = new Set<string>();
  let rolesKnown = true;
  let upstreamFieldsKnown = true;

  document.stages.forEach((stageValue, index) => {
    const path: PropertyKey[] = ['stages', index];
    const kind = stageKind(stageValue);
    if (kind.error != null) {
      issues.push({ path: formatIssuePath(path), message: kind.error });
      return;
    }
    if (index === 0 && (kind.kind === 'filter' || kind.kind === 'modifier')) {
      issues.push({
        path: formatIssuePath(path),
        message: `the first stage must produce records (a "task" or a "source" file), not a ${kind.kind}.`,
      });
    }
    if (index > 0 && kind.kind === 'source') {
      issues.push({ path: formatIssuePath([...path, 'source']), message: 'a "source" stage can only be the first stage.' });
    }
    const planned = compileStage(kind.kind, stageValue, path, index);
    if (planned == null) return;
    const previous = names.get(planned.name);
    if (previous != null) {
      issues.push({
        path: formatIssuePath([...path, 'name']),
        message: `stage name "${planned.name}" is already used by stages[${previous}]; set a unique "name" on one of them.`,
      });
    }
    names.set(planned.name, index);
    stages.push(planned);
  });

  for (const key of rolesKnown ? (['params', 'models'] as const) : []) {
    for (const role of Object.keys(document[key] ?? {})) {
      if (role !== 'default' && !declaredRoles.has(role)) {
        issues.push({
          path: formatIssuePath([key, role]),
          message: `no task in this recipe has a model role "${role}"; the roles are: default, ${[...declaredRoles].sort().join(', ') || '(none)'}.`,
        });
      }
    }
  }
  checkEndpointKeys(document, registry, providers.referencesUsed(), issues);
  if (issues.length > 0) throw new InvalidRecipeError({ source, issues });

  const configHash = createHash('sha256')
    .update(stableStringify({ recipe: withoutSchedulingSettings(withoutCredentials(document)), overrides: { model: overrides.model } }))
    .digest('hex');
  return {
    source,
    name: document.name ?? 'recipe',
    document,
    seed: document.seed ?? 0,
    configHash,
    stages,
  };

  function compileStage(kind: StageKind, stageValue: unknown, path: PropertyKey[], index: number): PlannedStage | undefined {
    switch (kind) {
      case 'source': {
        const stage = sourceStageSchema.safeParse(stageValue);
        if (!stage.success) return void issues.push(...zodIssues(stage.error, path));
        const seedPath = resolve(directory, stage.data.source);
        if (!existsSync(seedPath)) {
          issues.push({ path: formatIssuePath([...path, 'source']), message: `no file at ${seedPath} (paths are relative to the recipe).` });
        }
        upstreamFieldsKnown = false;
        return { kind: 'source', index, name: stage.data.name ?? 'source', path: seedPath };
      }
      case 'task': {
        const stage = taskStageSchema.safeParse(stageValue);
        if (!stage.success) {
          // Its task (and so its roles and output fields) stays unknown: skip checks that need them.
          rolesKnown = false;
          upstreamFieldsKnown = false;
          return void issues.push(...zodIssues(stage.error, path));
        }
        return compileTaskStage(stage.data, path, index);
      }
      case 'filter': {
        const stage = filterStageSchema.safeParse(stageValue);
        if (!stage.success) return void issues.push(...zodIssues(stage.error, path));
        const found = lookup('filters', stage.data.filter, [...path, 'filter']);
        if (found == null) return undefined;
        const options = parseOptions(found.item.options, stage.data.options, [...path, 'options']);
        if (options === invalid) return undefined;
        const filter = construct(() => found.item.create(options), [...path, 'options']);
        if (filter == null) return undefined;
        return {
          kind: 'filter',
          index,
          name: stage.data.name ?? itemName(found.reference),
          reference: found.reference,
          filter,
          field: stage.data.field ?? 'text',
          invert: stage.data.invert ?? false,
          concurrency: stage.data.concurrency ?? document.concurrency ?? defaultStageConcurrency,
        };
      }
      case 'modifier': {
        const stage = modifierStageSchema.safeParse(stageValue);
        if (!stage.success) return void issues.push(...zodIssues(stage.error, path));
        const found = lookup('modifiers', stage.data.modifier, [...path, 'modifier']);
        if (found == null) return undefined;
        const options = parseOptions(found.item.options, stage.data.options, [...path, 'options']);
        if (options === invalid) return undefined;
        const modifier = construct(() => found.item.create(options), [...path, 'options']);
        if (modifier == null) return undefined;
        return {
          kind: 'modifier',
          index,
          name: stage.data.name ?? itemName(found.reference),
          reference: found.reference,
          modifier,
          field: stage.data.field ?? 'text',
          concurrency: stage.data.concurrency ?? document.concurrency ?? defaultStageConcurrency,
        };
      }
    }
  }

  function compileTaskStage(stage: TaskStageDocument, path: PropertyKey[], index: number): PlannedStage | undefined {
    const found = lookup('tasks', stage.task, [...path, 'task']);
    if (found == null) {
      upstreamFieldsKnown = false;
      rolesKnown = false;
      return undefined;
    }
    const task = found.item as TaskV1;
    const options = parseOptions(task.options, stage.options, [...path, 'options']);

    checkInputFields(task, found.reference, path, index);

    const models: Record<string, PlannedModel> = {};
    for (const role of Object.keys(task.models)) {
      const bound = bindModel(role, stage, path);
      if (bound != null) models[role] = bound;
    }
    for (const role of Object.keys(stage.params ?? {})) {
      if (role !== 'default' && !(role in task.models)) {
        issues.push({
          path: formatIssuePath([...path, 'params', role]),
          message: `task ${found.reference} has no model role "${role}"; set params for one of: default, ${Object.keys(task.models).join(', ') || '(none)'}.`,
        });
      }
    }
    for (const role of Object.keys(task.models)) declaredRoles.add(role);
    for (const role of Object.keys(stage.models ?? {})) {
      if (!(role in task.models)) {
        issues.push({
          path: formatIssuePath([...path, 'models', role]),
          message: `task ${found.reference} has no model role "${role}"; its roles are: ${Object.keys(task.models).join(', ') || 'none'}.`,
        });
      }
    }

    const variables: Record<string, JsonValue> = { ...document.variables, ...stage.variables };
    const templates: Record<string, PromptTemplateV1> = { ...task.templates };
    for (const [templateName, override] of Object.entries(stage.templates ?? {})) {
      const base = task.templates[templateName];
      if (base == null) {
        issues.push({
          path: formatIssuePath([...path, 'templates', templateName]),
          message: `task ${found.reference} has no template "${templateName}"; its templates are: ${Object.keys(task.templates).join(', ')}.`,
        });
        continue;
      }
      templates[templateName] = applyTemplateOverride(base, override);
    }
    for (const [templateName, template] of Object.entries(templates)) {
      const overridden = stage.templates?.[templateName] != null;
      const templatePath = overridden ? [...path, 'templates', templateName] : [...path, 'task'];
      const supplied = [...template.variables, ...Object.keys(variables)];
      try {
        const missing = checkTemplateVariables(template, supplied);
        for (const placeholder of missing) {
          issues.push({
            path: formatIssuePath(templatePath),
            message:
              `template "${templateName}" uses {${placeholder}}, which nothing supplies. ` +
              `The task supplies: ${template.variables.join(', ') || 'nothing'}` +
              `${Object.keys(variables).length > 0 ? `; the recipe supplies: ${Object.keys(variables).join(', ')}` : ''}. ` +
              `Add it under ${formatIssuePath([...path, 'variables'])}, or write {{${placeholder}}} for literal braces.`,
          });
        }
      } catch (error) {
        if (!TemplateError.isInstance(error)) throw error;
        issues.push({ path: formatIssuePath(templatePath), message: error.message });
      }
    }
    if (options === invalid) return undefined;
    for (const field of outputFields(task)) producedFields.add(field);
    return {
      kind: 'task',
      index,
      name: stage.name ?? itemName(found.reference),
      reference: found.reference,
      task,
      options,
      // Enough records in flight to keep the stage's busiest endpoint full on its own.
      concurrency:
        stage.concurrency ??
        document.concurrency ??
        Math.max(1, ...Object.values(models).map((planned) => planned.endpoint.concurrency)),
      models,
      templates,
      variables,
    };
  }

  function bindModel(role: string, stage: TaskStageDocument, path: PropertyKey[]): PlannedModel | undefined {
    const written = stage.models?.[role] ?? document.models?.[role] ?? document.models?.default;
    const reference = overrides.model ?? written;
    const referencePath =
      overrides.model != null
        ? ['--model']
        : stage.models?.[role] != null
          ? [...path, 'models', role]
          : document.models?.[role] != null
            ? ['models', role]
            : ['models', 'default'];
    if (reference == null) {
      issues.push({
        path: formatIssuePath([...path, 'models', role]),
        message: `no model for role "${role}". Set models.default (or models.${role}) at the top of the recipe, or pass --model provider:model-id.`,
      });
      return undefined;
    }
    const model = providers.languageModel(reference, referencePath);
    if (model == null) return undefined;
    const defaultParams = mergeGenerationParams(toGenerationParams(document.params?.default), toGenerationParams(stage.params?.default));
    const roleParams =
      role === 'default'
        ? {}
        : mergeGenerationParams(toGenerationParams(document.params?.[role]), toGenerationParams(stage.params?.[role]));
    const provider = parseReference(reference)?.namespace;
    const endpoint = resolveEndpointSettings(
      [document.endpoints?.['default'], provider == null ? undefined : document.endpoints?.[provider], document.endpoints?.[reference]],
      { concurrency: overrides.concurrency },
    );
    return { reference, model, defaultParams, roleParams, endpoint };
  }

  function checkInputFields(task: TaskV1, reference: string, path: PropertyKey[], index: number) {
    if (!upstreamFieldsKnown) return;
    for (const field of requiredFields(task.input)) {
      if (index === 0) {
        issues.push({
          path: formatIssuePath([...path, 'task']),
          message: `${reference} reads the field "${field}", but the first stage receives an empty record. Put a "source" stage (a JSONL seed file) or a generating task before it.`,
        });
        continue;
      }
      if (!producedFields.has(field)) {
        issues.push({
          path: formatIssuePath([...path, 'task']),
          message: `${reference} reads the field "${field}", which no earlier stage produces (they produce: ${[...producedFields].join(', ') || 'nothing'}). Reorder the stages or add one that produces it.`,
        });
      }
    }
  }

  function lookup<Collection extends 'tasks' | 'filters' | 'modifiers'>(collection: Collection, reference: string, path: PropertyKey[]) {
    try {
      return registry.get(collection, reference);
    } catch (error) {
      issues.push({ path: formatIssuePath(path), message: (error as Error).message });
      return undefined;
    }
  }

  function parseOptions(schema: z.ZodType, options: unknown, path: PropertyKey[]): unknown {
    const result = schema.safeParse(options ?? {});
    if (result.success) return result.data;
    issues.push(...zodIssues(result.error, path));
    return invalid;
  }

  function construct<Item>(create: () => Item, path: PropertyKey[]): Item | undefined {
    try {
      return create();
    } catch (error) {
      issues.push({ path: formatIssuePath(path), message: describeCreationError(error) });
      return undefined;
    }
  }

}

// --- Internal helpers ---

type StageKind = 'source' | 'task' | 'filter' | 'modifier';

const invalid = Symbol('invalid');

const stageKeys: StageKind[] = ['source', 'task', 'filter', 'modifier'];

function stageKind(value: unknown): { kind: StageKind; error?: undefined } | { kind?: undefined; error: string } {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'a stage must be a mapping with one of the keys: task, filter, modifier, source.' };
  }
  const present = stageKeys.filter((key) => key in value);
  if (present.length === 1) return { kind: present[0]! };
  if (present.length === 0) {
    return { error: 'a stage needs one of the keys task, filter, modifier or source (e.g. "task: nemotron:subtopics").' };
  }
  return { error: `a stage can have only one of task, filter, modifier, source; this one has ${present.join(' and ')}.` };
}

/** Synthkit errors explain themselves; anything else thrown by a plugin's factory is a plugin bug. */
function describeCreationError(error: unknown): string {
  if (SynthkitError.isInstance(error)) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `the plugin failed to create it: ${message}`;
}

function itemName(reference: string): string {
  return parseReference(reference)?.name ?? reference;
}

function zodIssues(error: z.ZodError, prefix: ReadonlyArray<PropertyKey>): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = formatIssuePath([...prefix, ...issue.path]);
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}` };
    }
    return { path, message: issue.message };
  });
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

/**
 * The recipe without provider credentials (`apiKey`, `headers`), so the config hash never depends
 * on, or reveals anything about, a key: rotating a key is not a new configuration.
 */
function withoutCredentials(document: RecipeDocument): RecipeDocument {
  if (document.providers == null) return document;
  const providers = Object.fromEntries(
    Object.entries(document.providers).map(([name, settings]) => {
      const { apiKey: _apiKey, headers: _headers, ...rest } = settings;
      return [name, rest];
    }),
  );
  return { ...document, providers };
}

/**
 * The recipe without the settings that change how fast it runs but not what it produces (request
 * windows, budgets, timeouts, retries, records in flight), so changing them keeps the configuration
 * hash and never blocks a `--resume`.
 */
function withoutSchedulingSettings(document: RecipeDocument): unknown {
  const { concurrency: _concurrency, endpoints, ...rest } = document;
  const kept = Object.fromEntries(
    Object.entries(endpoints ?? {}).map(([key, settings]) => [
      key,
      { on_length: settings.on_length, on_content_filter: settings.on_content_filter },
    ]),
  );
  return {
    ...rest,
    endpoints: kept,
    stages: document.stages.map((stage) => {
      const { concurrency: _stageConcurrency, ...stageRest } = stage;
      return stageRest;
    }),
  };
}

/** Reports `endpoints` keys that name nothing: not `default`, a loaded provider, or a model the recipe uses. */
function checkEndpointKeys(document: RecipeDocument, registry: Registry, referencesUsed: ReadonlySet<string>, issues: ValidationIssue[]): void {
  const providerNames = new Set(registry.list('providers').map((provider) => provider.reference));
  for (const key of Object.keys(document.endpoints ?? {})) {
    if (key === 'default' || providerNames.has(key) || referencesUsed.has(key)) continue;
    issues.push({
      path: formatIssuePath(['endpoints', key]),
      message:
        `"${key}" is not "default", a provider (${[...providerNames].join(', ') || 'none loaded'}) ` +
        `or a model this recipe uses (${[...referencesUsed].join(', ') || 'none'}).`,
    });
  }
}

/** Creates each provider once (validating its settings) and each model once. */
class ProviderCache {
  private readonly providers = new Map<string, ProviderV1 | undefined>();
  private readonly models = new Map<string, LanguageModelV1 | undefined>();

  constructor(
    private readonly document: RecipeDocument,
    private readonly registry: Registry,
    private readonly issues: ValidationIssue[],
  ) {
    for (const name of Object.keys(document.providers ?? {})) {
      if (!registry.list('providers').some((provider) => provider.reference === name)) {
        issues.push({
          path: formatIssuePath(['providers', name]),
          message: `no loaded plugin provides a provider named "${name}". Available providers: ${registry.list('providers').map((provider) => provider.reference).join(', ') || 'none'}.`,
        });
      }
    }
  }

  /** Every model reference the recipe binds to a role. */
  referencesUsed(): ReadonlySet<string> {
    return new Set(this.models.keys());
  }

  languageModel(reference: string, path: ReadonlyArray<PropertyKey>): LanguageModelV1 | undefined {
    if (this.models.has(reference)) return this.models.get(reference);
    const parsed = parseReference(reference);
    let model: LanguageModelV1 | undefined;
    if (parsed == null) {
      this.issues.push({ path: formatIssuePath(path), message: 'must be "provider:model-id", e.g. "openai:gpt-4o-mini"' });
    } else {
      const provider = this.provider(parsed.namespace, path);
      if (provider != null) {
        try {
          model = provider.languageModel(parsed.name);
        } catch (error) {
          this.issues.push({ path: formatIssuePath(path), message: (error as Error).message });
        }
      }
    }
    this.models.set(reference, model);
    return model;
  }

  private provider(name: string, path: ReadonlyArray<PropertyKey>): ProviderV1 | undefined {
    if (this.providers.has(name)) return this.providers.get(name);
    let provider: ProviderV1 | undefined;
    try {
      const found = this.registry.get('providers', name);
      const settings = found.item.settings.safeParse(this.document.providers?.[name] ?? {});
      if (!settings.success) {
        this.issues.push(...zodIssues(settings.error, ['providers', name]));
      } else {
        provider = found.item.create(settings.data);
      }
    } catch (error) {
      this.issues.push({ path: formatIssuePath(path), message: describeCreationError(error) });
    }
    this.providers.set(name, provider);
    return provider;
  }
}
