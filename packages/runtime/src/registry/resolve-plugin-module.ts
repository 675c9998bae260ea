import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { InvalidArgumentError, PluginLoadError } from '@synthkit/core';
import { importConditions, resolvePackageExports } from './resolve-package-exports';

/** A plugin specifier resolved to a file that can be imported. */
export interface ResolvedPluginModule {
  /** Absolute path of the module to import. */
  readonly path: string;
  /** The package's directory, when the specifier named a package. */
  readonly packageDirectory?: string;
  /** The package's package.json contents, when the specifier named a package. */
  readonly packageJson?: PackageJson;
}

/** The package.json fields the loader reads. */
export interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly main?: string;
  /** Bundlers' ESM entry; never used to load a plugin, because Node ignores it. */
  readonly module?: string;
  readonly exports?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly synthkit?: { readonly plugin?: boolean };
}

/** Options of {@link resolvePluginModule}. */
export interface ResolvePluginModuleOptions {
  /**
   * Whether a bare name may be a short name: `keywords` is looked up as `@synthkit/keywords`, then
   * `synthkit-plugin-keywords`, then `keywords`. Default true. Set it to false for a name that is
   * known to be an exact package name (a discovered dependency).
   */
  readonly expandShortNames?: boolean;
}

/**
 * Resolves a plugin specifier the way Node resolves an ESM import, but keeps every path it tried
 * so a failure can list them.
 *
 * - `./x.js`, `../x`, `/abs/x.mjs`: a file relative to `fromDirectory` (extensions `.js`, `.mjs`,
 *   `.cjs` are tried when omitted; a directory means its package.json entry or `index.js`).
 * - anything else is a package name, looked up in `node_modules` folders from `fromDirectory` up
 *   to the root. A name that is neither scoped nor starts with `synthkit-plugin-` is a short name:
 *   `@synthkit/<name>` is tried first, then `synthkit-plugin-<name>`, then the bare `<name>` (so
 *   `keywords` finds a synthkit plugin before the unrelated npm package `keywords`, which may be
 *   hoisted into node_modules).
 * - a package's entry is what an ESM `import` of it loads: its `exports` `"."` entry (see
 *   {@link resolvePackageExports}), or without `exports` its `main` (Node's legacy lookup:
 *   `main`, `main.js`, `main/index.js`), then `index.js`. The `module` field is ignored, as Node
 *   ignores it.
 *
 * @throws PluginLoadError with `failure: 'not-found'` and the list of tried paths when nothing is
 *   found or the package has no usable entry, or `failure: 'invalid-manifest'` when the plugin's
 *   package.json is not a JSON object.
 */
