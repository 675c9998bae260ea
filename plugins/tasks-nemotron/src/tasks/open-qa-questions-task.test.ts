import { describe, expect, it } from 'vitest';
import { runTask } from '../testing/run-task';
import { openQAQuestionsTask } from './open-qa-questions-task';

describe('nemotron:open-qa-questions', () => {
  it('asks for n_openlines questions about the topic and emits one openline each', async () => {
    const answer = '1. How do I keep a sourdough starter alive?\n2. Why does bread go stale?';
    const { records, context } = await runTask(openQAQuestionsTask, {
      options: { n_openlines: 2 },
      input: { topic: 'Baking bread' },
      script: [
        { role: 'generator', template: 'open-qa-questions', text: answer },
        {
          role: 'converter',
          template: 'yaml-conversion',
          text: '```yaml\n- "How do I keep a sourdough starter alive?"\n- "Why does bread go stale?"\n```',
        },
      ],
    });
    expect(records).toEqual([
      { openline: 'How do I keep a sourdough starter alive?' },
      { openline: 'Why does bread go stale?' },
    ]);
    expect(context.calls[0]?.variables).toEqual({ topic: 'Baking bread', n_openlines: 2 });
    expect(context.calls[0]?.params).toBeUndefined();
    expect(context.calls[0]?.messages[0]?.content).toContain('Topic: Baking bread');
    expect(context.calls[1]).toMatchObject({ defaults: { temperature: 0 }, params: undefined });
  });
});
