// docs/recipe-reference.md is generated from the schemas (`pnpm docs:reference`); these tests
// regenerate it in memory, so a schema changed without regenerating fails here, and check that
// every key it lists has a description to show.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recipeReference } from './scripts/recipe-reference.mjs';
import { readableType, schemaTable } from './scripts/schema-table.mjs';

const referenceFile = fileURLToPath(new URL('recipe-reference.md', import.meta.url));

describe('docs/recipe-reference.md', () => {
  it('is what the schemas generate now', async () => {
    const generated = await recipeReference();
    const written = readFileSync(referenceFile, 'utf8');
    if (written !== generated) {
      expect.fail(`docs/recipe-reference.md is out of date: run pnpm docs:reference\n\n${firstDifference(written, generated)}`);
    }
  });

  it('describes every key it lists', async () => {
    const undescribed = (await recipeReference())
      .split('\n')
      .filter((line) => line.startsWith('| `') && /\|\s*\|$/.test(line))
      .map((line) => line.split('|')[1].trim());
    expect(undescribed).toEqual([]);
  });
});

describe('readableType', () => {
  it('says in words what a JSON Schema accepts', () => {
    expect(readableType({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })).toBe('whole number ≥ 1');
    expect(readableType({ type: 'integer', exclusiveMinimum: 0 })).toBe('whole number ≥ 1');
    expect(readableType({ type: 'number', minimum: 0, maximum: 1 })).toBe('number from 0 to 1');
    expect(readableType({ type: 'string', enum: ['keep', 'retry'] })).toBe('one of `keep`, `retry`');
    expect(readableType({ anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })).toBe('text or list of text');
    expect(readableType({ anyOf: [{ type: 'boolean' }, { type: 'object', properties: {} }] })).toBe('`true`, `false` or an object (keys below)');
    expect(readableType({ anyOf: [{ type: 'boolean', const: false }, { type: 'object', properties: {} }] })).toBe('`false` or an object (keys below)');
    expect(readableType({ type: 'object', additionalProperties: { type: 'string' } })).toBe('map of text to text');
    expect(readableType({ description: 'A formatter.', typeDescription: 'formatter name' })).toBe('formatter name');
  });
});

describe('schemaTable', () => {
  it('lists each key with its type, default and description, and the keys of the objects it may hold', () => {
    const table = schemaTable({
      type: 'object',
      properties: {
        size: { type: 'integer', description: 'How many.' },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a', description: 'Which | way.' },
        range: { type: 'object', properties: { min: { type: 'number', description: 'Lowest.' } }, required: ['min'], defaultDescription: 'no range' },
      },
      required: ['size'],
    });

    expect(table.split('\n')).toEqual([
      '| key | type | default | description |',
      '|---|---|---|---|',
      '| `size` | whole number | required | How many. |',
      '| `mode` | one of `a`, `b` | `a` | Which \\| way. |',
      '| `range` | an object | no range |  |',
      '| `range.min` | number | required | Lowest. |',
    ]);
  });
});

// --- Internal helpers ---

/** The first line where two texts differ, with its number, as the file has it and as generated. */
function firstDifference(written, generated) {
  const writtenLines = written.split('\n');
  const generatedLines = generated.split('\n');
  const index = generatedLines.findIndex((line, position) => line !== writtenLines[position]);
  const line = index === -1 ? generatedLines.length : index;
  return `First difference at line ${line + 1}:\n  file:      ${writtenLines[line] ?? '(end of file)'}\n  generated: ${generatedLines[line] ?? '(end of file)'}`;
}
