import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { tideDocument, tideRewrite, wordsOfTokens } from '../test-support/sample-texts';
import { rephraseTask } from './rephrase-task';

const generator = (...answers: string[]) => new MockLanguageModelV1({ modelId: 'generator', doGenerate: answers });

describe('nemotron-cc:rephrase', () => {
  it('sends the document in its prompt with NeMo\'s parameters, and writes the answer without its prefix and quotes', async () => {
    const model = generator(`Here is a paraphrased version:\n\n"${tideRewrite}"`);
    const { records, calls, requests, rejections } = await runTask(rephraseTask, { input: { text: tideDocument }, models: { generator: model } });
    expect(rejections).toEqual([]);
    expect(records).toEqual([{ rephrased: tideRewrite }]);
    const [system, user] = model.doGenerateCalls[0]?.messages ?? [];
    expect(system).toEqual({ role: 'system', content: nemotronCCSystemPrompt });
    expect(user?.role).toBe('user');
    expect(user?.content).toContain(`Text:\n${tideDocument}\n`);
    expect(user?.content).toContain('Begin your answer with the line "Here is a paraphrased version:"');
    expect(requests[0]?.variables).toEqual({ document: tideDocument });
    expect(calls).toMatchObject([
      { role: 'generator', model: 'mock:generator', template: 'rephrase', params: { temperature: 0.5, topP: 0.9, maxTokens: 512, stop: ['</s>'] } },
    ]);
  });

  it('lets the recipe override the parameters and the template, with variables of its own', async () => {
    const model = generator(`Here is a paraphrased version: ${tideRewrite}`);
    const { records, calls } = await runTask(rephraseTask, {
      input: { text: tideDocument },
      models: { generator: model },
      params: { default: { temperature: 0.9 }, generator: { temperature: 1, maxTokens: 300 } },
      templates: { rephrase: { user: 'Rewrite this for {audience}:\n{document}' } },
      variables: { audience: 'a ten-year-old' },
    });
    expect(records).toEqual([{ rephrased: tideRewrite }]);
    expect(calls[0]?.params).toEqual({ temperature: 1, topP: 0.9, maxTokens: 300, stop: ['</s>'] });
    expect(model.doGenerateCalls[0]?.messages?.[1]?.content).toBe(`Rewrite this for a ten-year-old:\n${tideDocument}`);
  });

  it('accepts a prefix the model put in bold (markdown goes first)', async () => {
    const { records } = await runTask(rephraseTask, {
      input: { text: tideDocument },
      models: { generator: generator(`**Here is a paraphrased version:**\n${tideRewrite}`) },
    });
    expect(records).toEqual([{ rephrased: tideRewrite }]);
  });

  it('rejects an answer without the prefix, a cut-off answer and a short one, with the reason', async () => {
    const run = async (answer: string) => (await runTask(rephraseTask, { input: { text: tideDocument }, models: { generator: generator(answer) } })).rejections;
    expect(await run(`Sure! Here is a paraphrased version: ${tideRewrite}`)).toEqual([
      {
        reason: 'missing prefix: the answer does not begin with "Here is a paraphrased version:"',
        details: { prefix: 'Here is a paraphrased version:', answer_start: 'Sure! Here is a paraphrased version: Tides are the periodic rise and fall of sea' },
      },
    ]);
    expect(await run(`Here is a paraphrased version: ${wordsOfTokens(520)}`)).toEqual([
      {
        reason: 'answer too long: 528 tokens (llama-3), more than max_answer_tokens 510; it was probably cut off at max_tokens',
        details: { tokens: 528, max_answer_tokens: 510, tokenizer: 'llama-3' },
      },
    ]);
    expect(await run('Here is a paraphrased version: Tides rise and fall.')).toEqual([
      {
        reason: 'output too short: 6 tokens (llama-3), fewer than min_output_tokens 50',
        details: { tokens: 6, min_output_tokens: 50, tokenizer: 'llama-3' },
      },
    ]);
    expect((await run('Here is a paraphrased version:'))[0]?.reason).toBe('empty output: nothing is left of the answer after post-processing');
  });

  it('turns each step off with its option', async () => {
    const answer = `**Note:** "${tideRewrite}"`;
    const { records } = await runTask(rephraseTask, {
      options: { answer_prefix: null, remove_quotes: false, remove_markdown: false, max_answer_tokens: null, min_output_tokens: 0 },
      input: { text: tideDocument },
      models: { generator: generator(answer) },
    });
    expect(records).toEqual([{ rephrased: answer }]);
  });

  it('reads the document from the field input_field names, and declares it for validation', async () => {
    const model = generator(`Here is a paraphrased version: ${tideRewrite}`);
    const { records } = await runTask(rephraseTask, {
      options: { input_field: 'raw_content' },
      input: { raw_content: tideDocument, text: 'not this one' },
      models: { generator: model },
    });
    expect(records).toEqual([{ rephrased: tideRewrite }]);
    expect(model.doGenerateCalls[0]?.messages?.[1]?.content).toContain(`Text:\n${tideDocument}\n`);
    expect(rephraseTask.fields?.(rephraseTask.options.parse({ input_field: 'raw_content' }))).toEqual({ reads: ['raw_content'] });
    expect(rephraseTask.fields?.(rephraseTask.options.parse({}))).toEqual({ reads: ['text'] });
  });

  it('fails a record whose document field is missing or not text, naming the record\'s fields', async () => {
    const run = (input: Record<string, string | number>) => runTask(rephraseTask, { input, models: { generator: generator('unused') } });
    await expect(run({ content: tideDocument })).rejects.toThrow(
      'The document field "text" is missing; set the option input_field to the field that holds the document (this record has: content).',
    );
    await expect(run({ text: 42 })).rejects.toThrow('The document field "text" is a number, not text;');
  });

  it('refuses an unknown option and a string where a number belongs', () => {
    expect(rephraseTask.options.safeParse({ answer_prefx: 'x' }).success).toBe(false);
    expect(rephraseTask.options.safeParse({ max_answer_tokens: '510' }).success).toBe(false);
    expect(rephraseTask.options.parse({})).toEqual({
      input_field: 'text',
      tokenizer: 'llama-3',
      remove_markdown: true,
      max_answer_tokens: 510,
      min_output_tokens: 50,
      answer_prefix: 'Here is a paraphrased version:',
      remove_quotes: true,
    });
  });
});
