import { SynthkitError } from './synthkit-error';
import { formatIssues, type ValidationIssue } from './validation-issue';

const name = 'SYNTHKIT_InvalidRecipeError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A recipe failed validation. Raised before any model request is made; every issue carries the
 * path of the bad field (`stages[2].options.n_subtopics`).
 */
export class InvalidRecipeError extends SynthkitError {
  private readonly [symbol] = true;

  /** The recipe file, when it came from one. */
  readonly source: string | undefined;
  readonly issues: ReadonlyArray<ValidationIssue>;

  constructor({ source, issues }: { source?: string; issues: ReadonlyArray<ValidationIssue> }) {
    const where = source == null ? 'Recipe' : `Recipe ${source}`;
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super({ name, message: `${where} is invalid (${count}):\n${formatIssues(issues)}` });
    this.source = source;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidRecipeError {
    return SynthkitError.hasMarker(error, marker);
  }
}
