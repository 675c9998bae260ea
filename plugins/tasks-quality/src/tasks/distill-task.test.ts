import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { choices } from '../test-support/scripted-models';
import { distillTask } from './distill-task';

describe('quality:distill', () => {
  it('has the teacher answer the prompt, giving an SFT pair with the teacher\'s model', async () => {
    const teacher = new MockLanguageModelV1({ provider: 'openai', modelId: 'big-teacher', doGenerate: ' Photosynthesis turns light into sugar. ' });
    const { records, calls } = await runTask(distillTask, { input: { prompt: 'What is photosynthesis?', source: 'biology' }, models: { teacher } });
    expect(records).toEqual([{ prompt: 'What is photosynthesis?', response: 'Photosynthesis turns light into sugar.', teacher: 'openai:big-teacher' }]);
    // The lineage names the teacher too: the engine traces every call with its model.
    expect(calls.map((call) => [call.role, call.model, call.template])).toEqual([['teacher', 'openai:big-teacher', 'answer']]);
  });

  it('reads prompt_field, sends the teacher\'s system prompt, and writes messages without it', async () => {
    const teacher = new MockLanguageModelV1({ doGenerate: choices('Ans one.', ['Ans tw', 'length'], 'Ans three.') });
    const { records } = await runTask(distillTask, {
      options: { prompt_field: 'openline', system_prompt: 'Think carefully, then answer clearly.', n: 3, messages: true },
      input: { openline: 'Why do leaves change colour?' },
      models: { teacher },
    });
    expect(teacher.doGenerateCalls[0]?.messages?.[0]).toEqual({ role: 'system', content: 'Think carefully, then answer clearly.' });
    expect(records).toEqual(
      ['Ans one.', 'Ans three.'].map((response) => ({
        prompt: 'Why do leaves change colour?',
        response,
        teacher: 'mock:mock-model',
        messages: [
          { role: 'user', content: 'Why do leaves change colour?' },
          { role: 'assistant', content: response },
        ],
      })),
    );
  });

  it('rejects the record when the teacher\'s only answer is cut off or blank', async () => {
    const { records, rejections } = await runTask(distillTask, { input: { prompt: 'Q?' }, models: { teacher: new MockLanguageModelV1({ doGenerate: choices(['Partial', 'length']) }) } });
    expect(records).toEqual([]);
    expect(rejections).toEqual([{ reason: 'answer cut off at max_tokens (finish reason length): raise params.teacher.max_tokens in the recipe, or leave it unset' }]);
  });
});
