import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { choices } from '../test-support/scripted-models';
import { answerTask } from './answer-task';

const input = { prompt: 'Why is the sky blue?', topic: 'light' };

describe('quality:answer', () => {
  it('sends the prompt as the user turn and writes the answer to output', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: '  Rayleigh scattering favours short wavelengths.  ' });
    const { records, calls } = await runTask(answerTask, { input, models: { generator } });
    expect(generator.doGenerateCalls[0]?.messages).toEqual([{ role: 'user', content: 'Why is the sky blue?' }]);
    expect(records).toEqual([{ response: 'Rayleigh scattering favours short wavelengths.' }]);
    expect(calls.map((call) => [call.role, call.template])).toEqual([['generator', 'answer']]);
  });

  it('reads the prompt from prompt_field, sends system_prompt first, and makes one record per answer of one call', async () => {
    const generator = new MockLanguageModelV1({ maxChoicesPerCall: 1, doGenerate: ['First answer.', 'Second answer.'] });
    const { records, calls } = await runTask(answerTask, {
      options: { prompt_field: 'revision', system_prompt: 'You are a patient physics teacher.', output: 'answer', n: 2 },
      input: { revision: 'Explain why sunsets are red, for a ten-year-old.' },
      models: { generator },
    });
    expect(generator.doGenerateCalls[0]?.messages).toEqual([
      { role: 'system', content: 'You are a patient physics teacher.' },
      { role: 'user', content: 'Explain why sunsets are red, for a ten-year-old.' },
    ]);
    expect(records).toEqual([{ answer: 'First answer.' }, { answer: 'Second answer.' }]);
    // One call for n = 2, which the engine split for a model that answers one choice per request.
    expect(calls.map((call) => [call.template, call.params['n']])).toEqual([['answer-with-system', 2]]);
    expect(generator.doGenerateCalls.map((call) => call.params.n)).toEqual([1, 1]);
  });

  it('quotes a template override with the prompt and the record\'s fields', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Because of scattering.' });
    await runTask(answerTask, { input, models: { generator }, templates: { answer: { user: 'Answer in one sentence ({topic}): {prompt}' } } });
    expect(generator.doGenerateCalls[0]?.messages?.[0]?.content).toBe('Answer in one sentence (light): Why is the sky blue?');
  });

  it('refuses answers cut off at max_tokens and blank ones, keeping the others', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices(['Sunlight hits the air and', 'length'], ' \n', 'Scattering.') });
    const { records, rejections } = await runTask(answerTask, { options: { n: 3 }, input, models: { generator } });
    expect(records).toEqual([{ response: 'Scattering.' }]);
    expect(rejections).toEqual([]);
  });

  it('rejects the record with the reason when no answer is usable', async () => {
    const cut = await runTask(answerTask, { input, models: { generator: new MockLanguageModelV1({ doGenerate: choices(['Sunlight hits', 'length']) }) } });
    expect(cut.records).toEqual([]);
    expect(cut.rejections).toEqual([
      { reason: 'answer cut off at max_tokens (finish reason length): raise params.generator.max_tokens in the recipe, or leave it unset' },
    ]);
    const blank = await runTask(answerTask, { input, models: { generator: new MockLanguageModelV1({ doGenerate: '\u0000 ...' }) } });
    expect(blank.rejections).toEqual([{ reason: 'blank answer: the model answered with no letters or digits' }]);
  });

  it('rejects a blank prompt without a call, and fails a record without the prompt field, naming the option', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Unused.' });
    const blank = await runTask(answerTask, { input: { prompt: '  ' }, models: { generator } });
    expect(blank.rejections).toEqual([{ reason: 'blank prompt: the field "prompt" is empty, so there is nothing to answer' }]);
    expect(generator.doGenerateCalls).toEqual([]);
    await expect(runTask(answerTask, { input: { openline: 'Hi?' }, models: { generator } })).rejects.toThrowError(
      'the record has no field "prompt" (its fields: openline); set the stage\'s options.prompt_field to the field that holds the text.',
    );
  });

  it('checks its options', () => {
    const issues = (options: unknown) => answerTask.options.safeParse(options).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ n: 0 })).toEqual(['n']);
    expect(issues({ output: '_meta' })).toEqual(['output']);
    expect(issues({ system_prompt: '  ' })).toEqual(['system_prompt']);
    expect(issues({ promptfield: 'x' })).toEqual(['']);
    expect(answerTask.fields?.(answerTask.options.parse({ prompt_field: 'revision' }))).toEqual({ reads: ['revision'], writes: ['response'] });
  });
});
