import { pathToFileURL } from 'node:url';
import { PluginLoadError, validatePluginManifest, type PluginV1 } from '@synthkit/core';
import type { PluginSource } from './plugin-source';
import { resolvePluginModule } from './resolve-plugin-module';

/** A plugin that passed validation, with where it came from. */
export interface LoadedPlugin {
  readonly plugin: PluginV1;
  readonly source: PluginSource;
}

/** Specification versions this runtime can load. */
export const supportedSpecificationVersions = ['v1'] as const;

/**
 * Resolves, imports and validates one plugin.
 *
 * Steps: resolve the specifier from `fromDirectory` (see `resolvePluginModule`), `import()` it,
 * unwrap `default` (twice, for CommonJS modules compiled from ESM), check `specificationVersion`,
 * validate the manifest with zod, and check that `meta.name` / `meta.version` match the package.json.
 *
 * @throws PluginLoadError naming the specifier, the paths tried and what was expected.
 */
export async function loadPlugin(
  specifier: string,
  { fromDirectory, kind = 'specifier', listedIn }: { fromDirectory: string; kind?: PluginSource['kind']; listedIn?: string },
): Promise<LoadedPlugin> {
  // A discovered dependency is an exact package name; only names the user wrote may be short names.
  const resolved = resolvePluginModule(specifier, fromDirectory, { expandShortNames: kind !== 'dependency' });
  let moduleNamespace: unknown;
  try {
    moduleNamespace = await import(pathToFileURL(resolved.path).href);
  } catch (error) {
    throw new PluginLoadError({
      specifier,
      failure: 'import-failed',
      message: `importing the module threw: ${(error as Error)?.message ?? String(error)}`,
      resolvedPath: resolved.path,
      cause: error,
    });
  }
  const plugin = validatePluginObject(unwrapDefault(moduleNamespace), { specifier, resolvedPath: resolved.path });
  const packageJson = resolved.packageJson;
  if (packageJson?.name != null && packageJson.name !== plugin.meta.name) {
    throw new PluginLoadError({
      specifier,
      failure: 'invalid-manifest',
      message: `meta.name "${plugin.meta.name}" does not match the package name "${packageJson.name}". Set meta.name to the package name.`,
      resolvedPath: resolved.path,
    });
  }
  if (packageJson?.version != null && packageJson.version !== plugin.meta.version) {
    throw new PluginLoadError({
      specifier,
      failure: 'invalid-manifest',
      message: `meta.version "${plugin.meta.version}" does not match the package version "${packageJson.version}". Inject the version at build time instead of writing it by hand.`,
      resolvedPath: resolved.path,
    });
  }
  return {
    plugin,
    source: { kind, specifier, path: resolved.path, ...(listedIn == null ? {} : { listedIn }) },
  };
}

/**
 * Checks that a value is a plugin this runtime supports: an object whose `specificationVersion`
 * is supported and whose manifest passes the zod schema.
 *
 * @throws PluginLoadError (`unsupported-specification-version` or `invalid-manifest`).
 */
export function validatePluginObject(
  value: unknown,
  { specifier, resolvedPath }: { specifier: string; resolvedPath?: string },
): PluginV1 {
  const where = resolvedPath == null ? {} : { resolvedPath };
  if (value == null || typeof value !== 'object') {
    throw new PluginLoadError({
      specifier,
      failure: 'invalid-manifest',
      message: `expected the module to default-export a plugin object made with definePlugin() from @synthkit/core, got ${describeValue(value)}.`,
      ...where,
    });
  }
  const version = (value as { specificationVersion?: unknown }).specificationVersion;
  if (version !== undefined && !supportedSpecificationVersions.includes(version as 'v1')) {
    throw new PluginLoadError({
      specifier,
      failure: 'unsupported-specification-version',
      message: `specificationVersion ${JSON.stringify(version)} is not supported by this runtime (supported: ${supportedSpecificationVersions.join(', ')}). Upgrade @synthkit/runtime or use a plugin version built for specification v1.`,
      ...where,
    });
  }
  const issues = validatePluginManifest(value);
  if (issues.length > 0) {
    throw new PluginLoadError({
      specifier,
      failure: 'invalid-manifest',
      message: 'the default export is not a valid synthkit plugin manifest.',
      issues,
      ...where,
    });
  }
  return value as PluginV1;
}

// --- Internal helpers ---

function unwrapDefault(moduleNamespace: unknown): unknown {
  if (moduleNamespace != null && typeof moduleNamespace === 'object' && !('default' in moduleNamespace)) {
    return 'specificationVersion' in moduleNamespace ? moduleNamespace : undefined;
  }
  let value = moduleNamespace;
  for (let depth = 0; depth < 2; depth++) {
    if (value != null && typeof value === 'object' && 'default' in value && !('specificationVersion' in value)) {
      value = (value as { default: unknown }).default;
    }
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (no default export)';
  return typeof value;
}
