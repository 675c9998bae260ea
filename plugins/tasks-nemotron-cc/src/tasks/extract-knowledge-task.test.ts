import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { tideDocument, tideRewrite } from '../test-support/sample-texts';
import { extractKnowledgeTask } from './extract-knowledge-task';

const generator = (answer: string) => new MockLanguageModelV1({ modelId: 'generator', doGenerate: [answer] });

describe('nemotron-cc:extract-knowledge', () => {
  it('sends the document with NeMo\'s parameters and removes the passage labels the model added', async () => {
    const model = generator(`Passage 1:\n${tideRewrite}\n\n**Passage 2:** \nNeap tides are the weakest.`);
    const { records, calls } = await runTask(extractKnowledgeTask, { input: { text: tideDocument }, models: { generator: model } });
    expect(records).toEqual([{ extract_knowledge: `${tideRewrite}\n\nNeap tides are the weakest.` }]);
    const [system, user] = model.doGenerateCalls[0]?.messages ?? [];
    expect(system).toEqual({ role: 'system', content: nemotronCCSystemPrompt });
    expect(user?.content).toContain(`Text:\n${tideDocument}\n`);
    expect(calls[0]).toMatchObject({ template: 'extract-knowledge', params: { temperature: 0.5, topP: 0.9, maxTokens: 1400, stop: ['</s>'] } });
  });

  it('keeps a label inside a line, and removes the lines a recipe lists instead of the default ones', async () => {
    const answer = `Passage 1:\nSee Passage 1: above. ${tideRewrite}\nSection A:`;
    const { records } = await runTask(extractKnowledgeTask, {
      options: { remove_lines: ['Section A:'] },
      input: { text: tideDocument },
      models: { generator: generator(answer) },
    });
    expect(records).toEqual([{ extract_knowledge: `Passage 1:\nSee Passage 1: above. ${tideRewrite}` }]);
  });

  it('rejects an answer that is only labels', async () => {
    const { rejections } = await runTask(extractKnowledgeTask, {
      input: { text: tideDocument },
      models: { generator: generator('Passage:\nPassage 1:\n') },
    });
    expect(rejections).toEqual([{ reason: 'empty output: nothing is left of the answer after post-processing' }]);
  });
});
