import { SynthkitError } from './synthkit-error';

const name = 'SYNTHKIT_TemplateError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * A prompt template is malformed (an unclosed `{`, a stray `}`) or uses a placeholder that nothing
 * supplies. Raised when a recipe is loaded, never in the middle of a run.
 */
export class TemplateError extends SynthkitError {
  private readonly [symbol] = true;

  /** The template's name. */
  readonly template: string;

  constructor({ template, message }: { template: string; message: string }) {
    super({ name, message: `Template "${template}": ${message}` });
    this.template = template;
  }

  static override isInstance(error: unknown): error is TemplateError {
    return SynthkitError.hasMarker(error, marker);
  }
}
