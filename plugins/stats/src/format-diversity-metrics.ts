import type { DiversityMetrics, TopNgrams } from './diversity-metrics';
import { formatCount as count, formatPercent as percent, formatRatio as ratio } from './internal/format-numbers';
import type { LengthDistribution } from './sketches/length-histogram';

/**
 * Renders diversity metrics as a summary for a terminal: sections of aligned columns, plain text
 * (no colours), numbers with thousands separators, ratios to three decimals, rates as percentages.
 * What `synthkit stats` prints.
 */
export function formatDiversityMetrics(metrics: DiversityMetrics): string {
  const sections: string[] = [];
  sections.push(`Diversity of ${count(metrics.records)} record${metrics.records === 1 ? '' : 's'}${metrics.field == null ? '' : ` (field ${metrics.field})`}`);

  sections.push(
    table(
      [
        ['Length', 'min', 'p10', 'p50', 'p90', 'max', 'mean'],
        lengthRow('characters', metrics.length.characters),
        lengthRow('words', metrics.length.words),
      ],
      'lrrrrrr',
    ) + (metrics.length.characters?.estimated || metrics.length.words?.estimated ? '\n  (percentiles over 65,535 are within 1.6%)' : ''),
  );

  sections.push(
    table(
      [
        ['Distinct n-grams', 'distinct', 'total', 'ratio', ''],
        ...metrics.distinctNgrams.map((entry) => [`distinct-${entry.n}`, count(entry.distinct), count(entry.total), ratio(entry.ratio), entry.estimated ? 'estimated' : '']),
      ],
      'lrrrl',
    ),
  );

  const { nearDuplicates, sample, embeddingSpread } = metrics;
  const sampleRows = [
    ['self-BLEU', ratio(metrics.selfBleu), 'BLEU-4 against the rest of the sample; higher = less diverse'],
    [
      'near duplicates',
      percent(nearDuplicates.rate),
      `${count(nearDuplicates.records)} records in ${count(nearDuplicates.pairs)} pair${nearDuplicates.pairs === 1 ? '' : 's'} at Jaccard ≥ ${nearDuplicates.threshold} (character ${nearDuplicates.shingleSize}-grams)`,
    ],
  ];
  if (embeddingSpread != null) {
    sampleRows.push([
      'embedding spread',
      ratio(embeddingSpread.meanPairwiseCosineDistance),
      `mean pairwise cosine distance; ${ratio(embeddingSpread.meanCosineDistanceToCentroid)} to the centroid (${count(embeddingSpread.embedded)} embeddings)`,
    ]);
  }
  sections.push(`Sample of ${count(sample.size)} record${sample.size === 1 ? '' : 's'} (seed ${sample.seed})\n${table(sampleRows, 'lrl', false)}`);

  sections.push(topTable('Top bigrams', metrics.topNgrams.bigrams));
  sections.push(topTable('Top trigrams', metrics.topNgrams.trigrams));

  if (metrics.passRates != null && metrics.passRates.stages.length > 0) {
    const estimated = metrics.passRates.stages.some((stage) => stage.reachedFrom !== 'run.json');
    sections.push(
      table(
        [
          ['Pass rates', 'rejected', 'reached', 'pass rate'],
          ...metrics.passRates.stages.map((stage) => [stage.stage, count(stage.rejected), `${count(stage.reached)}${stage.reachedFrom === 'run.json' ? '' : '*'}`, percent(stage.passRate)]),
        ],
        'lrrr',
      ) + (estimated ? '\n  * records kept + rejected at or after the stage (no run.json counts for it)' : ''),
    );
  }
  return `${sections.join('\n\n')}\n`;
}

// --- Internal helpers ---

function lengthRow(name: string, distribution: LengthDistribution | null): string[] {
  if (distribution == null) return [name, '-', '-', '-', '-', '-', '-'];
  const { min, p10, p50, p90, max, mean } = distribution;
  return [name, count(min), count(p10), count(p50), count(p90), count(max), mean.toFixed(1)];
}

function topTable(title: string, top: TopNgrams): string {
  if (top.ngrams.length === 0) return `${title}: none`;
  return table([[title, top.approximate ? 'count (approximate)' : 'count'], ...top.ngrams.map((entry) => [entry.ngram, count(entry.count)])], 'lr');
}

/**
 * Aligns rows into columns two spaces apart. The first row is a heading unless `heading` is false;
 * the other rows are indented by two spaces. `alignment` has one letter per column: `l`eft or `r`ight.
 */
function table(rows: ReadonlyArray<ReadonlyArray<string>>, alignment: string, heading = true): string {
  const cells = rows.map((row, index) => row.map((cell, column) => ((index > 0 || !heading) && column === 0 ? `  ${cell}` : cell)));
  const widths = alignment.split('').map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => {
          const padding = ' '.repeat(widths[column]! - [...cell].length);
          return alignment[column] === 'r' ? padding + cell : cell + padding;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
