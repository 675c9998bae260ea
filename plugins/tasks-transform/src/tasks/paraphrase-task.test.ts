import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { paraphraseTask } from './paraphrase-task';

describe('transform:paraphrase', () => {
  it('asks for n paraphrases in one call and emits one record each', async () => {
    const generator = new MockLanguageModelV1({
      doGenerate: { choices: [{ text: 'Cats doze most of the day.', finishReason: 'stop' }, { text: 'Most of a cat\'s day is sleep.', finishReason: 'stop' }], usage: { inputTokens: undefined, outputTokens: undefined } },
    });
    const { records, calls } = await runTask(paraphraseTask, { options: { n: 2 }, input: { text: 'Cats sleep most of the day.' }, models: { generator } });
    expect(records).toEqual([{ paraphrase: 'Cats doze most of the day.' }, { paraphrase: 'Most of a cat\'s day is sleep.' }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.params).toMatchObject({ n: 2, temperature: 0.7 });
    expect(generator.doGenerateCalls[0]?.messages?.[1]?.content).toContain('Keep every fact, claim, name, number and example, and add none.');
  });
});
