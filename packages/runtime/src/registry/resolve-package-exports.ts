/**
 * What a package's `exports` field gives for an ESM `import` of the package root (`"."`).
 *
 * - `target`: the relative path (starting with `./`) that `import` would load;
 * - `not-exported`: no `"."` entry, or no entry matching the conditions (Node would throw
 *   `ERR_PACKAGE_PATH_NOT_EXPORTED`);
 * - `invalid-target`: the matching entry is not a relative path inside the package (Node would
 *   throw `ERR_INVALID_PACKAGE_TARGET`).
 */
export type PackageExportsResolution =
  | { readonly kind: 'target'; readonly target: string }
  | { readonly kind: 'not-exported' }
  | { readonly kind: 'invalid-target'; readonly target: unknown };

/**
 * The conditions Node (20.19 and later) matches for an ESM `import`. `default` always matches.
 * Node also sets `module-sync` since 20.19, so a package exporting it gets that file first.
 */
export const importConditions: ReadonlySet<string> = new Set(['import', 'module-sync', 'node', 'default']);

/**
 * Resolves the `"."` entry of a package.json `exports` field the way Node's ESM resolver does
 * (PACKAGE_EXPORTS_RESOLVE with the conditions of an `import`):
 *
 * - a string, an array, or an object without `.`-keys is the `"."` entry itself; otherwise the
 *   `"."` key is used;
 * - condition objects are walked in object order, taking the first key that is `import`,
 *   `module-sync`, `node` or `default` and resolves (`types`, `browser`, `require`... are skipped);
 *   nested condition objects are resolved the same way;
 * - arrays are fallbacks: the first entry that resolves to a valid target wins (invalid targets
 *   and non-matching conditions are skipped). As in Node, files are not checked for existence;
 * - `null` excludes the entry.
 *
 * Unlike Node, when no entry matches an `import`, the resolution is tried once more with `require`
 * as an extra condition, as a last resort: a CommonJS-only plugin (`{ "require": "./index.cjs" }`)
 * can still be loaded with `import()` of that file path.
 */
export function resolvePackageExports(exportsField: unknown): PackageExportsResolution {
  const mainExport = mainExportOf(exportsField);
  if (mainExport === undefined) return { kind: 'not-exported' };
  for (const conditions of [importConditions, lastResortConditions]) {
    const resolved = resolveTarget(mainExport, conditions);
    if (resolved instanceof InvalidTarget) return { kind: 'invalid-target', target: resolved.target };
    if (typeof resolved === 'string') return { kind: 'target', target: resolved };
  }
  return { kind: 'not-exported' };
}

// --- Internal helpers ---

const lastResortConditions: ReadonlySet<string> = new Set([...importConditions, 'require']);

/** A target Node rejects with ERR_INVALID_PACKAGE_TARGET. */
class InvalidTarget {
  constructor(readonly target: unknown) {}
}

/** `undefined`: no matching condition; `null`: explicitly excluded. */
type TargetResolution = string | null | undefined | InvalidTarget;

function mainExportOf(exportsField: unknown): unknown {
  if (exportsField == null) return undefined;
  if (typeof exportsField !== 'object' || Array.isArray(exportsField)) return exportsField;
  const record = exportsField as Record<string, unknown>;
  if (Object.keys(record).some((key) => key.startsWith('.'))) return record['.'];
  return record;
}

function resolveTarget(target: unknown, conditions: ReadonlySet<string>): TargetResolution {
  if (typeof target === 'string') return isValidTarget(target) ? target : new InvalidTarget(target);
  if (target === null) return null;
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let last: TargetResolution = undefined;
    for (const fallback of target) {
      const resolved = resolveTarget(fallback, conditions);
      if (resolved === undefined) continue;
      if (resolved === null || resolved instanceof InvalidTarget) {
        last = resolved;
        continue;
      }
      return resolved;
    }
    return last;
  }
  if (typeof target === 'object') {
    for (const [condition, value] of Object.entries(target as Record<string, unknown>)) {
      if (!conditions.has(condition)) continue;
      const resolved = resolveTarget(value, conditions);
      if (resolved === undefined) continue;
      return resolved;
    }
    return undefined;
  }
  return new InvalidTarget(target);
}

/** A relative path starting with `./` with no empty, `.`, `..` or `node_modules` segment after it. */
function isValidTarget(target: string): boolean {
  if (!target.startsWith('./')) return false;
  return target
    .slice(2)
    .split(/[\\/]/)
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..' && segment.toLowerCase() !== 'node_modules');
}
