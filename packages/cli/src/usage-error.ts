import { InvalidArgumentError } from '@synthkit/core';

/** A command-line mistake: unknown command or flag, missing argument. Exits with code 2 and the usage. */
export function usageError(message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'command line', message });
}
