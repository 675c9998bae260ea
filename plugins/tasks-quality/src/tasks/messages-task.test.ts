import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { messagesTask } from './messages-task';

const pair = { prompt: 'Name a prime number.', response: '7.', persona: 'You are terse.' };

describe('quality:messages', () => {
  it('writes a prompt and its response as chat messages, with no model call', async () => {
    const { records, calls } = await runTask(messagesTask, { input: pair, models: {} });
    expect(records).toEqual([
      {
        messages: [
          { role: 'user', content: 'Name a prime number.' },
          { role: 'assistant', content: '7.' },
        ],
      },
    ]);
    expect(calls).toEqual([]);
  });

  it('puts a system turn first, from system_prompt or from each record\'s system_field, and reads the fields it is told to', async () => {
    const constant = await runTask(messagesTask, { options: { system_prompt: 'You are helpful.', output: 'conversation' }, input: pair, models: {} });
    expect(constant.records[0]?.['conversation']?.[0]).toEqual({ role: 'system', content: 'You are helpful.' });
    const own = await runTask(messagesTask, {
      options: { system_field: 'persona', prompt_field: 'revision', response_field: 'answer' },
      input: { revision: 'Why?', answer: 'Because.', persona: 'You are terse.' },
      models: {},
    });
    expect(own.records).toEqual([
      {
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'Why?' },
          { role: 'assistant', content: 'Because.' },
        ],
      },
    ]);
  });

  it('with layout: preference, rewrites prompt, chosen and rejected into TRL\'s conversational preference layout', async () => {
    const { records } = await runTask(messagesTask, {
      options: { layout: 'preference', system_prompt: 'Be kind.' },
      input: { prompt: 'Rate my poem.', chosen: 'It has vivid images.', rejected: 'Bad.', score_chosen: 8, score_rejected: 2 },
      models: {},
    });
    expect(records).toEqual([
      {
        prompt: [
          { role: 'system', content: 'Be kind.' },
          { role: 'user', content: 'Rate my poem.' },
        ],
        chosen: [{ role: 'assistant', content: 'It has vivid images.' }],
        rejected: [{ role: 'assistant', content: 'Bad.' }],
      },
    ]);
  });

  it('fails a record whose field is missing or not text, naming the option to set', async () => {
    await expect(runTask(messagesTask, { input: { prompt: 'Hi' }, models: {} })).rejects.toThrowError(
      'the record has no field "response" (its fields: prompt); set the stage\'s options.response_field to the field that holds the text.',
    );
    await expect(runTask(messagesTask, { options: { layout: 'preference' }, input: { prompt: 'Hi', chosen: 'A', rejected: 3 }, models: {} })).rejects.toThrowError(
      'the field "rejected" holds a number, not text; set the stage\'s options.rejected_field',
    );
  });

  it('checks its options: one source of system turn, and only the fields of its layout', () => {
    const issues = (options: unknown) => messagesTask.options.safeParse(options).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues({ system_prompt: 'A', system_field: 'persona' })).toEqual([
      ['system_field', 'is set, and so is system_prompt; keep one: the same system turn for every record, or each record\'s own.'],
    ]);
    expect(issues({ chosen_field: 'good' })).toEqual([['chosen_field', 'does not apply to layout: sft; remove it, or set layout: preference.']]);
    expect(issues({ layout: 'preference', output: 'messages' })).toEqual([['output', 'does not apply to layout: preference; remove it.']]);
    const fields = (options: unknown) => messagesTask.fields?.(messagesTask.options.parse(options));
    expect(fields({ system_field: 'persona' })).toEqual({ reads: ['prompt', 'response', 'persona'], writes: ['messages'] });
    expect(fields({ layout: 'preference', chosen_field: 'good' })).toEqual({ reads: ['prompt', 'good', 'rejected'], writes: ['prompt', 'chosen', 'rejected'] });
  });
});
