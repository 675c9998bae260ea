import { TemplateError, type JsonValue } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template';
import { renderParsedTemplate } from './render-parsed-template';

function render(text: string, variables: Readonly<Record<string, JsonValue>>): string {
  return renderParsedTemplate(parseTemplate(text, 'test'), variables, 'test');
}

describe('renderParsedTemplate', () => {
  it('substitutes every slot, including repeated ones', () => {
    expect(render('{a} + {b} = {a}{b}', { a: 'one', b: 'two' })).toBe('one + two = onetwo');
  });

  it('keeps literal braces and unicode text', () => {
    expect(render('{{"q": "{q}"}} — 日本語 🙂', { q: 'ça va' })).toBe('{"q": "ça va"} — 日本語 🙂');
  });

  it('inserts values as text and never parses braces inside them', () => {
    expect(render('Say {text}', { text: '{other} }} {{ {', other: 'never used' })).toBe('Say {other} }} {{ {');
  });

  it('formats non-string values: numbers and booleans with String, null as empty, arrays and objects as JSON', () => {
    expect(render('{n}|{f}|{yes}|{no}|{none}|', { n: 42, f: 0.5, yes: true, no: false, none: null })).toBe(
      '42|0.5|true|false||',
    );
    expect(render('{list} {object}', { list: ['a', 'b'], object: { k: [1, { z: null }] } })).toBe(
      '["a","b"] {"k":[1,{"z":null}]}',
    );
  });

  it('ignores variables the template does not use', () => {
    expect(render('{a}', { a: 'x', unused: 'y' })).toBe('x');
  });

  it('names the missing variable and the supplied ones', () => {
    const parsed = parseTemplate('Topic: {topic}', 'subtopics');
    let caught: unknown;
    try {
      renderParsedTemplate(parsed, { count: 3, language: 'en' }, 'subtopics', { field: 'user' });
    } catch (error) {
      caught = error;
    }
    expect(TemplateError.isInstance(caught)).toBe(true);
    expect((caught as TemplateError).template).toBe('subtopics');
    expect((caught as TemplateError).message).toBe(
      'Template "subtopics": no value for placeholder {topic} in the user text. Supplied variables: count, language. ' +
        'Supply a value for each placeholder, or remove it from the template.',
    );
  });

  it('lists every missing variable once, and says when none were supplied', () => {
    expect(() => render('{a} {b} {a}', {})).toThrow(
      'no values for placeholders {a}, {b}. Supplied variables: none.',
    );
  });

  it('treats a variable whose value is undefined as missing', () => {
    const variables = { a: undefined, b: 'x' } as unknown as Record<string, string>;
    expect(() => render('{a}', variables)).toThrow('no value for placeholder {a}. Supplied variables: b.');
  });

  it('never reads inherited properties such as {constructor} or {toString}', () => {
    expect(() => render('{constructor}{toString}', {})).toThrow(
      'no values for placeholders {constructor}, {toString}',
    );
    expect(render('{constructor}', { constructor: 'own value' })).toBe('own value');
  });
});
