import type { DiversityMetrics } from './diversity-metrics';
import { formatCount as count, formatPercent as percent, formatRatio as ratio } from './internal/format-numbers';

/**
 * A few lines summing diversity metrics up, for the end of a run (`stats:diversity`'s `summary()`):
 * records and median length, distinct-1..4, self-BLEU and the near-duplicate rate of the sample.
 *
 * ```
 * 5,000 records; median length 412 characters, 71 words
 * distinct-1..4: 0.041 0.312 0.655 0.834
 * sample of 200 (seed 0): self-BLEU 0.231, near duplicates 3.5%
 * ```
 */
export function summarizeDiversityMetrics(metrics: DiversityMetrics): string {
  const { characters, words } = metrics.length;
  const median = characters == null || words == null ? '' : `; median length ${count(characters.p50)} characters, ${count(words.p50)} words`;
  const estimated = metrics.distinctNgrams.some((entry) => entry.estimated) ? ' (estimated)' : '';
  const lines = [
    `${count(metrics.records)} record${metrics.records === 1 ? '' : 's'}${median}`,
    `distinct-1..4: ${metrics.distinctNgrams.map((entry) => ratio(entry.ratio)).join(' ')}${estimated}`,
    `sample of ${count(metrics.sample.size)} (seed ${metrics.sample.seed}): self-BLEU ${ratio(metrics.selfBleu)}, ` +
      `near duplicates ${percent(metrics.nearDuplicates.rate)}` +
      (metrics.embeddingSpread == null ? '' : `, embedding spread ${ratio(metrics.embeddingSpread.meanPairwiseCosineDistance)}`),
  ];
  return lines.join('\n');
}
