import { createRegistry, optionsJsonSchema } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';

/**
 * `synthkit tasks list` / `synthkit filters list` / `synthkit formatters list`: every task, filter
 * or conversation formatter of the installed plugins, with its description and, for tasks and
 * filters, its options (as JSON Schema in `--json`).
 */
export async function itemsListCommand(
  { collection, json }: { collection: 'tasks' | 'filters' | 'formatters'; json: boolean },
  io: CliIo,
): Promise<ExitCode> {
  const registry = await createRegistry({ directory: io.cwd });
  const items = registry.list(collection).map(({ reference, item, plugin }) => ({
    reference,
    description: item.description,
    plugin: plugin.name,
    ...('options' in item ? { options: optionsJsonSchema(item.options) } : {}),
    ...(collection === 'tasks' && 'models' in item
      ? { models: item.models, templates: Object.keys(item.templates) }
      : {}),
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    return exitCodes.ok;
  }
  if (items.length === 0) {
    io.stdout.write(`No ${collection} found: no installed plugin provides any.\n`);
    return exitCodes.ok;
  }
  const width = Math.max(...items.map((item) => item.reference.length));
  for (const item of items) io.stdout.write(`${item.reference.padEnd(width)}  ${item.description}\n`);
  return exitCodes.ok;
}
