import { describe, expect, it } from 'vitest';
import { listRule } from './list-rule';
import { askTestServer } from './test-support/ask-test-server';
import { yamlListRule } from './yaml-list-rule';

describe('yamlListRule', () => {
  it('converts the list in an earlier answer into a YAML sequence of quoted strings', async () => {
    const rules = [
      yamlListRule({ match: /convert .* into a yaml list/i }),
      listRule({ match: /generate (\d+) topics/i, item: (index) => `Topic "${index + 1}": a: b` }),
    ];

    const list = await askTestServer({ rules }, 'Generate 3 topics');
    const yaml = await askTestServer({ rules }, `Convert the following text into a yaml list:\n${list}`);

    expect(yaml).toBe('- "Topic \\"1\\": a: b"\n- "Topic \\"2\\": a: b"\n- "Topic \\"3\\": a: b"');
    expect(yamlSequenceItems(yaml)).toEqual(['Topic "1": a: b', 'Topic "2": a: b', 'Topic "3": a: b']);
  });

  it('recognises "1)" numbering and "-" or "*" bullets, indented or not, and ignores other lines', async () => {
    const lines = ['Make this a YAML list.', '1) first', '  2. second  ', '- third', '* fourth', 'Not an item.'];
    const prompt = lines.join('\n');

    const yaml = await askTestServer({ rules: [yamlListRule({ match: /yaml list/i })] }, prompt);

    expect(yamlSequenceItems(yaml)).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('reads the items only from the text that source picks', async () => {
    const rule = yamlListRule({
      match: /yaml/i,
      source: (prompt) => prompt.slice(prompt.indexOf('TEXT:')),
    });

    const yaml = await askTestServer({ rules: [rule] }, 'Write YAML.\n1. an instruction, not data\nTEXT:\n- kept');

    expect(yamlSequenceItems(yaml)).toEqual(['kept']);
  });

  it('answers an empty YAML sequence when there is no list', async () => {
    const yaml = await askTestServer({ rules: [yamlListRule({ match: /yaml/i })] }, 'yaml of nothing');

    expect(yaml).toBe('[]');
  });
});

// --- Internal helpers ---

/** Reads a YAML block sequence of double-quoted scalars (JSON strings are valid YAML scalars). */
function yamlSequenceItems(yaml: string): string[] {
  return yaml.split('\n').map((line) => {
    expect(line.startsWith('- ')).toBe(true);
    return JSON.parse(line.slice(2)) as string;
  });
}
