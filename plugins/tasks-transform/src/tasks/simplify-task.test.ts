import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { simplifyTask } from './simplify-task';

describe('transform:simplify', () => {
  it('asks for the reading level of the options, grade 6 by default', async () => {
    const firstLine = async (options: object) => {
      const generator = new MockLanguageModelV1({ doGenerate: 'Plants make food from light.' });
      await runTask(simplifyTask, { options, input: { text: 'Photosynthesis converts light energy into chemical energy.' }, models: { generator } });
      return generator.doGenerateCalls[0]?.messages?.[1]?.content.split('\n')[0];
    };
    expect(await firstLine({})).toBe('Rewrite the text between the <text> tags for readers of about 11 years old (US grade 6).');
    expect(await firstLine({ reading_level: 'adults learning English (CEFR A2)' })).toBe('Rewrite the text between the <text> tags for adults learning English (CEFR A2).');
  });
});
