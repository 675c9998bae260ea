import { hashText } from '../sketches/hash-text';

/** Options of {@link nearDuplicateRate}. */
export interface NearDuplicateOptions {
  /** Jaccard similarity at or above which two texts are near duplicates. Default 0.8. */
  readonly threshold?: number;
  /** Characters per shingle. Default 5. */
  readonly shingleSize?: number;
}

/** What {@link nearDuplicateRate} found. */
export interface NearDuplicateCount {
  /** Texts compared. */
  readonly texts: number;
  /** Texts that have at least one other text with a Jaccard similarity at or above the threshold. */
  readonly withNearDuplicate: number;
  /** Pairs of texts at or above the threshold. */
  readonly pairs: number;
  /** `withNearDuplicate / texts`, or null for no text. */
  readonly rate: number | null;
}

/**
 * The share of texts that have a near duplicate among the others: a pair is near duplicate when
 * the Jaccard similarity of their sets of character shingles (every run of `shingleSize`
 * consecutive characters, after lower-casing and collapsing whitespace runs to one space) is at
 * least `threshold`. Every pair is compared, exactly (no MinHash): for the few hundred texts of a
 * sample that is quick, and it is what makes the figure exact on the sample. A text shorter than
 * one shingle is a single shingle of itself; two empty texts are duplicates.
 */
export function nearDuplicateRate(texts: ReadonlyArray<string>, options: NearDuplicateOptions = {}): NearDuplicateCount {
  const threshold = options.threshold ?? 0.8;
  const shingleSize = options.shingleSize ?? 5;
  const shingles = texts.map((text) => shingleSet(text, shingleSize));
  const hasNearDuplicate = new Array<boolean>(texts.length).fill(false);
  let pairs = 0;
  for (let first = 0; first < shingles.length; first++) {
    for (let second = first + 1; second < shingles.length; second++) {
      if (jaccard(shingles[first]!, shingles[second]!, threshold) >= threshold) {
        pairs++;
        hasNearDuplicate[first] = true;
        hasNearDuplicate[second] = true;
      }
    }
  }
  const withNearDuplicate = hasNearDuplicate.filter(Boolean).length;
  return { texts: texts.length, withNearDuplicate, pairs, rate: texts.length === 0 ? null : withNearDuplicate / texts.length };
}

// --- Internal helpers ---

/** The sorted, distinct hashes of a text's shingles (code points, so an emoji is one character). */
function shingleSet(text: string, size: number): Float64Array {
  const characters = Array.from(text.toLowerCase().replace(/\s+/gu, ' ').trim());
  const hashes = new Set<number>();
  if (characters.length <= size) hashes.add(hashText(characters.join('')));
  else for (let start = 0; start + size <= characters.length; start++) hashes.add(hashText(characters.slice(start, start + size).join('')));
  return Float64Array.from(hashes).sort();
}

/**
 * Jaccard similarity of two sorted hash sets, by merging them. Returns 0 at once when the sizes
 * alone rule out reaching `threshold` (|A ∩ B| / |A ∪ B| ≤ min / max).
 */
function jaccard(first: Float64Array, second: Float64Array, threshold: number): number {
  if (first.length === 0 && second.length === 0) return 1;
  if (Math.min(first.length, second.length) < threshold * Math.max(first.length, second.length)) return 0;
  let shared = 0;
  for (let left = 0, right = 0; left < first.length && right < second.length; ) {
    if (first[left] === second[right]) {
      shared++;
      left++;
      right++;
    } else if (first[left]! < second[right]!) left++;
    else right++;
  }
  return shared / (first.length + second.length - shared);
}
