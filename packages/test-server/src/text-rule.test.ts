import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test-support/ask-test-server';
import { textRule } from './text-rule';

describe('textRule', () => {
  it('answers fixed text, or text built from the match and the request, and passes otherwise', async () => {
    const { client } = await startTestServer({
      rules: [
        textRule({ match: /^hello$/i, answer: 'Hi there!' }),
        textRule({ match: /capital of (\w+)/, answer: (match, request) => `${match[1]} (asked of ${request.model})` }),
      ],
    });
    const ask = (content: string) =>
      client.chat.completions.create({ model: 'geo-model', messages: [{ role: 'user', content }] });

    const fixed = await ask('Hello');
    const built = await ask('What is the capital of France?');
    const unmatched = await ask('Something else').catch((caught: unknown) => caught);

    expect(fixed.choices[0]?.message.content).toBe('Hi there!');
    expect(built.choices[0]?.message.content).toBe('France (asked of geo-model)');
    expect(unmatched).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
