/**
 * A command-line mistake: unknown command or flag, missing argument. Reported as `error: <message>`
 * with the usage after it, exit code 2. A plain class of the CLI's own, not a `@synthkit/core` error,
 * so that parsing the command line loads nothing (`--version` starts in Node's own time).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A {@link UsageError} with `message`. */
export function usageError(message: string): UsageError {
  return new UsageError(message);
}
