import { describe, expect, it } from 'vitest';
import type { TaskGenerateRequestV1, TaskGenerateResultV1 } from '@synthkit/core';
import { generateAnswers } from './generate-answers';

function contextAnswering(result: Pick<TaskGenerateResultV1, 'texts' | 'finishReasons'>) {
  const requests: TaskGenerateRequestV1[] = [];
  const context = {
    generate: async (request: TaskGenerateRequestV1): Promise<TaskGenerateResultV1> => {
      requests.push(request);
      return { ...result, text: result.texts[0] ?? '', finishReason: result.finishReasons[0] ?? 'other' };
    },
  };
  return { context, requests };
}

describe('generateAnswers', () => {
  it('asks for n answers in one call with the answer template, and keeps the usable ones trimmed', async () => {
    const { context, requests } = contextAnswering({ texts: [' Paris. ', 'Lyon', '...'], finishReasons: ['stop', 'length', 'stop'] });
    const result = await generateAnswers(context, { role: 'generator', prompt: 'Capital of France?', n: 3 });
    expect(requests).toEqual([{ role: 'generator', template: 'answer', variables: { prompt: 'Capital of France?' }, params: { n: 3 } }]);
    expect(result).toEqual({
      answers: ['Paris.'],
      refusals: [
        'answer cut off at max_tokens (finish reason length): raise params.generator.max_tokens in the recipe, or leave it unset',
        'blank answer: the model answered with no letters or digits',
      ],
    });
  });

  it('uses answer-with-system for a system prompt, sends n only above 1, and passes the task\'s defaults', async () => {
    const { context, requests } = contextAnswering({ texts: ['猫'], finishReasons: ['stop'] });
    const result = await generateAnswers(context, { role: 'teacher', prompt: 'Cat in Japanese?', systemPrompt: 'Be brief.', n: 1, defaults: { temperature: 0.8 } });
    expect(requests).toEqual([
      { role: 'teacher', template: 'answer-with-system', variables: { prompt: 'Cat in Japanese?', system_prompt: 'Be brief.' }, defaults: { temperature: 0.8 } },
    ]);
    expect(result.answers).toEqual(['猫']);
  });
});
