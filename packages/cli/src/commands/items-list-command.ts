import type { PromptTemplateV1 } from '@synthkit/core';
import { createRegistry, optionsJsonSchema } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { usageError } from '../usage-error';

/** The item collections `synthkit <collection> list|show` covers. */
export type ListedCollection = 'tasks' | 'filters' | 'modifiers' | 'formatters';

/** One option of an item, read from its schema. */
interface OptionSummary {
  readonly name: string;
  /** JSON Schema type, e.g. `integer`, `string[]`; `any` when the schema gives none. */
  readonly type: string;
  readonly required: boolean;
  /** The default, when the schema has one. */
  readonly default?: unknown;
  readonly description?: string;
}

/** What `list --json` and `show` say about an item. */
interface ItemSummary {
  readonly reference: string;
  readonly description: string;
  readonly plugin: string;
  /** The options' JSON Schema (input side: options with defaults are optional). */
  readonly options?: unknown;
  /** The options, one by one, for the text listing. */
  readonly optionList?: ReadonlyArray<OptionSummary>;
  /** Tasks: the fields read from the input record (required ones first). */
  readonly reads?: ReadonlyArray<string>;
  /** Tasks: the fields added to the record. */
  readonly writes?: ReadonlyArray<string>;
  /** Tasks: model roles and what each is for. */
  readonly models?: Readonly<Record<string, string>>;
  /** Tasks: templates by name, with their placeholders (and text, for `show`). */
  readonly templates?: ReadonlyArray<{ readonly name: string; readonly variables: ReadonlyArray<string>; readonly system?: string; readonly user: string; readonly description?: string }>;
}

/**
 * `synthkit tasks|filters|modifiers|formatters list`: every item of that kind in the installed
 * plugins, with its description, options (type, default, required), and for tasks the fields read
 * and written, model roles and templates with their placeholders (`--json`: the same, options as
 * JSON Schema, templates with their text).
 */
export async function itemsListCommand({ collection, json }: { collection: ListedCollection; json: boolean }, io: CliIo): Promise<ExitCode> {
  const registry = await createRegistry({ directory: io.cwd });
  const items = registry.list(collection).map(({ reference, item, plugin }) => summaryOf(reference, item, plugin.name));
  if (json) {
    io.stdout.write(`${JSON.stringify(items.map(({ optionList: _optionList, ...item }) => item), null, 2)}\n`);
    return exitCodes.ok;
  }
  if (items.length === 0) {
    io.stdout.write(`No ${collection} found: no installed plugin provides any.\n`);
    return exitCodes.ok;
  }
  io.stdout.write(`${items.map((item) => formatItem(item, { templateText: false })).join('\n')}\n`);
  if (collection === 'tasks') io.stdout.write(`See a task's templates with "synthkit tasks show <namespace:task>".\n`);
  return exitCodes.ok;
}

/**
 * `synthkit tasks|filters|modifiers|formatters show <namespace:name>`: one item in full, a task's
 * templates with their text (what a recipe's `templates:` override replaces).
 *
 * @throws NoSuchItemError (exit 2) naming what exists, and the closest reference.
 */
export async function itemShowCommand(
  { collection, reference, json }: { collection: ListedCollection; reference: string; json: boolean },
  io: CliIo,
): Promise<ExitCode> {
  const registry = await createRegistry({ directory: io.cwd });
  const found = registry.get(collection, reference);
  const item = summaryOf(found.reference, found.item, found.plugin.name);
  if (json) {
    const { optionList: _optionList, ...rest } = item;
    io.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  } else {
    io.stdout.write(`${formatItem(item, { templateText: true })}\n`);
  }
  return exitCodes.ok;
}

/** Checks the arguments of `<collection> show`; returns the reference. */
export function showReference(collection: string, positionals: ReadonlyArray<string>): string {
  if (positionals.length !== 1) {
    throw usageError(`"synthkit ${collection} show" takes one reference, e.g. "synthkit ${collection} show nemotron:subtopics".`);
  }
  return positionals[0]!;
}

// --- Internal helpers ---

function summaryOf(reference: string, item: object, plugin: string): ItemSummary {
  const summary: Record<string, unknown> = { reference, description: (item as { description: string }).description, plugin };
  if ('options' in item) {
    const options = optionsJsonSchema(item.options as never);
    summary['options'] = options;
    summary['optionList'] = optionList(options);
  }
  if ('run' in item && 'templates' in item) {
    const task = item as unknown as { input: never; output: never; models: Record<string, string>; templates: Record<string, PromptTemplateV1> };
    const input = optionList(optionsJsonSchema(task.input));
    summary['reads'] = [...input.filter((field) => field.required), ...input.filter((field) => !field.required)].map((field) => field.name);
    summary['writes'] = optionList(optionsJsonSchema(task.output)).map((field) => field.name);
    summary['models'] = task.models;
    summary['templates'] = Object.entries(task.templates).map(([name, template]) => ({
      name,
      variables: template.variables,
      ...(template.description == null ? {} : { description: template.description }),
      ...(template.system == null ? {} : { system: template.system }),
      user: template.user,
    }));
  }
  return summary as unknown as ItemSummary;
}

/** The properties of an object JSON Schema as options: name, type, required, default, description. */
function optionList(schema: unknown): OptionSummary[] {
  const object = schema as { properties?: Record<string, Record<string, unknown>>; required?: string[] } | null;
  const required = new Set(object?.required ?? []);
  return Object.entries(object?.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeOf(property),
    required: required.has(name),
    ...('default' in property ? { default: property['default'] } : {}),
    ...(typeof property['description'] === 'string' ? { description: property['description'] } : {}),
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

/** An item as text: its reference and description, then one indented line per part. */
/** With `templateText` (for `show`), model roles with what each is for, and each template's text. */
function formatItem(item: ItemSummary, { templateText }: { readonly templateText: boolean }): string {
  const lines = [`${item.reference}  ${item.description}`];
  if (item.reads != null) lines.push(`  reads: ${item.reads.join(', ') || 'nothing (a first stage)'}    writes: ${item.writes?.join(', ') || 'nothing'}`);
  if (item.optionList != null) {
    const options = item.optionList.map(
      (option) => `${option.name} (${option.type}${option.required ? ', required' : option.default === undefined ? ', optional' : `, default ${JSON.stringify(option.default)}`})`,
    );
    lines.push(`  options: ${options.join(', ') || 'none'}`);
  }
  if (item.models != null) {
    const roles = Object.entries(item.models).map(([role, what]) => (templateText ? `\n    ${role}: ${what}` : role));
    lines.push(`  models:${roles.length === 0 ? ' none' : templateText ? roles.join('') : ` ${roles.join(', ')}`}`);
  }
  for (const template of item.templates ?? []) {
    lines.push(`  template ${template.name}: {${template.variables.join('}, {')}}${template.description == null ? '' : `  ${template.description}`}`);
    if (templateText) {
      if (template.system != null) lines.push(indent('[system]', 4), indent(template.system, 6));
      lines.push(indent('[user]', 4), indent(template.user, 6));
    }
  }
  return lines.join('\n');
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => `${' '.repeat(spaces)}${line}`.trimEnd())
    .join('\n');
}
