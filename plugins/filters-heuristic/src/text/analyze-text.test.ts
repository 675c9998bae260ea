import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text';

describe('analyzeText', () => {
  it('shares one analysis per text, also when other texts come in between (records moving through filter stages)', () => {
    const first = analyzeText('the first document, with some words');
    const second = analyzeText('the second document');
    expect(analyzeText('the first document, with some words')).toBe(first);
    expect(analyzeText('the second document')).toBe(second);
    expect(first.words).toEqual(['the', 'first', 'document,', 'with', 'some', 'words']);
  });

  it('forgets the oldest texts past its bound, so memory stays bounded over a long run', () => {
    const oldest = analyzeText('document 0');
    for (let index = 1; index <= 64; index++) analyzeText(`document ${index}`);
    // A new analysis, equal to the forgotten one.
    const again = analyzeText('document 0');
    expect(again).not.toBe(oldest);
    expect(again.words).toEqual(oldest.words);
  });
});

describe('analyzeText measures', () => {
  it('counts word occurrences by a test that sees each distinct word once', () => {
    const analysis = analyzeText('to be or not to be, 😀 to');
    const seen: string[] = [];
    const count = analysis.countWordsWhere((text, start, end, length) => {
      seen.push(`${text.slice(start, end)}:${length}`);
      return text.slice(start, end) === 'to' || length === 1;
    });
    expect(seen).toEqual(['to:2', 'be:2', 'or:2', 'not:3', 'be,:3', '😀:1']);
    expect(count).toBe(4);
    expect(analysis.wordAt(4)).toBe('to');
    expect([analysis.wordCount, analysis.totalWordLength]).toEqual([8, 17]);
  });

  it('gives n-gram ids that are equal exactly when the n-grams are, numbered in order of first appearance', () => {
    const words = Array.from({ length: 400 }, (_, index) => ['a', 'b', 'c', 'd'][(index * index + (index >> 3)) % 4]!);
    const analysis = analyzeText(words.join(' '));
    for (let n = 1; n <= 6; n++) {
      const keys = words.slice(0, words.length - n + 1).map((_, start) => words.slice(start, start + n).join(' '));
      const idOf = new Map<string, number>();
      const expected = keys.map((key) => (idOf.has(key) ? idOf.get(key)! : (idOf.set(key, idOf.size), idOf.size - 1)));
      expect(Array.from(analysis.ngramIds(n))).toEqual(expected);
    }
  });

  it('measures line and paragraph repetition once for the filters that share it', () => {
    const analysis = analyzeText('x\nx\n😀\n\nx\nx\n😀');
    expect(analysis.lineRepetition).toEqual({ pieces: 6, distinctPieces: 2, characters: 6, distinctCharacters: 2 });
    expect(analysis.paragraphRepetition).toEqual({ pieces: 2, distinctPieces: 1, characters: 10, distinctCharacters: 5 });
    expect(analysis.lineRepetition).toBe(analysis.lineRepetition);
  });
});
