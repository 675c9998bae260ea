import { describe, expect, it } from 'vitest';
import { removeMarkdown } from './remove-markdown';

describe('removeMarkdown', () => {
  it('unwraps bold, italic and underlined text, and keeps a link\'s target', () => {
    expect(removeMarkdown('Tides are **strong**, *regular* and _predictable_; see [the tables](https://tides.example/tables).')).toBe(
      'Tides are strong, regular and predictable; see https://tides.example/tables.',
    );
  });

  it('removes bold before italic, so italic inside bold comes out too', () => {
    expect(removeMarkdown('a **bold with *italic* inside** b')).toBe('a bold with italic inside b');
    expect(removeMarkdown('**one****two**')).toBe('onetwo');
  });

  it('works line by line: a marker never pairs with one on another line', () => {
    expect(removeMarkdown('**Heading**\n*start of a line\nend of another*\n_kept_')).toBe('Heading\n*start of a line\nend of another*\nkept');
  });

  it('leaves unpaired markers and plain text alone', () => {
    expect(removeMarkdown('a lone * star')).toBe('a lone * star');
    expect(removeMarkdown('No markup here.')).toBe('No markup here.');
    expect(removeMarkdown('')).toBe('');
  });

  it('joins snake_case words as NeMo does (documented)', () => {
    expect(removeMarkdown('set max_num_pairs to 1')).toBe('set maxnumpairs to 1');
  });

  it('matches across a carriage return inside a line, as NeMo (Python) does', () => {
    expect(removeMarkdown('**a\rb**')).toBe('a\rb');
  });
});
