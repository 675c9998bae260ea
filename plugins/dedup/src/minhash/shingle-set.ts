import { mix32, powerModulo32, secondShingleBase, shingleBase } from './hash-mixing';

/**
 * The set of a text's shingles (as {@link MinhashSigner} cuts them: runs of `charNgrams` code
 * units, or the whole text when it is shorter), each as a 53-bit hash made of two independent
 * 32-bit polynomial hashes, sorted and without repeats. Two different shingles get the same
 * number with odds of about 2^-53, so Jaccard similarities computed on these sets are exact in
 * practice, without keeping a string per shingle.
 */
export function shingleSet(text: string, charNgrams: number): Float64Array {
  const length = text.length;
  const window = Math.min(charNgrams, length);
  const count = Math.max(1, length - charNgrams + 1);
  const firstPower = powerModulo32(shingleBase, window - 1);
  const secondPower = powerModulo32(secondShingleBase, window - 1);
  const salt = Math.imul(window, 0x9e3779b9);
  const set = new Float64Array(count);
  let first = 0;
  let second = 0;
  for (let index = 0; index < window; index++) {
    const unit = text.charCodeAt(index);
    first = (Math.imul(first, shingleBase) + unit) | 0;
    second = (Math.imul(second, secondShingleBase) + unit) | 0;
  }
  for (let start = 0; ; ) {
    set[start] = (mix32(first ^ salt) >>> 0) * 0x20_0000 + (mix32(second ^ ~salt) >>> 11);
    if (++start >= count) break;
    const leaving = text.charCodeAt(start - 1);
    const entering = text.charCodeAt(start + window - 1);
    first = (Math.imul(first - Math.imul(leaving, firstPower), shingleBase) + entering) | 0;
    second = (Math.imul(second - Math.imul(leaving, secondPower), secondShingleBase) + entering) | 0;
  }
  set.sort();
  let distinct = 0;
  for (let index = 0; index < count; index++) {
    if (index === 0 || set[index] !== set[distinct - 1]) set[distinct++] = set[index]!;
  }
  return set.subarray(0, distinct);
}

/** |A ∩ B| / |A ∪ B| of two sets from {@link shingleSet}; 1 when both are empty. */
export function jaccardSimilarity(left: Float64Array, right: Float64Array): number {
  let shared = 0;
  let leftIndex = 0;
  let rightIndex = 0;
  while (leftIndex < left.length && rightIndex < right.length) {
    const leftValue = left[leftIndex]!;
    const rightValue = right[rightIndex]!;
    if (leftValue === rightValue) {
      shared++;
      leftIndex++;
      rightIndex++;
    } else if (leftValue < rightValue) {
      leftIndex++;
    } else {
      rightIndex++;
    }
  }
  const union = left.length + right.length - shared;
  return union === 0 ? 1 : shared / union;
}
