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

  it('answers with a raw body such as a gateway HTML page, which the SDK puts whole in the message', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const { client, server } = await startTestServer({
      rules: [errorRule({ status: 502, message: 'unused', body: page }), textRule({ match: /.*/, answer: 'x' })],
    });

    const error = await client.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    const raw = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] }),
    });

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const serverError = error as InstanceType<typeof OpenAI.InternalServerError>;
    expect(serverError.status).toBe(502);
    expect(serverError.message).toBe(`502 ${page}`);
    expect(serverError.error).toBeUndefined();
    expect(serverError.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(raw.status).toBe(502);
    expect(await raw.text()).toBe(page);
  });

  it('sends a raw body with the given content type', async () => {
    const { server } = await startTestServer({
      rules: [errorRule({ status: 503, message: 'unused', body: 'upstream connect error', contentType: 'text/plain' })],
    });

    const response = await fetch(`${server.baseURL}/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'base-model', prompt: 'Once' }),
    });

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('upstream connect error');
  });
});