export function resolvePluginModule(
  specifier: string,
  fromDirectory: string,
  { expandShortNames = true }: ResolvePluginModuleOptions = {},
): ResolvedPluginModule {
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
    const found = resolveFile(base, { specifier, tried });
    if (found != null) return found;
    throw new PluginLoadError({
      specifier,
      failure: 'not-found',
      message: `no file or directory at that path (relative paths are resolved from ${fromDirectory}).`,
      tried,
    });
  }

  const candidates = expandShortNames ? packageNameCandidates(specifier) : [specifier];
  for (const name of candidates) {
    const packageDirectory = findPackageDirectory(name, fromDirectory, tried);
    if (packageDirectory == null) continue;
    const packageJson = readPluginPackageJson(join(packageDirectory, 'package.json'), { specifier, tried });
    const entry = packageEntry(packageDirectory, packageJson, { specifier, tried });
    if (!isFile(entry)) {
      throw new PluginLoadError({
        specifier,
        failure: 'not-found',
        message: `package "${name}" is installed at ${packageDirectory} but its entry file ${entry} does not exist. Build the package (its "exports"/"main" point at a missing file).`,
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

/**
 * Reads and parses a package.json (a project's, or any package's).
 *
 * @throws InvalidArgumentError (argument `package.json`, so the CLI exits 2) naming the file and
 *   the JSON error when the file is not a JSON object; the parse error is kept as `cause`.
 */
export function readPackageJson(path: string): PackageJson {
  const parsed = parsePackageJson(path);
  if (parsed.ok) return parsed.packageJson;
  throw new InvalidArgumentError({
    argument: 'package.json',
    message: `${path} ${parsed.problem}. Fix the file (a trailing comma, a missing quote or an unresolved merge conflict are the usual causes), or reinstall the package if it is inside node_modules.`,
    cause: parsed.cause,
  });
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

interface ResolutionContext {
  /** What the user wrote, for error messages. */
  readonly specifier: string;
  /** Every path looked at so far; appended to. */
  readonly tried: string[];
}

type PackageJsonParse =
  | { readonly ok: true; readonly packageJson: PackageJson }
  | { readonly ok: false; readonly problem: string; readonly cause?: unknown };

function parsePackageJson(path: string): PackageJsonParse {
  const text = readFileSync(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `is not valid JSON: ${(error as Error).message}`, cause: error };
  }
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: `is not a JSON object (it holds ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})` };
  }
  return { ok: true, packageJson: value as PackageJson };
}

/** Reads a plugin package's own package.json; a broken one is the plugin's fault, so a PluginLoadError. */
function readPluginPackageJson(path: string, { specifier, tried }: ResolutionContext): PackageJson {
  const parsed = parsePackageJson(path);
  if (parsed.ok) return parsed.packageJson;
  throw new PluginLoadError({
    specifier,
    failure: 'invalid-manifest',
    message: `the plugin's package.json at ${path} ${parsed.problem}. Fix that file, or reinstall the package if it is inside node_modules.`,
    tried,
    ...(parsed.cause === undefined ? {} : { cause: parsed.cause }),
  });
}

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || isAbsolute(specifier);
}

function packageNameCandidates(specifier: string): string[] {
  if (specifier.startsWith('@') || specifier.startsWith('synthkit-plugin-')) return [specifier];
  return [`@synthkit/${specifier}`, `synthkit-plugin-${specifier}`, specifier];
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function resolveFile(base: string, context: ResolutionContext): ResolvedPluginModule | undefined {
  const { tried } = context;
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`]) {
    tried.push(candidate);
    if (!existsSync(candidate)) continue;
    if (statSync(candidate).isDirectory()) {
      const packageJsonPath = join(candidate, 'package.json');
      if (existsSync(packageJsonPath)) {
        const packageJson = readPluginPackageJson(packageJsonPath, context);
        const entry = packageEntry(candidate, packageJson, context);
        if (isFile(entry)) return { path: entry, packageDirectory: candidate, packageJson };
        continue;
      }
      const index = join(candidate, 'index.js');
      tried.push(index);
      if (isFile(index)) return { path: index };
      continue;
    }
    return { path: candidate };
  }
  return undefined;
}

/**
 * The file an ESM `import` of the package root would load, added to `tried`: the `exports` `"."`
 * entry when there is an `exports` field, else the first existing of `main`, `main.js`,
 * `main/index.js` and `index.js` (Node's legacy main lookup, without the `.json`/`.node` files a
 * plugin cannot be). When none exists, the first candidate is returned for the caller to report.
 * `module` is never read: Node does not read it.
 *
 * @throws PluginLoadError (`not-found`) when `exports` has no entry an `import` can use.
 */
function packageEntry(packageDirectory: string, packageJson: PackageJson, { specifier, tried }: ResolutionContext): string {
  if (packageJson.exports != null) {
    const resolution = resolvePackageExports(packageJson.exports);
    if (resolution.kind === 'target') {
      const entry = resolve(packageDirectory, resolution.target);
      tried.push(entry);
      return entry;
    }
    const packageJsonPath = join(packageDirectory, 'package.json');
    throw new PluginLoadError({
      specifier,
      failure: 'not-found',
      message:
        resolution.kind === 'invalid-target'
          ? `the "exports" of ${packageJsonPath} point at ${JSON.stringify(resolution.target)}, which is not a valid target: targets must be relative paths starting with "./" that stay inside the package.`
          : `the "exports" of ${packageJsonPath} have no "." entry that an ESM import can use (conditions: ${[...importConditions].join(', ')}; require as a last resort). Add one, e.g. "exports": { ".": { "import": "./index.js" } }.`,
      tried,
    });
  }
  const main = typeof packageJson.main === 'string' && packageJson.main !== '' ? packageJson.main : undefined;
  const relativeCandidates = [...(main == null ? [] : [main, `${main}.js`, join(main, 'index.js')]), 'index.js'];
  const candidates = [...new Set(relativeCandidates.map((relative) => resolve(packageDirectory, relative)))];
  for (const candidate of candidates) {
    tried.push(candidate);
    if (isFile(candidate)) return candidate;
  }
  return candidates[0]!;
}
