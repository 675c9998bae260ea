import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAITestServer, type OpenAITestServer } from './create-openai-test-server';
import { textRule } from './text-rule';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('textRule', () => {
  it('answers fixed text, or text built from the match and the request, and passes otherwise', async () => {
    server = await createOpenAITestServer({
      rules: [
        textRule({ match: /^hello$/i, answer: 'Hi there!' }),
        textRule({ match: /capital of (\w+)/, answer: (match, request) => `${match[1]} (asked of ${request.model})` }),
      ],
    });
    const client = new OpenAI({ apiKey: 'test-key', baseURL: server.baseURL, maxRetries: 0 });
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
