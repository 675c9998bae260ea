import { definePlugin, filterStage } from '@synthkit/core';
import { diversityFilter } from './diversity-filter';
import { VERSION } from './version';

export { createDiversityAnalyzer, type DiversityAnalyzer, type DiversityAnalyzerOptions } from './diversity-analyzer';
export { createDiversityFilter, diversityFilter, type DiversityFilter, type DiversityFilterOptions } from './diversity-filter';
export type { DiversityMetrics, DistinctNgrams, PassRates, StagePassRate, TopNgrams } from './diversity-metrics';
export { formatDiversityMetrics } from './format-diversity-metrics';
export { embeddingSpread, type EmbeddingSpread } from './metrics/embedding-spread';
export { nearDuplicateRate, type NearDuplicateCount, type NearDuplicateOptions } from './metrics/near-duplicate-rate';
export { selfBleu } from './metrics/self-bleu';
export { createPassRateCounter, type PassRateCounter, type RejectLine, type RunReportStages } from './pass-rates';
export type { LengthDistribution } from './sketches/length-histogram';
export type { SampledText } from './sketches/seeded-sample';
export { summarizeDiversityMetrics } from './summarize-diversity-metrics';
export { lowerCaseWords } from './text/lower-case-words';
export { VERSION } from './version';

/**
 * The `@synthkit/stats` plugin (namespace `stats`): `stats:diversity`, a pass-through filter stage
 * that reports the diversity of the records passing through it.
 */
const statsPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/stats', version: VERSION, namespace: 'stats' },
  filters: { diversity: diversityFilter },
});
export default statsPlugin;

/** Stage factory for pipelines written in code: `diversity({ sample: 500 }, { field: 'answer' })`. */
export const diversity = filterStage(statsPlugin, 'diversity');
