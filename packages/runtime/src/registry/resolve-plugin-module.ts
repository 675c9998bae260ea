import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { PluginLoadError } from '@synthkit/core';

/** A plugin specifier resolved to a file that can be imported. */
export interface ResolvedPluginModule {
  /** Absolute path of the module to import. */
  readonly path: string;
  /** The package's directory and package.json contents, when the specifier named a package. */
  readonly packageDirectory?: string;
  readonly packageJson?: PackageJson;
}

/** The package.json fields the loader reads. */
export interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly main?: string;
  readonly module?: string;
  readonly exports?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly synthkit?: { readonly plugin?: boolean };
}

/**
 * Resolves a plugin specifier the way Node resolves an ESM import, but keeps every path it tried
 * so a failure can list them.
 *
 * - `./x.js`, `../x`, `/abs/x.mjs`: a file relative to `fromDirectory` (extensions `.js`, `.mjs`,
 *   `.cjs` are tried when omitted; a directory means its package.json entry or `index.js`).
 * - anything else is a package name, looked up in `node_modules` folders from `fromDirectory` up
 *   to the root. When not found, the shorthands `@synthkit/<name>` and `synthkit-plugin-<name>` are
 *   tried too (so `tasks-nemotron` finds `@synthkit/tasks-nemotron`).
 *
 * @throws PluginLoadError with `failure: 'not-found'` and the list of tried paths.
 */
export function resolvePluginModule(specifier: string, fromDirectory: string): ResolvedPluginModule {
  const tried: string[] = [];
  if (isPathSpecifier(specifier)) {
    const base = isAbsolute(specifier) ? specifier : resolve(fromDirectory, specifier);
    if (/\.(c|m)?tsx?$/.test(base)) {
      throw new PluginLoadError({
        specifier,
        failure: 'not-found',
        message:
          'TypeScript plugin files cannot be imported directly on Node 20. Compile the plugin to JavaScript ' +
          '(e.g. with tsup or tsc) and list the .js file, or publish it as a package.',
        tried: [base],
      });
    }
    const found = resolveFile(base, tried);
    if (found != null) return found;
    throw new PluginLoadError({
      specifier,
      failure: 'not-found',
      message: `no file or directory at that path (relative paths are resolved from ${fromDirectory}).`,
      tried,
    });
  }

  const candidates = packageNameCandidates(specifier);
  for (const name of candidates) {
    const packageDirectory = findPackageDirectory(name, fromDirectory, tried);
    if (packageDirectory == null) continue;
    const packageJson = readPackageJson(join(packageDirectory, 'package.json'));
    const entry = packageEntry(packageDirectory, packageJson);
    tried.push(entry);
    if (!existsSync(entry)) {
      throw new PluginLoadError({
        specifier,
        failure: 'not-found',
        message: `package "${name}" is installed at ${packageDirectory} but its entry file does not exist. Build the package (its "exports"/"main" point at a missing file).`,
        tried,
      });
    }
    return { path: entry, packageDirectory, packageJson };
  }
  throw new PluginLoadError({
    specifier,
    failure: 'not-found',
    message: `no installed package named ${candidates.map((name) => `"${name}"`).join(' or ')}. Install it next to your recipe (npm install ${specifier}) or check the spelling.`,
    tried,
  });
}

/** Reads and parses a package.json; throws a plain Error naming the file when it is not JSON. */
export function readPackageJson(path: string): PackageJson {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as PackageJson;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Finds `node_modules/<name>` from `fromDirectory` up to the file-system root, recording each
 * directory looked at in `tried`. Returns the package directory or undefined.
 */
export function findPackageDirectory(name: string, fromDirectory: string, tried: string[] = []): string | undefined {
  let directory = resolve(fromDirectory);
  for (;;) {
    const candidate = join(directory, 'node_modules', name);
    tried.push(join(candidate, 'package.json'));
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Finds the nearest package.json at or above `fromDirectory`. */
export function findNearestPackageJson(fromDirectory: string): string | undefined {
  let directory = resolve(fromDirectory);
  for (;;) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

// --- Internal helpers ---

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || isAbsolute(specifier);
}

function packageNameCandidates(specifier: string): string[] {
  if (specifier.startsWith('@') || specifier.startsWith('synthkit-plugin-')) return [specifier];
  return [specifier, `@synthkit/${specifier}`, `synthkit-plugin-${specifier}`];
}

function resolveFile(base: string, tried: string[]): ResolvedPluginModule | undefined {
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`]) {
    tried.push(candidate);
    if (!existsSync(candidate)) continue;
    if (statSync(candidate).isDirectory()) {
      const packageJsonPath = join(candidate, 'package.json');
      if (existsSync(packageJsonPath)) {
        const packageJson = readPackageJson(packageJsonPath);
        const entry = packageEntry(candidate, packageJson);
        tried.push(entry);
        if (existsSync(entry)) return { path: entry, packageDirectory: candidate, packageJson };
        continue;
      }
      const index = join(candidate, 'index.js');
      tried.push(index);
      if (existsSync(index)) return { path: index };
      continue;
    }
    return { path: candidate };
  }
  return undefined;
}

/** The file an ESM `import` of the package root would load: exports["."] (import/node/default), then module, main, index.js. */
function packageEntry(packageDirectory: string, packageJson: PackageJson): string {
  const fromExports = exportTarget(packageJson.exports);
  const relative = fromExports ?? packageJson.module ?? packageJson.main ?? 'index.js';
  return resolve(packageDirectory, relative);
}

function exportTarget(exportsField: unknown): string | undefined {
  if (typeof exportsField === 'string') return exportsField;
  if (exportsField == null || typeof exportsField !== 'object') return undefined;
  const record = exportsField as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.some((key) => key.startsWith('.'))) return exportTarget(record['.']);
  for (const condition of ['import', 'node', 'default', 'require']) {
    if (condition in record) {
      const target = exportTarget(record[condition]);
      if (target != null) return target;
    }
  }
  return undefined;
}
