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
