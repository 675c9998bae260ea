import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { explainTask } from './explain-task';

describe('transform:explain', () => {
  it('explains the text to the audience in at most max_words words', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Ice floats because…' });
    const { records, calls } = await runTask(explainTask, {
      options: { audience: 'a ten-year-old', max_words: 80 },
      input: { text: 'Ice is less dense than liquid water.' },
      models: { generator },
    });
    expect(records).toEqual([{ explanation: 'Ice floats because…' }]);
    expect(calls[0]?.template).toBe('explain');
    const prompt = generator.doGenerateCalls[0]?.messages?.[1]?.content ?? '';
    expect(prompt.split('\n')[0]).toBe('Explain the text between the <text> tags to a ten-year-old.');
    expect(prompt).toContain('Use at most 80 words.');
  });

  it("with answer_field, explains how the question's answer is reached, and reads both fields", async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Add the ones, then the tens…' });
    const { records, calls } = await runTask(explainTask, {
      options: { field: 'question', answer_field: 'answer', output: 'rationale' },
      input: { question: 'What is 17 + 25?', answer: '42' },
      models: { generator },
    });
    expect(records).toEqual([{ rationale: 'Add the ones, then the tens…' }]);
    expect(calls[0]?.template).toBe('explain-answer');
    expect(generator.doGenerateCalls[0]?.messages?.[1]?.content).toContain('<question>\nWhat is 17 + 25?\n</question>\n\n<answer>\n42\n</answer>');
    expect(explainTask.fields?.(explainTask.options.parse({ field: 'question', answer_field: 'answer' }))).toEqual({
      reads: ['question', 'answer'],
      writes: ['explanation'],
    });
  });

  it('rejects a blank answer field without a request, and fails a record without it', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'unused' });
    const options = { answer_field: 'answer' };
    const blank = await runTask(explainTask, { options, input: { text: 'Q?', answer: ' ' }, models: { generator } });
    expect(blank.rejections).toEqual([{ reason: 'blank text: the field "answer" is empty, so there is no answer to explain' }]);
    await expect(runTask(explainTask, { options, input: { text: 'Q?' }, models: { generator } })).rejects.toThrowError('the record has no field "answer"');
    expect(generator.doGenerateCalls).toHaveLength(0);
  });
});
