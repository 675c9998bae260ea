import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { educationalTextTask } from './educational-text-task';

const page = 'Home | Shop | Login\nHow rainbows form: sunlight is refracted, reflected and dispersed in raindrops…\n© 2026 Weather Co. Subscribe!';

describe('transform:educational-text', () => {
  it('asks for a lesson for the audience from what the page teaches, and writes it', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'A rainbow forms when sunlight enters raindrops…' });
    const { records } = await runTask(educationalTextTask, { options: { audience: 'primary-school pupils', max_words: 300 }, input: { text: page }, models: { generator } });
    expect(records).toEqual([{ educational_text: 'A rainbow forms when sunlight enters raindrops…' }]);
    const prompt = generator.doGenerateCalls[0]?.messages?.[1]?.content ?? '';
    expect(prompt).toContain('Write an educational text for primary-school pupils from what the page teaches.');
    expect(prompt).toContain('in at most 300 words.');
    expect(prompt).toContain('reply with exactly NO_EDUCATIONAL_CONTENT and nothing else.');
  });

  it('rejects a page the model finds nothing to teach in, however the marker is dressed', async () => {
    for (const answer of ['NO_EDUCATIONAL_CONTENT', ' `NO_EDUCATIONAL_CONTENT`.\n', 'no_educational_content']) {
      const { records, rejections } = await runTask(educationalTextTask, { input: { text: 'Login | Password' }, models: new MockLanguageModelV1({ doGenerate: answer }) });
      expect(records).toEqual([]);
      expect(rejections).toEqual([{ reason: 'no educational content: the model found nothing to teach in the page', details: { answer: answer.trim() } }]);
    }
  });
});
