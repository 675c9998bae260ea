import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { errorRule } from './error-rule';
import { startTestServer } from './test-support/ask-test-server';
import { textRule } from './text-rule';

describe('errorRule', () => {
  it('fails the given number of times, then lets the next rule answer (so SDK retries succeed)', async () => {
    const { server, client } = await startTestServer(
      {
        rules: [
          errorRule({ status: 429, message: 'Slow down', headers: { 'retry-after-ms': '10' }, times: 2 }),
          textRule({ match: /hi/, answer: 'finally' }),
        ],
      },
      { maxRetries: 2 },
    );

    const completion = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
    });

    expect(completion.choices[0]?.message.content).toBe('finally');
    expect(server.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
  });

  it('fails only the requests whose prompt matches, with a 5xx typed as a server error', async () => {
    const { client } = await startTestServer({
      rules: [
        errorRule({ match: /boom/, status: 503, message: 'Overloaded' }),
        textRule({ match: /.*/, answer: 'fine' }),
      ],
    });
    const ask = (content: string) =>
      client.chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content }] });

    const failed = await ask('boom').catch((caught: unknown) => caught);
    const answered = await ask('calm');

    expect(failed).toBeInstanceOf(OpenAI.InternalServerError);
    expect((failed as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
    expect((failed as InstanceType<typeof OpenAI.InternalServerError>).type).toBe('server_error');
    expect(answered.choices[0]?.message.content).toBe('fine');
  });
});
