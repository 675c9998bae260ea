import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { openQAQuestionsTask } from './open-qa-questions-task';

describe('nemotron:open-qa-questions', () => {
  it('with conversion: llm, asks for n_openlines questions about the topic and emits one openline each', async () => {
    const answer = '1. How do I keep a sourdough starter alive?\n2. Why does bread go stale?';
    const models = scriptedListModels(
      answer,
      '```yaml\n- "How do I keep a sourdough starter alive?"\n- "Why does bread go stale?"\n```',
    );
    const { records, calls, requests } = await runTask(openQAQuestionsTask, {
      options: { n_openlines: 2, conversion: 'llm' },
      input: { topic: 'Baking bread' },
      models,
    });
    expect(records).toEqual([
      { openline: 'How do I keep a sourdough starter alive?' },
      { openline: 'Why does bread go stale?' },
    ]);
    expect(calls.map((call) => [call.role, call.template])).toEqual([
      ['generator', 'open-qa-questions'],
      ['converter', 'yaml-conversion'],
    ]);
    expect(requests[0]?.variables).toEqual({ topic: 'Baking bread', n_openlines: 2 });
    expect(requests[0]?.params).toBeUndefined();
    expect(calls[0]?.params).toEqual({});
    expect(models.generator.doGenerateCalls[0]?.messages?.[0]?.content).toContain('Topic: Baking bread');
    expect(requests[1]).toMatchObject({ defaults: { temperature: 0 } });
    expect(requests[1]?.params).toBeUndefined();
    expect(calls[1]?.params).toEqual({ temperature: 0 });
  });
});
