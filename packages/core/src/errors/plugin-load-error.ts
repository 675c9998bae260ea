import { SynthkitError } from './synthkit-error';
import { formatIssues, type ValidationIssue } from './validation-issue';

const name = 'SYNTHKIT_PluginLoadError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/** Why a plugin could not be loaded. */
export type PluginLoadFailure =
  /** The specifier resolved to nothing. */
  | 'not-found'
  /** The module was found but importing it threw. */
  | 'import-failed'
  /** The module's default export is not a valid plugin manifest. */
  | 'invalid-manifest'
  /** The manifest's `specificationVersion` is one this runtime does not support. */
  | 'unsupported-specification-version'
  /** Two plugins claim the same namespace, or the same item name. */
  | 'conflict';

/**
 * A plugin could not be found, imported or validated. The message names the specifier, every path
 * that was tried, what was expected and, for manifests, each schema issue.
 */
export class PluginLoadError extends SynthkitError {
  private readonly [symbol] = true;

  /** What the user wrote: a package name, a relative path, or `<inline>` for an object passed in code. */
  readonly specifier: string;
  readonly failure: PluginLoadFailure;
  /** Absolute paths and package lookups that were tried, in order. */
  readonly tried: ReadonlyArray<string>;
  /** The resolved module path, when resolution got that far. */
  readonly resolvedPath: string | undefined;
  /** Schema issues of an invalid manifest. */
  readonly issues: ReadonlyArray<ValidationIssue>;

  constructor({
    specifier,
    failure,
    message,
    tried = [],
    resolvedPath,
    issues = [],
    cause,
  }: {
    specifier: string;
    failure: PluginLoadFailure;
    message: string;
    tried?: ReadonlyArray<string>;
    resolvedPath?: string;
    issues?: ReadonlyArray<ValidationIssue>;
    cause?: unknown;
  }) {
    const details = [
      message,
      resolvedPath == null ? undefined : `Resolved to: ${resolvedPath}`,
      tried.length === 0 ? undefined : `Tried:\n${tried.map((entry) => `  - ${entry}`).join('\n')}`,
      issues.length === 0 ? undefined : `Problems:\n${formatIssues(issues)}`,
    ].filter((line) => line != null);
    super({ name, message: `Plugin "${specifier}": ${details.join('\n')}`, cause });
    this.specifier = specifier;
    this.failure = failure;
    this.tried = tried;
    this.resolvedPath = resolvedPath;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is PluginLoadError {
    return SynthkitError.hasMarker(error, marker);
  }
}
