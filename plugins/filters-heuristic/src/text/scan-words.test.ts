import { describe, expect, it } from 'vitest';
import { countCodePoints } from './count-code-points';
import { scanWords } from './scan-words';
import { splitWords } from './split-words';

/** What scanWords promises, computed the plain way: splitWords, then a Map from word to id. */
function expectedScan(text: string) {
  const words = splitWords(text);
  const idOf = new Map<string, number>();
  const ids = words.map((word) => {
    if (!idOf.has(word)) idOf.set(word, idOf.size);
    return idOf.get(word)!;
  });
  const distinct = [...idOf.keys()];
  return {
    count: words.length,
    totalLength: words.reduce((total, word) => total + countCodePoints(word), 0),
    ids,
    lengths: words.map((word) => countCodePoints(word)),
    distinct,
    occurrences: distinct.map((word) => words.filter((other) => other === word).length),
  };
}

function actualScan(text: string) {
  const scanned = scanWords(text);
  const distinct = Array.from({ length: scanned.distinctCount }, (_, id) => text.slice(scanned.distinctStarts[id], scanned.distinctEnds[id]));
  return {
    count: scanned.count,
    totalLength: scanned.totalLength,
    ids: Array.from(scanned.ids),
    lengths: Array.from(scanned.lengths),
    distinct,
    occurrences: Array.from(scanned.distinctOccurrences),
  };
}

describe('scanWords', () => {
  it('numbers the words of splitWords in order of first appearance, with their lengths and counts', () => {
    const texts = [
      'the cat and the hat and the bat',
      '  one two\t\tthree\n',
      'a\u00a0b\u2003c\u3000d\u001ce\u0085f\u2028x\u2029y\u202fz\u205fw\u1680v\u000bu\u000ct a b',
      'a\u200bb a\ufeffb 😀 👍🏽 😀 \ud800 lone \udc00\ud800 \ud83d\ude00x',
      '',
      ' \t\n\v\f\r\u00a0\u3000',
      'word',
    ];
    for (const text of texts) expect(actualScan(text)).toEqual(expectedScan(text));
  });

  it('tells apart words whose hashes land in the same slots, on a long text of many distinct words', () => {
    const words = Array.from({ length: 5000 }, (_, index) => `w${(index * 7919) % 3001}`);
    const text = words.join(' ');
    expect(actualScan(text)).toEqual(expectedScan(text));
    // A shorter text after a longer one reuses the scratch arrays and starts clean.
    expect(actualScan('b a b')).toEqual(expectedScan('b a b'));
  });
});
