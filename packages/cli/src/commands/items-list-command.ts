import { createRegistry, summarizeItem, type ItemSummary } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { usageError } from '../usage-error';

/** The item collections `synthkit <collection> list|show` covers. */
export type ListedCollection = 'tasks' | 'filters' | 'modifiers' | 'formatters';

/**
 * `synthkit tasks|filters|modifiers|formatters list`: every item of that kind in the installed
 * plugins, with its description, options (type, default, required), and for tasks the fields read
 * and written, model roles and templates with their placeholders (`--json`: the same, options as
 * JSON Schema, templates with their text).
 */
export async function itemsListCommand({ collection, json }: { collection: ListedCollection; json: boolean }, io: CliIo): Promise<ExitCode> {
  const registry = await createRegistry({ directory: io.cwd });
  const items = registry.list(collection).map((found) => summarizeItem(found));
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
  const item = summarizeItem(registry.get(collection, reference));
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

/** An item as text: its reference and description, then one indented line per part. */
/** With `templateText` (for `show`), model roles with what each is for, and each template's text. */
function formatItem(item: ItemSummary, { templateText }: { readonly templateText: boolean }): string {
  const lines = [`${item.reference}  ${item.description}`];
  if (item.reads != null) {
    const named = item.optionFields;
    const side = (schema: ReadonlyArray<string>, fromOptions: ReadonlyArray<string> | undefined, none: string) =>
      named === 'named'
        ? [...schema, 'the fields its options name'].join(', ')
        : `${[...schema, ...(fromOptions ?? [])].join(', ') || none}${(fromOptions?.length ?? 0) > 0 ? ' (set by its options)' : ''}`;
    const reads = side(item.reads, named === 'named' ? undefined : named?.reads, 'nothing (a first stage)');
    const writes = side(item.writes ?? [], named === 'named' ? undefined : named?.writes, 'nothing');
    lines.push(`  reads: ${reads}    writes: ${writes}`);
  }
  if (item.optionList != null) {
    const options = item.optionList.map(
      (option) => `${option.name} (${option.type}${option.required ? ', required' : option.default === undefined ? ', optional' : `, default ${JSON.stringify(option.default)}`})`,
    );
    if (templateText && options.length > 0) {
      // `show`: one option per line, with what it does.
      lines.push('  options:', ...item.optionList.map((option, index) => `    ${options[index]}${option.description == null ? '' : `  ${option.description}`}`));
    } else {
      lines.push(`  options: ${options.join(', ') || 'none'}`);
    }
  }
  if (item.models != null) {
    const roles = Object.entries(item.models).map(([role, what]) => (templateText ? `\n    ${role}: ${what}` : role));
    lines.push(`  models:${roles.length === 0 ? ' none' : templateText ? roles.join('') : ` ${roles.join(', ')}`}`);
  }
  for (const [label, declared] of [
    ['reward models', item.rewardModels],
    ['embedding models', item.embeddingModels],
  ] as const) {
    if (declared == null) continue;
    const roles = Object.entries(declared).map(([role, what]) => (templateText ? `\n    ${role}: ${what}` : role));
    lines.push(`  ${label}:${templateText ? roles.join('') : ` ${roles.join(', ')}`}`);
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
