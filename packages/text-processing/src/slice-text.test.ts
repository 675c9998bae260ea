import { describe, expect, it } from 'vitest';
import { sliceText } from './slice-text';

describe('sliceText', () => {
  it('slices between indices, negative ones counting from the end', () => {
    expect(sliceText('Hello, tides!', { left: 7, right: 12 })).toBe('tides');
    expect(sliceText('Hello, tides!', { left: -6, right: -1 })).toBe('tides');
    expect(sliceText('0123456789', { left: 2, right: 5 })).toBe('234');
  });

  it('starts at the first occurrence of a left text, with or without it', () => {
    expect(sliceText('abcXYZdefXYZ', { left: 'XYZ' })).toBe('XYZdefXYZ');
    expect(sliceText('abcXYZdefXYZ', { left: 'XYZ', includeLeft: false })).toBe('defXYZ');
  });

  it('ends at the last occurrence of a right text, with or without it', () => {
    expect(sliceText('abcXYZdefXYZgh', { right: 'XYZ' })).toBe('abcXYZdefXYZ');
    expect(sliceText('abcXYZdefXYZgh', { right: 'XYZ', includeRight: false })).toBe('abcXYZdef');
    expect(sliceText('ab__cd__ef', { left: '__', right: '__' })).toBe('__cd__');
  });

  it('gives an empty text when a marker text does not occur', () => {
    expect(sliceText('abcdef', { left: 'missing' })).toBe('');
    expect(sliceText('abcdef', { right: 'missing' })).toBe('');
  });

  it('trims the result unless strip is false, and is empty past the end or when the end comes first', () => {
    expect(sliceText('  spaced out  ')).toBe('spaced out');
    expect(sliceText('  spaced out  ', { strip: false })).toBe('  spaced out  ');
    expect(sliceText('start middle end', { left: 'start', right: 'end', includeLeft: false, includeRight: false })).toBe('middle');
    expect(sliceText('short', { left: 10 })).toBe('');
    expect(sliceText('b then a', { left: 'then', right: 'b' })).toBe('');
  });

  it('drops an answer prefix the way the Nemotron-CC tasks use it', () => {
    expect(sliceText('Paraphrased Text:\n  The tide rises twice a day.\n', { left: 'Paraphrased Text:', includeLeft: false })).toBe(
      'The tide rises twice a day.',
    );
  });
});
