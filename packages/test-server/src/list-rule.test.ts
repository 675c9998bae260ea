import { describe, expect, it } from 'vitest';
import { listRule } from './list-rule';
import { askTestServer } from './test-support/ask-test-server';
import { textRule } from './text-rule';

describe('listRule', () => {
  it('answers a numbered list with as many items as the prompt asks for', async () => {
    const rule = listRule({
      match: /generate (\d+) subtopics about (\w+)/i,
      item: (index, match) => `${match[2]} subtopic ${index + 1}`,
    });

    const answer = await askTestServer({ rules: [rule] }, 'Please generate 4 subtopics about space.');

    expect(answer).toBe('1. space subtopic 1\n2. space subtopic 2\n3. space subtopic 3\n4. space subtopic 4');
  });

  it('answers a bulleted list, and gives each item the request', async () => {
    const rule = listRule({
      match: /list (\d+) things/,
      item: (index, _match, request) => `${request.model} thing ${index}`,
      style: 'bulleted',
    });

    const answer = await askTestServer({ rules: [rule] }, 'list 2 things');

    expect(answer).toBe('- test-model thing 0\n- test-model thing 1');
  });

  it('passes to the next rule when the count is not a whole number', async () => {
    const rules = [
      listRule({ match: /list (\w+) things/, item: () => 'item' }),
      textRule({ match: /list/, answer: 'next rule' }),
    ];

    const answer = await askTestServer({ rules }, 'list some things');

    expect(answer).toBe('next rule');
  });

  it('matches every time even with a global pattern', async () => {
    const rules = [listRule({ match: /(\d+) items/g, item: (index) => `item ${index}` })];

    const first = await askTestServer({ rules }, 'give 2 items');
    const second = await askTestServer({ rules }, 'give 2 items');

    expect(first).toBe('1. item 0\n2. item 1');
    expect(second).toBe(first);
  });
});
