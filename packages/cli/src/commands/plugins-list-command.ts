import { pluginItemCollections } from '@synthkit/core';
import { createRegistry } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';

/**
 * `synthkit plugins list`: the plugins installed for the project in the working directory (the
 * direct dependencies of the nearest package.json that declare `"synthkit": { "plugin": true }`),
 * with name, version, namespace, kinds and where each was found. A broken plugin fails the command
 * with exit code 2 and a message naming the problem.
 */
export async function pluginsListCommand({ json }: { json: boolean }, io: CliIo): Promise<ExitCode> {
  const registry = await createRegistry({ directory: io.cwd });
  const plugins = registry.plugins.map(({ plugin, source }) => ({
    name: plugin.meta.name,
    version: plugin.meta.version,
    namespace: plugin.meta.namespace,
    kinds: pluginItemCollections.filter((collection) => Object.keys(plugin[collection] ?? {}).length > 0),
    items: Object.fromEntries(
      pluginItemCollections
        .filter((collection) => Object.keys(plugin[collection] ?? {}).length > 0)
        .map((collection) => [collection, Object.keys(plugin[collection] ?? {})]),
    ),
    source,
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(plugins, null, 2)}\n`);
    return exitCodes.ok;
  }
  if (plugins.length === 0) {
    io.stdout.write('No synthkit plugins found. Install one next to your recipe, e.g. npm install @synthkit/provider-openai\n');
    return exitCodes.ok;
  }
  for (const plugin of plugins) {
    io.stdout.write(
      `${plugin.name}@${plugin.version}  namespace ${plugin.namespace}  [${plugin.kinds.join(', ')}]\n` +
        `  found: ${plugin.source.kind === 'dependency' ? `dependency in ${plugin.source.listedIn}` : plugin.source.specifier}` +
        `${plugin.source.path == null ? '' : ` (${plugin.source.path})`}\n`,
    );
  }
  return exitCodes.ok;
}
