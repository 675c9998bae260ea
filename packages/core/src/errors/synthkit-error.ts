const marker = 'synthkit.error';
const symbol = Symbol.for(marker);

/**
 * Base class of every error synthkit throws.
 *
 * Errors are recognised with `SynthkitError.isInstance(error)` rather than `instanceof`, because a
 * project can end up with two copies of `@synthkit/core` (a plugin bundling its own) and `instanceof`
 * fails across copies. Each subclass carries its own `Symbol.for` marker for the same reason.
 */
export class SynthkitError extends Error {
  private readonly [symbol] = true;

  /** The underlying error, when this one wraps another. */
  override readonly cause?: unknown;

  constructor({ name, message, cause }: { name: string; message: string; cause?: unknown }) {
    super(message);
    this.name = name;
    this.cause = cause;
  }

  /** True for any synthkit error, from any copy of this package. */
  static isInstance(error: unknown): error is SynthkitError {
    return SynthkitError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName);
    return (
      error != null &&
      typeof error === 'object' &&
      markerSymbol in error &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
