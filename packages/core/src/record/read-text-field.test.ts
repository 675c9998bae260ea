import { describe, expect, it } from 'vitest';
import { readTextField } from './read-text-field';

describe('readTextField', () => {
  it('returns the text of the field', () => {
    expect(readTextField({ text: 'hi' }, 'text')).toBe('hi');
    expect(readTextField({ text: '' }, 'text')).toBe('');
  });

  it('names the field, the option naming it and the record\'s fields when the text is missing or is not text', () => {
    expect(() => readTextField({ body: 'hi', id: 1 }, 'text')).toThrowError(
      'the record has no field "text" (its fields: body, id); set the stage\'s options.field to the field that holds the text.',
    );
    expect(() => readTextField({}, 'prompt', 'prompt_field')).toThrowError(
      'the record has no field "prompt" (its fields: none); set the stage\'s options.prompt_field to the field that holds the text.',
    );
    expect(() => readTextField({ text: ['a'] }, 'text')).toThrowError('the field "text" holds a list, not text');
    expect(() => readTextField({ text: { a: 1 } }, 'text')).toThrowError('the field "text" holds an object, not text');
    expect(() => readTextField({ text: null }, 'text')).toThrowError('the field "text" holds null, not text');
    expect(() => readTextField({ answer: 3 }, 'answer', 'answer_field')).toThrowError(
      'the field "answer" holds a number, not text; set the stage\'s options.answer_field to a field that holds text (the record\'s fields: answer).',
    );
  });
});
