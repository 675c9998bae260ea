import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { tideDocument } from '../test-support/sample-texts';
import { knowledgeListTask } from './knowledge-list-task';

const generator = (answer: string) => new MockLanguageModelV1({ modelId: 'generator', doGenerate: [answer] });

const facts = [
  'Tides are the regular rise and fall of the sea, caused mainly by the moon and partly by the sun.',
  'Most coasts have two high and two low tides per lunar day.',
  'A lunar day lasts about 24 hours and 50 minutes.',
  'Spring tides happen at new and full moon; neap tides at the quarter moons.',
];

describe('nemotron-cc:knowledge-list', () => {
  it('sends the document with NeMo\'s parameters and writes the facts one per line, without heading or bullets', async () => {
    const model = generator(`**Key facts:**\n- ${facts[0]}\n- ${facts[1]}\n  ${facts[2]}\n- ${facts[3]}`);
    const { records, calls } = await runTask(knowledgeListTask, { input: { text: tideDocument }, models: { generator: model } });
    expect(records).toEqual([{ knowledge_list: facts.join('\n') }]);
    const [system, user] = model.doGenerateCalls[0]?.messages ?? [];
    expect(system).toEqual({ role: 'system', content: nemotronCCSystemPrompt });
    expect(user?.content).toContain(`Text:\n${tideDocument}\n`);
    expect(calls[0]).toMatchObject({ template: 'knowledge-list', params: { temperature: 0.5, topP: 0.9, maxTokens: 600, stop: ['</s>'] } });
  });

  it('keeps the list as the model wrote it with format_list off', async () => {
    const answer = facts.map((fact) => `- ${fact}`).join('\n');
    const { records } = await runTask(knowledgeListTask, {
      options: { format_list: false },
      input: { text: tideDocument },
      models: { generator: generator(answer) },
    });
    expect(records).toEqual([{ knowledge_list: answer }]);
  });

  it('rejects a one-line answer without a bullet: nothing is left of it', async () => {
    const { rejections } = await runTask(knowledgeListTask, {
      input: { text: tideDocument },
      models: { generator: generator('I cannot list facts from this text.') },
    });
    expect(rejections).toEqual([{ reason: 'empty output: nothing is left of the answer after post-processing' }]);
  });
});
