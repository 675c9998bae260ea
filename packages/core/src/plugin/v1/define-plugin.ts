import { PluginLoadError } from '../../errors/plugin-load-error';
import { formatIssuePath, type ValidationIssue } from '../../errors/validation-issue';
import type { PluginV1 } from './plugin-v1';
import { pluginV1Schema } from './plugin-v1-schema';

/**
 * Validates a plugin manifest and returns it unchanged. Default-export the result from a plugin
 * package:
 *
 * ```ts
 * export default definePlugin({
 *   specificationVersion: 'v1',
 *   meta: { name: '@acme/synthkit-plugin-x', version: '1.0.0', namespace: 'acme' },
 *   filters: { 'no-emoji': noEmojiFilter },
 * });
 * ```
 *
 * Validating here (not only in the loader) makes a broken manifest fail in the author's own tests.
 *
 * @throws PluginLoadError (`failure: 'invalid-manifest'`) listing every problem with its path.
 */
export function definePlugin<const Plugin extends PluginV1>(plugin: Plugin): Plugin {
  const issues = validatePluginManifest(plugin);
  if (issues.length > 0) {
    const name = (plugin as { meta?: { name?: unknown } } | undefined)?.meta?.name;
    throw new PluginLoadError({
      specifier: typeof name === 'string' ? name : '<inline>',
      failure: 'invalid-manifest',
      message: 'the object passed to definePlugin is not a valid synthkit plugin.',
      issues,
    });
  }
  return plugin;
}

/** Checks a value against the plugin manifest schema; returns the problems (empty when valid). */
export function validatePluginManifest(value: unknown): ValidationIssue[] {
  const result = pluginV1Schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.message,
  }));
}
