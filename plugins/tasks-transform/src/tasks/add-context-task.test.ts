import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { addContextTask } from './add-context-task';

describe('transform:add-context', () => {
  it('asks for background of at most max_words words, without the example answered, next to the example', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Krakatoa is a volcanic island in the Sunda Strait…' });
    const { records } = await runTask(addContextTask, {
      options: { max_words: 60 },
      input: { text: 'Why was 1883 so loud?' },
      models: { generator },
    });
    const prompt = generator.doGenerateCalls[0]?.messages?.[1]?.content ?? '';
    expect(prompt).toContain('Write one paragraph of at most 60 words');
    expect(prompt).toContain('Do not answer, solve, complete or restate the example.');
    expect(prompt).toContain('<example>\nWhy was 1883 so loud?\n</example>');
    // The engine merges the new field over the input record: the example stays in `text`.
    expect(records).toEqual([{ context: 'Krakatoa is a volcanic island in the Sunda Strait…' }]);
  });
});
