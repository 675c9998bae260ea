import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { nemotronCCDistillSystemPrompt, nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { tideDocument, tideRewrite } from '../test-support/sample-texts';
import { distillTask } from './distill-task';

const generator = (answer: string) => new MockLanguageModelV1({ modelId: 'generator', doGenerate: [answer] });

describe('nemotron-cc:distill', () => {
  it('sends the document with its own, more exacting system prompt and NeMo\'s parameters', async () => {
    const model = generator(`Paraphrased Text:\n${tideRewrite}`);
    const { records, calls } = await runTask(distillTask, { input: { text: tideDocument }, models: { generator: model } });
    expect(records).toEqual([{ distill: tideRewrite }]);
    const [system, user] = model.doGenerateCalls[0]?.messages ?? [];
    expect(system).toEqual({ role: 'system', content: nemotronCCDistillSystemPrompt });
    expect(nemotronCCDistillSystemPrompt).not.toBe(nemotronCCSystemPrompt);
    expect(user?.content).toContain(`Text:\n${tideDocument}\n`);
    expect(user?.content).toContain('Begin your answer with "Paraphrased Text:"');
    expect(calls[0]).toMatchObject({ template: 'distill', params: { temperature: 0.5, topP: 0.9, maxTokens: 1600, stop: ['</s>'] } });
  });

  it('drops the prefix, markdown and quotes, and rejects an answer without the prefix', async () => {
    const run = (answer: string) => runTask(distillTask, { input: { text: tideDocument }, models: { generator: generator(answer) } });
    expect((await run(`*Paraphrased Text:* "${tideRewrite}"`)).records).toEqual([{ distill: tideRewrite }]);
    expect((await run(`Here is a paraphrased version: ${tideRewrite}`)).rejections[0]?.reason).toBe(
      'missing prefix: the answer does not begin with "Paraphrased Text:"',
    );
  });

  it('takes a prefix of its own for a template of its own', async () => {
    const { records } = await runTask(distillTask, {
      options: { answer_prefix: 'Summary:' },
      templates: { distill: { user: 'Condense it, starting with "Summary:".\n{document}' } },
      input: { text: tideDocument },
      models: { generator: generator(`Summary: ${tideRewrite}`) },
    });
    expect(records).toEqual([{ distill: tideRewrite }]);
  });
});
