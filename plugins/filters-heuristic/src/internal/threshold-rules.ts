import { formatNumber } from './format-number';

/**
 * The score of a text with nothing to measure (no words, no lines, no characters), where NeMo
 * Curator divides by zero and raises. No real ratio, count or length of the filters using it is
 * negative, so −1 is unambiguous; such texts are always dropped, whatever the thresholds.
 */
export const nothingToMeasureScore = -1;

/** A keep rule and the reason it gives, built from a threshold option. */
export interface ThresholdRule {
  keep(score: number): boolean;
  describe(score: number): string;
}

/** What a rule names in its reasons. */
export interface RuleWording {
  /** What the score measures, e.g. `"URL ratio"`: the reason reads `"URL ratio 0.3, more than …"`. */
  readonly measure: string;
  /** The reason for {@link nothingToMeasureScore}, e.g. `"no words"`; without it, −1 is an ordinary score. */
  readonly nothingToMeasure?: string;
}

/** Keep when `score ≤ threshold` (NeMo's `score <= cutoff`). */
export function atMost(wording: RuleWording, option: string, threshold: number): ThresholdRule {
  return withNothingToMeasure(wording, {
    keep: (score) => score <= threshold,
    describe: (score) =>
      score > threshold
        ? `${wording.measure} ${formatNumber(score, threshold)}, more than ${option} ${threshold}`
        : `${wording.measure} ${formatNumber(score, threshold)}, at most ${option} ${threshold}`,
  });
}

/** Keep when `score ≥ threshold` (NeMo's `score >= cutoff`). */
export function atLeast(wording: RuleWording, option: string, threshold: number): ThresholdRule {
  return withNothingToMeasure(wording, {
    keep: (score) => score >= threshold,
    describe: (score) =>
      score < threshold
        ? `${wording.measure} ${formatNumber(score, threshold)}, less than ${option} ${threshold}`
        : `${wording.measure} ${formatNumber(score, threshold)}, at least ${option} ${threshold}`,
  });
}

/** Keep when `minimum ≤ score ≤ maximum` (NeMo's `min <= score <= max`). */
export function within(
  wording: RuleWording,
  minimumOption: string,
  minimum: number,
  maximumOption: string,
  maximum: number,
): ThresholdRule {
  return withNothingToMeasure(wording, {
    keep: (score) => score >= minimum && score <= maximum,
    describe: (score) => {
      if (score < minimum) return `${wording.measure} ${formatNumber(score, minimum)}, less than ${minimumOption} ${minimum}`;
      if (score > maximum) return `${wording.measure} ${formatNumber(score, maximum)}, more than ${maximumOption} ${maximum}`;
      return `${wording.measure} ${formatNumber(score)}, within ${minimumOption} ${minimum} and ${maximumOption} ${maximum}`;
    },
  });
}

// --- Internal helpers ---

function withNothingToMeasure(wording: RuleWording, rule: ThresholdRule): ThresholdRule {
  const reason = wording.nothingToMeasure;
  if (reason === undefined) return rule;
  return {
    keep: (score) => score !== nothingToMeasureScore && rule.keep(score),
    describe: (score) => (score === nothingToMeasureScore ? reason : rule.describe(score)),
  };
}
