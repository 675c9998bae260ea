import { definePlugin, filterStage } from '@synthkit/core';
import { exactDedupFilter } from './exact-dedup-filter';
import { minhashDedupFilter } from './minhash-dedup-filter';
import { semanticDedupFilter } from './semantic-dedup-filter';
import { VERSION } from './version';

export {
  createExactDedupFilter,
  exactDedupFilter,
  ExactDeduplicator,
  normalizeForExactMatch,
  type ExactDedupFilterOptions,
  type ExactDedupReport,
} from './exact-dedup-filter';
export {
  createMinhashDedupFilter,
  minhashDedupFilter,
  MinhashDeduplicator,
  type MinhashDedupFilterOptions,
  type MinhashDedupReport,
} from './minhash-dedup-filter';
export {
  createSemanticDedupFilter,
  semanticDedupFilter,
  SemanticDeduplicator,
  type SemanticDedupFilterOptions,
  type SemanticDedupReport,
} from './semantic-dedup-filter';
export type { DedupStorageOptions } from './storage/dedup-storage-options';
export { VERSION } from './version';

/**
 * The `@synthkit/dedup` plugin (namespace `dedup`): three filters that see every record of their
 * stage before deciding, and keep the record with the smallest `_id` of each group of duplicates.
 * - `dedup:exact`: same text (normalised unless `normalize: false`), by MD5.
 * - `dedup:minhash`: near duplicates by MinHash LSH, with NeMo Curator's fuzzy dedup defaults.
 * - `dedup:semantic`: same meaning, by the cosine similarity of embeddings.
 */
const dedupPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/dedup', version: VERSION, namespace: 'dedup' },
  filters: {
    exact: exactDedupFilter,
    minhash: minhashDedupFilter,
    semantic: semanticDedupFilter,
  },
});

export default dedupPlugin;

/** Stage factory for code pipelines: `exactDedup({ normalize: false }, { field: 'answer' })`. */
export const exactDedup = filterStage(dedupPlugin, 'exact');
/** Stage factory for code pipelines: `minhashDedup({ verify: true })`. */
export const minhashDedup = filterStage(dedupPlugin, 'minhash');
/** Stage factory for code pipelines: `semanticDedup({ threshold: 0.95 }, { models: { embedder: ... } })`. */
export const semanticDedup = filterStage(dedupPlugin, 'semantic');
