import { SynthkitError } from './synthkit-error';

const name = 'SYNTHKIT_LoadAPIKeyError';
const marker = `synthkit.error.${name}`;
const symbol = Symbol.for(marker);

/** No API key was given in the options or in the environment. */
export class LoadAPIKeyError extends SynthkitError {
  private readonly [symbol] = true;

  constructor({ message }: { message: string }) {
    super({ name, message });
  }

  static override isInstance(error: unknown): error is LoadAPIKeyError {
    return SynthkitError.hasMarker(error, marker);
  }
}
