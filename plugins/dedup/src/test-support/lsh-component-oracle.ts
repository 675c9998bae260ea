import { MinhashSigner } from '../minhash/minhash-signer';
import { jaccardSimilarity, shingleSet } from '../minhash/shingle-set';
import type { TestRecord } from './observe-in-order';

/** The LSH settings {@link lshComponentMinima} groups by (NeMo's defaults when omitted). */
export interface LshOracleOptions {
  readonly charNgrams?: number;
  readonly numBands?: number;
  readonly hashesPerBand?: number;
  readonly seed?: number;
  /** Least Jaccard similarity of a member with its bucket's smallest `_id` for it to join (NeMo's anchor check); none: every member joins. */
  readonly jaccardThreshold?: number;
}

/**
 * The test oracle of `grouping: 'components'`, in memory and by the book: buckets from the same
 * signer, then a union-find over (member, bucket's smallest `_id`) links. Returns, for each `_id`,
 * the smallest `_id` of its connected component (itself when alone). Records must have distinct ids.
 */
export function lshComponentMinima(records: ReadonlyArray<TestRecord>, options: LshOracleOptions = {}): Map<string, string> {
  const charNgrams = options.charNgrams ?? 24;
  const numBands = options.numBands ?? 20;
  const signer = new MinhashSigner({ charNgrams, numBands, hashesPerBand: options.hashesPerBand ?? 13, seed: options.seed ?? 42 });
  const buckets = new Map<string, TestRecord[]>();
  const key = new Uint32Array(2);
  for (const record of records) {
    signer.sign(record.text);
    for (let band = 0; band < numBands; band++) {
      signer.writeBandKey(band, key, 0);
      const name = `${band}:${key[0]}:${key[1]}`;
      buckets.set(name, [...(buckets.get(name) ?? []), record]);
    }
  }
  const parent = new Map(records.map((record) => [record.id, record.id]));
  const root = (id: string): string => {
    while (parent.get(id) !== id) id = parent.get(id)!;
    return id;
  };
  for (const members of buckets.values()) {
    const anchor = [...members].sort((left, right) => (left.id < right.id ? -1 : 1))[0]!;
    for (const member of members) {
      if (member === anchor) continue;
      const threshold = options.jaccardThreshold;
      if (threshold != null && jaccardSimilarity(shingleSet(member.text, charNgrams), shingleSet(anchor.text, charNgrams)) < threshold) continue;
      const [left, right] = [root(member.id), root(anchor.id)];
      if (left !== right) parent.set(left < right ? right : left, left < right ? left : right);
    }
  }
  return new Map(records.map((record) => [record.id, root(record.id)]));
}
