import { APICallError } from '@synthkit/core';
import { createOpenAITestServer, errorRule, rewardRule, textRule, type OpenAITestServer, type OpenAITestServerOptions } from '@synthkit/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './create-openai';
import { failureOf } from './test-support/http-test-helpers';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rewardModelWith(options: OpenAITestServerOptions) {
  server = await createOpenAITestServer(options);
  return { server, model: createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-reward-secret' }).rewardModel('nvidia/nemotron-4-340b-reward') };
}

const conversation = [
  { role: 'user' as const, content: 'What is the boiling point of water at sea level?' },
  { role: 'assistant' as const, content: '100 degrees Celsius.' },
];

describe('OpenAIRewardModel', () => {
  it('sends the conversation as a chat completion and reads every score from the log probabilities', async () => {
    const scores = { helpfulness: 3.90625, correctness: 4.09375, coherence: 3.75, complexity: 0.84375, verbosity: 0.5 };
    const { server, model } = await rewardModelWith({ rules: [rewardRule({ scores })] });

    const result = await model.doScore({ messages: conversation });

    expect(result.scores).toEqual(scores);
    expect(server.requests[0]?.body).toEqual({ model: 'nvidia/nemotron-4-340b-reward', messages: conversation });
    expect(model).toMatchObject({ specificationVersion: 'v1', provider: 'openai', modelId: 'nvidia/nemotron-4-340b-reward', endpoint: server.baseURL });
  });

  it('scores each conversation on its own', async () => {
    const { model } = await rewardModelWith({
      rules: [rewardRule({ scores: (messages) => ({ helpfulness: messages.at(-1)!.content.length / 10 }) })],
    });
    const short = await model.doScore({ messages: [conversation[0]!, { role: 'assistant', content: '100' }] });
    const long = await model.doScore({ messages: conversation });
    expect(short.scores.helpfulness).toBeCloseTo(0.3);
    expect(long.scores.helpfulness).toBeCloseTo(2);
  });

  it('says the model is probably not a reward model when the answer has no log probabilities, without retrying', async () => {
    const { model } = await rewardModelWith({ rules: [textRule({ match: /.*/, answer: 'It is 100 degrees.' })] });
    const error = await failureOf(model.doScore({ messages: conversation }));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: false, statusCode: 200 });
    expect((error as Error).message).toMatch(/nvidia\/nemotron-4-340b-reward has no log probabilities, so it is probably not a reward model/);
  });

  it('converts API errors like the chat model, with the key redacted', async () => {
    const { model } = await rewardModelWith({ rules: [errorRule({ status: 429, message: 'Too many requests for sk-reward-secret.', headers: { 'retry-after': '3' } })] });
    const error = await failureOf(model.doScore({ messages: conversation }));
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterSeconds: 3 });
    expect((error as Error).message).not.toContain('sk-reward-secret');
  });

  it('stops when its signal aborts', async () => {
    const { model } = await rewardModelWith({ rules: [rewardRule({ scores: { helpfulness: 1 } })], latencyMs: 5000 });
    const controller = new AbortController();
    const pending = failureOf(model.doScore({ messages: conversation, signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('stopped')), 20);
    const startedAt = performance.now();
    await pending;
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });
});
