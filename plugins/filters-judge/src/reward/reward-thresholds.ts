import { z } from 'zod';
import { formatScore } from '../internal/format-score';

/** The bounds one attribute must meet: a minimum, a maximum, or both (inclusive). */
export interface AttributeBounds {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Schema of `judge:reward`'s `thresholds`: per attribute the reward model returns, a number (its
 * minimum) or `{ min?, max? }` (`verbosity: { max: 2.5 }`), both inclusive; at least one attribute.
 * Parses to {@link AttributeBounds} per attribute.
 */
export const rewardThresholdsSchema = z
  .record(
    z.string().min(1),
    // A number is a minimum: read as { min } so one schema checks both spellings.
    z.preprocess(
      (value) => (typeof value === 'number' ? { min: value } : value),
      z
        .strictObject(
          {
            min: z.number().optional().describe('Lowest score kept (inclusive).'),
            max: z.number().optional().describe('Highest score kept (inclusive).'),
          },
          {
            error: (issue) =>
              issue.code === 'invalid_type' ? 'must be a number (the minimum) or { min, max } (either or both, inclusive), e.g. helpfulness: 3 or verbosity: { max: 2.5 }' : undefined,
          },
        )
        .refine((bounds) => bounds.min != null || bounds.max != null, { error: 'gives neither min nor max; write a number (the minimum), { min: 3 }, { max: 2.5 } or both' })
        .refine((bounds) => bounds.min == null || bounds.max == null || bounds.min <= bounds.max, { error: 'has min above max, so no score can meet it' })
        .transform((bounds): AttributeBounds => bounds),
    ) as z.ZodType<AttributeBounds, number | AttributeBounds>,
    {
      error: (issue) =>
        issue.input === undefined
          ? 'is required: give at least one attribute of the reward model and its minimum, e.g. thresholds: { helpfulness: 3 } (Nemotron scores helpfulness, correctness, coherence, complexity and verbosity, about 0 to 4).'
          : undefined,
    },
  )
  .refine((thresholds) => Object.keys(thresholds).length > 0, {
    error: 'is empty: give at least one attribute of the reward model and its minimum, e.g. thresholds: { helpfulness: 3 }.',
  });

/** What {@link checkThresholds} found: whether every bound is met, and the sentence saying so. */
export interface ThresholdCheck {
  /** True when every attribute with a threshold was returned and is within its bounds. */
  readonly met: boolean;
  /**
   * Why, in one line: the failures (`correctness 2.1 below 3; verbosity 3.2 above 2.5`), or an
   * attribute the model did not return and those it did; when met, each attribute against its bound.
   */
  readonly reason: string;
}

/**
 * Checks a reward model's scores against the thresholds. A threshold on an attribute the model did
 * not return (or returned as a non-finite number) fails, naming the attribute and those it gave.
 */
export function checkThresholds(scores: Readonly<Record<string, number>>, thresholds: Readonly<Record<string, AttributeBounds>>): ThresholdCheck {
  const missing: string[] = [];
  const failures: string[] = [];
  const passes: string[] = [];
  for (const [attribute, { min, max }] of Object.entries(thresholds)) {
    const score = scores[attribute];
    if (typeof score !== 'number' || !Number.isFinite(score)) missing.push(attribute);
    else if (min != null && score < min) failures.push(`${attribute} ${formatScore(score)} below ${formatScore(min)}`);
    else if (max != null && score > max) failures.push(`${attribute} ${formatScore(score)} above ${formatScore(max)}`);
    else passes.push(`${attribute} ${formatScore(score)} ${describeBounds({ ...(min == null ? {} : { min }), ...(max == null ? {} : { max }) })}`);
  }
  if (missing.length > 0) {
    const returned = Object.keys(scores).filter((attribute) => Number.isFinite(scores[attribute]));
    const names = missing.map((attribute) => `"${attribute}"`).join(', ');
    const sentence =
      `the reward model gave no score for ${names} (it gave: ${returned.join(', ') || 'nothing'}); ` +
      'set the stage\'s options.thresholds to attributes it scores';
    return { met: false, reason: [sentence, ...failures].join('; ') };
  }
  if (failures.length > 0) return { met: false, reason: failures.join('; ') };
  return { met: true, reason: passes.join('; ') };
}

// --- Internal helpers ---

function describeBounds({ min, max }: AttributeBounds): string {
  if (min != null && max != null) return `within ${formatScore(min)} to ${formatScore(max)}`;
  return min != null ? `at least ${formatScore(min)}` : `at most ${formatScore(max!)}`;
}
