import { SynthkitError } from './synthkit-error';

const name = 'SYNTHKIT_InvalidArgumentError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/** A function, option or CLI flag received a value it cannot use. The message says what was expected. */
export class InvalidArgumentError extends SynthkitError {
  private readonly [symbol] = true;

  /** Name of the argument, option or flag. */
  readonly argument: string;

  constructor({ argument, message, cause }: { argument: string; message: string; cause?: unknown }) {
    super({ name, message, cause });
    this.argument = argument;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return SynthkitError.hasMarker(error, marker);
  }
}
