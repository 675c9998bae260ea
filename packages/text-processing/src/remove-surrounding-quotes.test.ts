import { describe, expect, it } from 'vitest';
import { removeSurroundingQuotes } from './remove-surrounding-quotes';

describe('removeSurroundingQuotes', () => {
  it('removes quotes around a one-line text', () => {
    expect(removeSurroundingQuotes('"The moon pulls the sea."')).toBe('The moon pulls the sea.');
  });

  it('removes quotes around several lines when the first line does not end with a quote', () => {
    expect(removeSurroundingQuotes('"The moon\npulls the sea."')).toBe('The moon\npulls the sea.');
  });

  it('keeps them when the first line ends with a quote (a quoted line, not a quoted text)', () => {
    expect(removeSurroundingQuotes('"Tides,"\nsaid the sailor, "matter."')).toBe('"Tides,"\nsaid the sailor, "matter."');
  });

  it('keeps texts that are not wholly quoted, too short, or have white space outside the quotes', () => {
    expect(removeSurroundingQuotes('He said "tides".')).toBe('He said "tides".');
    expect(removeSurroundingQuotes('""')).toBe('""');
    expect(removeSurroundingQuotes('"')).toBe('"');
    expect(removeSurroundingQuotes('  "spaced"  ')).toBe('  "spaced"  ');
    expect(removeSurroundingQuotes('')).toBe('');
  });

  it('needs more than two characters, the quotes included', () => {
    expect(removeSurroundingQuotes('"a"')).toBe('a');
    expect(removeSurroundingQuotes('" "')).toBe(' ');
  });
});
