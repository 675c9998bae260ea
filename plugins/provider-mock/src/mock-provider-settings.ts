import { z } from 'zod';

/** A latency drawn for each call from `min` to `max` milliseconds (the same call always draws the same). */
export interface MockLatencyRange {
  /** The shortest latency, in milliseconds, at least 0. */
  readonly min: number;
  /** The longest latency, in milliseconds, at least `min`. */
  readonly max: number;
}

/** Settings of the mock provider (`providers: { mock: { ... } }` in a recipe). */
export interface MockProviderSettings {
  /**
   * How long each call waits before it answers, in milliseconds: a number, or `{ min, max }` for a
   * latency drawn per call. The wait can be aborted, so the engine's timeouts, windows and Ctrl-C
   * behave as they do against a real endpoint. At most 600000 (10 minutes). Default: 0 (answer at once).
   */
  readonly latencyMs?: number | MockLatencyRange;
}

const milliseconds = () =>
  z
    .number({ error: 'must be a number of milliseconds, e.g. 50' })
    .min(0, { error: 'must be at least 0 milliseconds' })
    .max(600_000, { error: 'must be at most 600000 milliseconds (10 minutes)' });

/**
 * The zod schema of the mock provider's settings. Strict: an unknown key, such as a misspelt
 * `latency`, is an error rather than ignored.
 */
export const mockProviderSettingsSchema = z.strictObject({
  latencyMs: z
    .union(
      [
        milliseconds(),
        z
          .strictObject({
            min: milliseconds().meta({ description: 'The shortest latency, in milliseconds.' }),
            max: milliseconds().meta({ description: 'The longest latency, in milliseconds, at least `min`.' }),
          })
          .refine((range) => range.min <= range.max, { error: 'must not be greater than latencyMs.max', path: ['min'] }),
      ],
      { error: 'must be a number of milliseconds (e.g. 50) or a range { min: 20, max: 200 }' },
    )
    .optional()
    .meta({
      description:
        'How long each call waits before it answers, in milliseconds (at most 600000): a number, or `{ min, max }` for a latency drawn per call.',
      default: 0,
    }),
}) satisfies z.ZodType<MockProviderSettings>;
