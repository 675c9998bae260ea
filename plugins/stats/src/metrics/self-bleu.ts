/**
 * Self-BLEU (Zhu et al., 2018, "Texygen") of a set of texts given as their words: the BLEU-4 of
 * each text against all the others as references, averaged over the texts. 1 when every text is
 * the same; near 0 when no two texts share a word. Higher means less diverse.
 *
 * BLEU-4 of one text (Papineni et al., 2002), written here from the definition:
 * - for n = 1..4, the clipped precision p_n: each n-gram of the text counts as matched at most as
 *   often as it occurs in the one reference where it occurs most, over the text's n-grams;
 * - smoothing: a p_n with no match is replaced by 0.1 / (the text's n-grams), so one missing order
 *   does not zero the score (method 1 of Chen and Cherry, 2014, with ε = 0.1);
 * - orders the text is too short for (a three-word text has no 4-gram) are left out, and the mean
 *   below is over the orders it has, so a short text compared with itself still scores 1;
 * - brevity penalty exp(1 − r / c) when the text's length c is under r, the length of the
 *   reference closest to it (the shorter one on a tie), else 1;
 * - BLEU = brevity penalty × exp(mean of ln p_n).
 *
 * Texts with no words are left out. Cost: one pass over the n-grams of all texts plus, per text,
 * one over the others' lengths, so a few hundred texts take milliseconds.
 *
 * @param texts each text's words, as compared (lower-cased by the caller).
 * @returns the mean BLEU-4, or null when fewer than two texts have words.
 */
export function selfBleu(texts: ReadonlyArray<ReadonlyArray<string>>): number | null {
  const documents = texts.filter((words) => words.length > 0);
  if (documents.length < 2) return null;
  const counts = documents.map((words) => Array.from({ length: maxOrder }, (_, order) => countNgrams(words, order + 1)));
  // Per order and n-gram: the two highest counts over the texts, and which text has the highest,
  // so "most in any other text" is the highest unless that text is the one being scored.
  const best = Array.from({ length: maxOrder }, () => new Map<string, { top: number; topDocument: number; second: number }>());
  counts.forEach((orders, document) => {
    orders.forEach((ngrams, order) => {
      for (const [ngram, count] of ngrams) {
        const seen = best[order]!.get(ngram);
        if (seen == null) best[order]!.set(ngram, { top: count, topDocument: document, second: 0 });
        else if (count > seen.top) best[order]!.set(ngram, { top: count, topDocument: document, second: seen.top });
        else if (count > seen.second) seen.second = count;
      }
    });
  });
  const lengths = documents.map((words) => words.length);
  let total = 0;
  documents.forEach((words, document) => {
    let logPrecisions = 0;
    let orders = 0;
    counts[document]!.forEach((ngrams, order) => {
      const ngramsInText = words.length - order;
      if (ngramsInText <= 0) return;
      let matched = 0;
      for (const [ngram, count] of ngrams) {
        const seen = best[order]!.get(ngram)!;
        matched += Math.min(count, seen.topDocument === document ? seen.second : seen.top);
      }
      logPrecisions += Math.log(matched > 0 ? matched / ngramsInText : smoothingEpsilon / ngramsInText);
      orders++;
    });
    const reference = closestLength(lengths, document);
    const brevityPenalty = words.length >= reference ? 1 : Math.exp(1 - reference / words.length);
    total += brevityPenalty * Math.exp(logPrecisions / orders);
  });
  return total / documents.length;
}

// --- Internal helpers ---

const maxOrder = 4;
const smoothingEpsilon = 0.1;

function countNgrams(words: ReadonlyArray<string>, order: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + order <= words.length; start++) {
    const ngram = order === 1 ? words[start]! : words.slice(start, start + order).join(' ');
    counts.set(ngram, (counts.get(ngram) ?? 0) + 1);
  }
  return counts;
}

/** The length of the other text closest in length to text `self`; the shorter on a tie. */
function closestLength(lengths: ReadonlyArray<number>, self: number): number {
  const own = lengths[self]!;
  let closest = Number.POSITIVE_INFINITY;
  lengths.forEach((length, index) => {
    if (index === self) return;
    const distance = Math.abs(length - own);
    const closestDistance = Math.abs(closest - own);
    if (distance < closestDistance || (distance === closestDistance && length < closest)) closest = length;
  });
  return closest;
}
