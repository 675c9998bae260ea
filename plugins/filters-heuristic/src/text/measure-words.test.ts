import { describe, expect, it } from 'vitest';
import { measureWords } from './measure-words';
import { splitWords } from './split-words';

describe('measureWords', () => {
  it('counts words and their code points', () => {
    expect(measureWords('naïve café')).toEqual({ wordCount: 2, totalWordLength: 9 });
    expect(measureWords(' 😀😀\u3000😀 ')).toEqual({ wordCount: 2, totalWordLength: 3 });
    expect(measureWords('')).toEqual({ wordCount: 0, totalWordLength: 0 });
    expect(measureWords('\u2003\u0085 ')).toEqual({ wordCount: 0, totalWordLength: 0 });
  });

  it.each([
    'The quick brown fox\njumps over\u00a0the lazy dog.',
    '  leading and trailing\t',
    '中文 文本 日本語のテキスト',
    'a\u200bb\u001cc\ufeffd',
    '👍🏽 e\u0301 \ud83d lone',
  ])('agrees with splitWords on %j', (text) => {
    const words = splitWords(text);
    expect(measureWords(text)).toEqual({
      wordCount: words.length,
      totalWordLength: words.reduce((total, word) => total + [...word].length, 0),
    });
  });
});
