import { TemplateError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template';

describe('parseTemplate', () => {
  it('splits text and placeholders in order', () => {
    const parsed = parseTemplate('Write {count} questions about {topic}.', 'questions');
    expect(parsed.segments).toEqual([
      { type: 'text', text: 'Write ' },
      { type: 'placeholder', name: 'count' },
      { type: 'text', text: ' questions about ' },
      { type: 'placeholder', name: 'topic' },
      { type: 'text', text: '.' },
    ]);
    expect(parsed.placeholders).toEqual(['count', 'topic']);
  });

  it('lists a repeated placeholder once, in order of first use, and keeps every slot', () => {
    const parsed = parseTemplate('{b} and {a}, then {b} again{a}', 'repeat');
    expect(parsed.placeholders).toEqual(['b', 'a']);
    expect(parsed.segments.filter((segment) => segment.type === 'placeholder')).toHaveLength(4);
  });

  it('turns {{ and }} into literal braces and merges them into the surrounding text', () => {
    const parsed = parseTemplate('Answer as JSON: {{"answer": "{answer}"}} {{{value}}}', 'json');
    expect(parsed.segments).toEqual([
      { type: 'text', text: 'Answer as JSON: {"answer": "' },
      { type: 'placeholder', name: 'answer' },
      { type: 'text', text: '"} {' },
      { type: 'placeholder', name: 'value' },
      { type: 'text', text: '}' },
    ]);
    expect(parsed.placeholders).toEqual(['answer', 'value']);
  });

  it('reads {{name}} as literal text, not as a placeholder', () => {
    const parsed = parseTemplate('{{name}}', 'literal');
    expect(parsed.segments).toEqual([{ type: 'text', text: '{name}' }]);
    expect(parsed.placeholders).toEqual([]);
  });

  it('accepts names with underscores, digits after the first character and mixed case', () => {
    expect(parseTemplate('{_x}{Snake_Case_2}{a1}', 't').placeholders).toEqual(['_x', 'Snake_Case_2', 'a1']);
  });

  it('keeps unicode text, including astral characters, as it is', () => {
    const parsed = parseTemplate('Réponds en 日本語 🙂 à {question} — merci', 'unicode');
    expect(parsed.segments).toEqual([
      { type: 'text', text: 'Réponds en 日本語 🙂 à ' },
      { type: 'placeholder', name: 'question' },
      { type: 'text', text: ' — merci' },
    ]);
  });

  it('returns no segments for an empty text and one text segment for text without braces', () => {
    expect(parseTemplate('', 'empty')).toEqual({ segments: [], placeholders: [] });
    expect(parseTemplate('plain\ntext', 'plain').segments).toEqual([{ type: 'text', text: 'plain\ntext' }]);
  });

  it('returns frozen results, so cached templates cannot be changed by a caller', () => {
    const parsed = parseTemplate('{a}', 't');
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(Object.isFrozen(parsed.segments)).toBe(true);
    expect(Object.isFrozen(parsed.placeholders)).toBe(true);
  });

  it('parses a large template with many placeholders in one pass', () => {
    const text = 'x{a}{{y}}'.repeat(100_000);
    const parsed = parseTemplate(text, 'large');
    expect(parsed.placeholders).toEqual(['a']);
    // "x", then 99,999 × ({a}, "{y}x"), then {a}, "{y}".
    expect(parsed.segments).toHaveLength(200_001);
    expect(parsed.segments[2]).toEqual({ type: 'text', text: '{y}x' });
    expect(parsed.segments.at(-1)).toEqual({ type: 'text', text: '{y}' });
  });

  describe('malformed templates', () => {
    function parseError(text: string, field?: string): TemplateError {
      try {
        parseTemplate(text, 'broken', field == null ? {} : { field });
      } catch (error) {
        expect(TemplateError.isInstance(error)).toBe(true);
        return error as TemplateError;
      }
      throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
    }

    it('rejects an unclosed { at the end of the text', () => {
      const error = parseError('Hello {name');
      expect(error.template).toBe('broken');
      expect(error.message).toBe(
        'Template "broken": unclosed "{" at line 1, column 7 (offset 6), near "Hello {name". ' +
          'Close the placeholder with "}", or write "{{" for a literal "{".',
      );
    });

    it('rejects an unclosed { followed by a newline, reporting line and column', () => {
      const error = parseError('first line\nsecond {name\n}', 'user');
      expect(error.message).toContain('unclosed "{" at line 2, column 8 (offset 18) of the user text');
      expect(error.message).toContain('near "first line\\nsecond {name\\n}"');
    });

    it('rejects a { whose placeholder is interrupted by another {', () => {
      expect(parseError('{a {b}').message).toContain('unclosed "{" at line 1, column 1 (offset 0)');
    });

    it('rejects a lone { at the very end', () => {
      expect(parseError('trailing {').message).toContain('unclosed "{" at line 1, column 10 (offset 9)');
    });

    it('rejects an empty placeholder {}', () => {
      const error = parseError('x {} y');
      expect(error.message).toContain('empty placeholder "{}" at line 1, column 3 (offset 2)');
      expect(error.message).toContain('write "{{}}" for literal braces');
    });

    it('rejects spaces inside braces and suggests the name without them', () => {
      const error = parseError('Hi { name }!');
      expect(error.message).toContain('invalid placeholder "{ name }" at line 1, column 4 (offset 3)');
      expect(error.message).toContain('Remove the spaces: "{name}".');
    });

    it('rejects attribute access {a.b} and index access {a[0]}: nothing is evaluated', () => {
      const dotted = parseError('{user.name}');
      expect(dotted.message).toContain('invalid placeholder "{user.name}"');
      expect(dotted.message).toContain('Attribute and index access are not supported');
      expect(parseError('{items[0]}').message).toContain('invalid placeholder "{items[0]}"');
    });

    it('rejects expressions and names that do not match [A-Za-z_][A-Za-z0-9_]*', () => {
      for (const text of ['{a+b}', '{1st}', '{kebab-name}', '{naïve}', '{__import__("os")}']) {
        expect(parseError(text).message).toContain(`invalid placeholder "${text}"`);
      }
    });

    it('rejects unescaped JSON and says how to write literal braces', () => {
      const error = parseError('Reply with {"answer": 42}');
      expect(error.message).toContain('invalid placeholder "{"answer": 42}"');
      expect(error.message).toContain('Write "{{" and "}}" for literal braces');
    });

    it('rejects a single stray }', () => {
      const error = parseError('a } b');
      expect(error.message).toBe(
        'Template "broken": single "}" at line 1, column 3 (offset 2), near "a } b". Write "}}" for a literal "}".',
      );
    });

    it('rejects a } left over after a placeholder, as in {a}}', () => {
      expect(parseError('{a}}').message).toContain('single "}" at line 1, column 4 (offset 3)');
    });

    it('shortens the excerpt around the problem in long texts', () => {
      const error = parseError(`${'a'.repeat(100)}{bad name}${'b'.repeat(100)}`);
      expect(error.message).toContain(`near "…${'a'.repeat(20)}{bad name}${'b'.repeat(10)}…"`);
    });

    it('never cuts a surrogate pair in half in the excerpt', () => {
      const error = parseError(`${'🙂'.repeat(30)}}`);
      expect(error.message).not.toMatch(/\\ud[89a-f]/i);
      expect(error.message).toContain('🙂🙂');
    });
  });
});
