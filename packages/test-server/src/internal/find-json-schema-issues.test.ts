import { describe, expect, it } from 'vitest';
import { findJsonSchemaIssues } from './find-json-schema-issues';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 4 },
    mood: { type: 'string', enum: ['calm', 'busy'] },
    ready: { type: 'boolean' },
    count: { type: ['integer', 'null'] },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'mood', 'ready'],
  additionalProperties: false,
};

describe('findJsonSchemaIssues', () => {
  it('finds nothing wrong with a value of the schema, lengths aside', () => {
    expect(findJsonSchemaIssues({ name: 'a longer name', mood: 'calm', ready: false, count: null, tags: ['x'] }, schema)).toEqual([]);
    expect(findJsonSchemaIssues({ name: '', mood: 'busy', ready: true, count: 3 }, schema)).toEqual([]);
  });

  it('names every wrong type, enum value, missing and unknown property, with its path', () => {
    expect(findJsonSchemaIssues({ name: 3, mood: 'angry', count: 1.5, tags: ['x', 2], colour: 'red' }, schema)).toEqual([
      '$: the required property "ready" is missing',
      '$.name: expected a string, got number 3',
      '$.mood: expected one of "calm", "busy", got string "angry"',
      '$.count: expected an integer or null, got number 1.5',
      '$.tags[1]: expected a string, got number 2',
      '$: the property "colour" is not in the schema',
    ]);
  });

  it('refuses a value of another type at the top, and follows additionalProperties schemas and const', () => {
    expect(findJsonSchemaIssues(['calm'], schema)).toEqual(['$: expected an object, got an array']);
    expect(findJsonSchemaIssues({ a: 1, b: 'x' }, { type: 'object', additionalProperties: { type: 'number' } })).toEqual([
      '$.b: expected a number, got string "x"',
    ]);
    expect(findJsonSchemaIssues('v2', { const: 'v1' })).toEqual(['$: expected "v1", got string "v2"']);
    expect(findJsonSchemaIssues(null, true)).toEqual([]);
    expect(findJsonSchemaIssues(null, false)).toEqual(['$: no value is allowed here']);
  });
});
