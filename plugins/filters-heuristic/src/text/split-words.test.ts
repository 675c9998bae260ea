import { describe, expect, it } from 'vitest';
import { splitWords } from './split-words';

describe('splitWords', () => {
  it('splits on runs of whitespace and drops leading and trailing whitespace', () => {
    expect(splitWords('  one two\t\tthree\n')).toEqual(['one', 'two', 'three']);
  });

  it('returns no words for empty or whitespace-only text', () => {
    expect(splitWords('')).toEqual([]);
    expect(splitWords(' \t\n\v\f\r\u00a0\u3000')).toEqual([]);
  });

  it("splits on Python's Unicode whitespace (expected values from CPython's str.split)", () => {
    expect(splitWords('a\u00a0b\u2003c\u3000d\u001ce\u0085f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitWords('\u2028x\u2029y\u202fz\u205fw\u1680v\u000bu\u000ct')).toEqual([
      'x', 'y', 'z', 'w', 'v', 'u', 't',
    ]);
  });

  it('does not split on characters Python does not treat as whitespace', () => {
    expect(splitWords('a\u200bb a\ufeffb')).toEqual(['a\u200bb', 'a\ufeffb']);
  });

  it('keeps astral characters whole', () => {
    expect(splitWords('😀 👍🏽')).toEqual(['😀', '👍🏽']);
  });
});

describe('analyzeText(text).words', () => {
  it('finds the same words as splitWords, on every kind of whitespace', async () => {
    const { analyzeText } = await import('./analyze-text');
    const texts = [
      '  one two\t\tthree\n',
      'a\u00a0b\u2003c\u3000d\u001ce\u0085f\u2028x\u2029y\u202fz\u205fw\u1680v\u000bu\u000ct',
      'a\u200bb a\ufeffb 😀 👍🏽 \ud800 lone',
      '',
      ' \t\n\v\f\r\u00a0\u3000',
    ];
    for (const text of texts) expect(analyzeText(text).words).toEqual(splitWords(text));
    expect(Array.from(analyzeText('😀😀 ab').wordLengths)).toEqual([2, 2]);
  });
});
