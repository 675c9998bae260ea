import { describe, expect, it } from 'vitest';
import { removeLines } from './remove-lines';

describe('removeLines', () => {
  it('drops lines equal to one of the given lines and keeps the rest in order', () => {
    expect(removeLines('Passage 1:\nTides follow the moon.\nPassage 2:\nSprings are higher.', ['Passage 1:', 'Passage 2:'])).toBe(
      'Tides follow the moon.\nSprings are higher.',
    );
  });

  it('compares whole lines exactly by default', () => {
    expect(removeLines('Remove me \nRemove me\n  Remove me\nplease Remove me', ['Remove me'])).toBe('Remove me \n  Remove me\nplease Remove me');
  });

  it('compares trimmed lines with trimBeforeComparing, keeping the others untouched', () => {
    expect(removeLines('Passage 1: \n  body  \n\tPassage:', ['Passage 1:', 'Passage:'], { trimBeforeComparing: true })).toBe('  body  ');
  });

  it('gives an empty text when every line goes, and leaves an empty text empty', () => {
    expect(removeLines('x\nx', ['x'])).toBe('');
    expect(removeLines('', ['x'])).toBe('');
    expect(removeLines('keep', [])).toBe('keep');
  });
});
