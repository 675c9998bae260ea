import type { LanguageModelV1CallOptions, LanguageModelV1Result } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { MockLanguageModelV1 } from './mock-language-model-v1';

/** Call options asking `prompt` as the only user message, with `params`. */
function ask(prompt: string, params: LanguageModelV1CallOptions['params'] = {}): LanguageModelV1CallOptions {
  return { messages: [{ role: 'user', content: prompt }], params };
}

const result: LanguageModelV1Result = {
  choices: [{ text: 'cut', finishReason: 'length' }],
  usage: { inputTokens: 3, outputTokens: 1 },
  response: { modelId: 'mock-model-2024' },
};

describe('MockLanguageModelV1', () => {
  it('is a v1 language model named mock:mock-model unless told otherwise', () => {
    const model = new MockLanguageModelV1();
    expect(model).toMatchObject({ specificationVersion: 'v1', provider: 'mock', modelId: 'mock-model' });
    expect(model.endpoint).toBeUndefined();
    expect(model.maxChoicesPerCall).toBeUndefined();
    const named = new MockLanguageModelV1({ provider: 'acme', modelId: 'm1', endpoint: 'http://127.0.0.1:1/v1', maxChoicesPerCall: 2 });
    expect(named).toMatchObject({ provider: 'acme', modelId: 'm1', endpoint: 'http://127.0.0.1:1/v1', maxChoicesPerCall: 2 });
  });

  it('answers every call with one text, once per requested choice, with finish reason stop and unknown usage', async () => {
    const model = new MockLanguageModelV1({ doGenerate: 'Hello' });
    await expect(model.doGenerate(ask('a'))).resolves.toEqual({
      choices: [{ text: 'Hello', finishReason: 'stop' }],
      usage: { inputTokens: undefined, outputTokens: undefined },
    });
    const three = await model.doGenerate(ask('b', { n: 3 }));
    expect(three.choices).toEqual([
      { text: 'Hello', finishReason: 'stop' },
      { text: 'Hello', finishReason: 'stop' },
      { text: 'Hello', finishReason: 'stop' },
    ]);
  });

  it('answers every call with one result as it is', async () => {
    const model = new MockLanguageModelV1({ doGenerate: result });
    await expect(model.doGenerate(ask('a'))).resolves.toBe(result);
    await expect(model.doGenerate(ask('b', { n: 4 }))).resolves.toBe(result);
  });

  it('answers call after call from a list of texts and results, then fails naming how many were given', async () => {
    const model = new MockLanguageModelV1({ doGenerate: ['first', result] });
    expect((await model.doGenerate(ask('a', { n: 2 }))).choices.map((choice) => choice.text)).toEqual(['first', 'first']);
    await expect(model.doGenerate(ask('b'))).resolves.toBe(result);
    await expect(model.doGenerate(ask('c'))).rejects.toThrowError(
      'MockLanguageModelV1 mock:mock-model received call 3, but doGenerate lists 2 answers.',
    );
    const single = new MockLanguageModelV1({ modelId: 'one', doGenerate: ['only'] });
    await single.doGenerate(ask('a'));
    await expect(single.doGenerate(ask('b'))).rejects.toThrowError(/received call 2, but doGenerate lists 1 answer\. Add an answer/);
  });

  it('answers from a function of the call options, signal included, sync or async', async () => {
    const seen: LanguageModelV1CallOptions[] = [];
    const model = new MockLanguageModelV1({
      doGenerate: async (options) => {
        seen.push(options);
        const prompt = options.messages?.at(-1)?.content ?? '';
        return prompt.includes('list') ? '- a\n- b' : `echo: ${prompt}`;
      },
    });
    const signal = new AbortController().signal;
    expect((await model.doGenerate({ ...ask('make a list'), signal })).choices[0]?.text).toBe('- a\n- b');
    expect((await model.doGenerate(ask('hi'))).choices[0]?.text).toBe('echo: hi');
    expect(seen[0]?.signal).toBe(signal);

    const fromResult = new MockLanguageModelV1({ doGenerate: () => result });
    await expect(fromResult.doGenerate(ask('a'))).resolves.toBe(result);
  });

  it('fails a call whose function throws, with that error', async () => {
    const failure = new Error('endpoint on fire');
    const model = new MockLanguageModelV1({
      doGenerate: () => {
        throw failure;
      },
    });
    await expect(model.doGenerate(ask('a'))).rejects.toBe(failure);
  });

  it('fails every call when it has no answers, saying what to pass', async () => {
    await expect(new MockLanguageModelV1().doGenerate(ask('a'))).rejects.toThrowError(
      'MockLanguageModelV1 mock:mock-model was called but has no answers. Pass doGenerate: a text, a result, a list of them (one per call) or a function of the call options.',
    );
  });

  it('records every call without its signal and activity callback, failed calls included', async () => {
    const model = new MockLanguageModelV1({ doGenerate: ['one'] });
    const responseFormat = { type: 'json' as const, schema: { type: 'object' } };
    await model.doGenerate({ ...ask('a', { temperature: 0.2 }), responseFormat, signal: new AbortController().signal, onActivity: () => {} });
    await model.doGenerate({ prompt: 'raw prompt', params: { maxTokens: 5 } }).catch(() => undefined);
    expect(model.doGenerateCalls).toEqual([
      { messages: [{ role: 'user', content: 'a' }], params: { temperature: 0.2 }, responseFormat },
      { prompt: 'raw prompt', params: { maxTokens: 5 } },
    ]);
  });
});
