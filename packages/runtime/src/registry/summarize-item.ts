import type { FilterModelRolesV1, PromptTemplateV1, TaskV1 } from '@synthkit/core';
import type { z } from 'zod';
import { optionsJsonSchema } from '../recipe/options-json-schema';
import type { RegistryItem } from './create-registry';

/** One property of an object schema (an item's option, a provider's setting), read from its JSON Schema. */
export interface PropertySummary {
  readonly name: string;
  /** JSON Schema type, e.g. `integer`, `string[]`, `"a" | "b"`; `any` when the schema gives none. */
  readonly type: string;
  readonly required: boolean;
  /** The default, when the schema has one. */
  readonly default?: unknown;
  readonly description?: string;
  /** The property's own JSON Schema, for readers that need more than `type` (bounds, formats, nested keys). */
  readonly schema: Readonly<Record<string, unknown>>;
}

/** What `synthkit <kind> list --json` and `show` say about an item, and the recipe reference lists. */
export interface ItemSummary {
  /** `namespace:name`. */
  readonly reference: string;
  readonly description: string;
  /** The name of the plugin package that provides it. */
  readonly plugin: string;
  /** The options' JSON Schema (input side: options with defaults are optional); items without options have none. */
  readonly options?: unknown;
  /** The options, one by one. */
  readonly optionList?: ReadonlyArray<PropertySummary>;
  /** Tasks: the fields read from the input record, required ones first. */
  readonly reads?: ReadonlyArray<string>;
  /** Tasks: the fields added to the record. */
  readonly writes?: ReadonlyArray<string>;
  /**
   * Tasks whose options name fields they read or write (`TaskV1.fields`): the fields with the
   * default options, or `named` when a required option has no default (the recipe names them).
   * Absent for tasks whose fields are their schemas' alone.
   */
  readonly optionFields?: { readonly reads: ReadonlyArray<string>; readonly writes: ReadonlyArray<string> } | 'named';
  /** Tasks, and filters that call models: model roles and what each is for. */
  readonly models?: Readonly<Record<string, string>>;
  /** For a task with reward-model roles: each, with what it is for. */
  readonly rewardModels?: Readonly<Record<string, string>>;
  /** For a task with embedding-model roles: each, with what it is for. */
  readonly embeddingModels?: Readonly<Record<string, string>>;
  /** Tasks, and filters that call models: templates by name, with their placeholders, description and text. */
  readonly templates?: ReadonlyArray<TemplateSummary>;
}

/** One template of a task, as a recipe's `templates.<name>` override sees it. */
export interface TemplateSummary {
  readonly name: string;
  /** The placeholders the task supplies. */
  readonly variables: ReadonlyArray<string>;
  readonly description?: string;
  readonly system?: string;
  readonly user: string;
}

/**
 * Describes a registry item from its own schemas: its options (as JSON Schema and one by one), and
 * for a task the fields it reads and writes, its model roles and its templates. What the CLI's
 * `tasks list` / `tasks show` print and docs/recipe-reference.md is generated from.
 */
export function summarizeItem({ reference, item, plugin }: RegistryItem<object>): ItemSummary {
  const summary: { -readonly [Key in keyof ItemSummary]: ItemSummary[Key] } = {
    reference,
    description: (item as { description: string }).description,
    plugin: plugin.name,
  };
  if ('options' in item) {
    const options = optionsJsonSchema(item.options as z.ZodType);
    summary.options = options;
    summary.optionList = propertySummaries(options);
  }
  if ('run' in item && 'templates' in item) {
    const task = item as unknown as { input: z.ZodType; output: z.ZodType; models: Record<string, string>; templates: Record<string, PromptTemplateV1> };
    const input = propertySummaries(optionsJsonSchema(task.input));
    summary.reads = [...input.filter((field) => field.required), ...input.filter((field) => !field.required)].map((field) => field.name);
    summary.writes = propertySummaries(optionsJsonSchema(task.output)).map((field) => field.name);
    const optionFields = fieldsWithDefaultOptions(item as TaskV1);
    if (optionFields != null) summary.optionFields = optionFields;
    summary.models = task.models;
    const { rewardModels, embeddingModels } = item as TaskV1;
    if (rewardModels != null && Object.keys(rewardModels).length > 0) summary.rewardModels = rewardModels;
    if (embeddingModels != null && Object.keys(embeddingModels).length > 0) summary.embeddingModels = embeddingModels;
    summary.templates = templateSummaries(task.templates);
  } else if ('create' in item && ('models' in item || 'rewardModels' in item || 'embeddingModels' in item || 'templates' in item)) {
    // A filter that calls models: its roles and templates, bound and overridden as a task's.
    const { models, rewardModels, embeddingModels, templates } = item as FilterModelRolesV1;
    if (models != null && Object.keys(models).length > 0) summary.models = models;
    if (rewardModels != null && Object.keys(rewardModels).length > 0) summary.rewardModels = rewardModels;
    if (embeddingModels != null && Object.keys(embeddingModels).length > 0) summary.embeddingModels = embeddingModels;
    if (templates != null && Object.keys(templates).length > 0) summary.templates = templateSummaries(templates);
  }
  return summary;
}

/**
 * The properties of an object JSON Schema (from {@link optionsJsonSchema}), in order: name, type,
 * required, default, description. Anything but an object schema has none.
 */
export function propertySummaries(schema: unknown): PropertySummary[] {
  const object = schema as { properties?: Record<string, Record<string, unknown>>; required?: string[] } | null;
  const required = new Set(object?.required ?? []);
  return Object.entries(object?.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeOf(property),
    required: required.has(name),
    ...('default' in property ? { default: property['default'] } : {}),
    ...(typeof property['description'] === 'string' ? { description: property['description'] } : {}),
    schema: property,
  }));
}

// --- Internal helpers ---

function templateSummaries(templates: Readonly<Record<string, PromptTemplateV1>>): TemplateSummary[] {
  return Object.entries(templates).map(([name, template]) => ({
    name,
    variables: template.variables,
    ...(template.description == null ? {} : { description: template.description }),
    ...(template.system == null ? {} : { system: template.system }),
    user: template.user,
  }));
}

function typeOf(property: Record<string, unknown>): string {
  if (Array.isArray(property['enum'])) return property['enum'].map((value) => JSON.stringify(value)).join(' | ');
  if (property['type'] === 'array') {
    const items = property['items'] as Record<string, unknown> | undefined;
    return `${items == null ? 'any' : typeOf(items)}[]`;
  }
  if (typeof property['type'] === 'string') return property['type'];
  const union = (property['anyOf'] ?? property['oneOf']) as Array<Record<string, unknown>> | undefined;
  if (Array.isArray(union)) return union.map(typeOf).join(' | ');
  return 'any';
}

/** What a task's `fields` says with its default options; see {@link ItemSummary.optionFields}. */
function fieldsWithDefaultOptions(task: TaskV1): ItemSummary['optionFields'] {
  if (typeof task.fields !== 'function') return undefined;
  const defaults = task.options.safeParse({});
  if (!defaults.success) return 'named';
  try {
    const { reads = [], writes = [] } = task.fields(defaults.data);
    return { reads: [...reads], writes: [...writes] };
  } catch {
    return 'named';
  }
}
