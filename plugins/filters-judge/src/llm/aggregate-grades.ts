/** How `judge:llm` turns its judges' grades into one score. */
export const aggregationRules = ['mean', 'min', 'median', 'majority'] as const;

/** One of {@link aggregationRules}. */
export type AggregationRule = (typeof aggregationRules)[number];

/**
 * The score of a record from its judges' grades (1 to 5 each, at least one):
 * - `mean`: their mean;
 * - `min`: the lowest, so every judge must be satisfied;
 * - `median`: the middle one (the mean of the two middle ones for an even count), so one outlier
 *   judge cannot decide alone;
 * - `majority`: the share of judges whose grade is at or above `threshold`, from 0 to 1.
 */
export function aggregateGrades(rule: AggregationRule, grades: ReadonlyArray<number>, threshold: number): number {
  switch (rule) {
    case 'mean':
      return grades.reduce((sum, grade) => sum + grade, 0) / grades.length;
    case 'min':
      return Math.min(...grades);
    case 'median': {
      const sorted = [...grades].sort((first, second) => first - second);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    }
    case 'majority':
      return grades.filter((grade) => grade >= threshold).length / grades.length;
  }
}

/**
 * True when an aggregated score keeps the record: at or above `threshold` for `mean`, `min` and
 * `median`; for `majority`, more than half of the judges at or above it (a tie is no majority).
 */
export function meetsAggregation(rule: AggregationRule, score: number, threshold: number): boolean {
  return rule === 'majority' ? score > 0.5 : score >= threshold;
}
