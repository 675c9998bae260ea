import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { styleTransferTask } from './style-transfer-task';

const input = { text: 'Submit the form by Friday.' };

describe('transform:style-transfer', () => {
  it('puts the tone and the register into the prompt, in words', async () => {
    const styleOf = async (options: object) => {
      const generator = new MockLanguageModelV1({ doGenerate: 'Pop the form in by Friday!' });
      await runTask(styleTransferTask, { options, input, models: { generator } });
      return generator.doGenerateCalls[0]?.messages?.[1]?.content.split('\n')[0];
    };
    expect(await styleOf({ tone: 'friendly', register: 'casual' })).toBe('Rewrite the text between the <text> tags so that it reads in a friendly tone and a casual register.');
    expect(await styleOf({ tone: 'stern' })).toBe('Rewrite the text between the <text> tags so that it reads in a stern tone.');
    expect(await styleOf({ register: 'formal' })).toBe('Rewrite the text between the <text> tags so that it reads in a formal register.');
  });

  it('gives overrides {tone} and {register} as written, empty when unset', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Done.' });
    await runTask(styleTransferTask, {
      options: { register: 'legal' },
      input,
      models: { generator },
      templates: { 'style-transfer': { system: '', user: 'tone=[{tone}] register=[{register}]: {text}' } },
    });
    expect(generator.doGenerateCalls[0]?.messages).toEqual([{ role: 'user', content: 'tone=[] register=[legal]: Submit the form by Friday.' }]);
  });

  it('needs a tone or a register', () => {
    const result = styleTransferTask.options.safeParse({});
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: [], message: 'needs a style to write in: set tone (e.g. friendly), register (e.g. formal), or both.' })]);
    expect(styleTransferTask.options.safeParse({ tone: '  ' }).success).toBe(false);
  });
});
