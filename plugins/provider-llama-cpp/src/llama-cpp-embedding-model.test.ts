import { APICallError } from '@synthkit/core';
import { tinyGgufShape } from '@synthkit/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlamaCpp, type LlamaCppProvider } from './index';
import { writeTinyModel, type TinyModelFolder } from './test-support/tiny-model';

let tiny: TinyModelFolder;
let provider: LlamaCppProvider;
beforeAll(async () => {
  tiny = await writeTinyModel();
  provider = createLlamaCpp({ models: { tiny: tiny.path }, threads: 1 });
});
afterAll(async () => {
  await provider.dispose();
  await tiny.project.remove();
});

describe('LlamaCppEmbeddingModel', () => {
  it('gives one vector of the model width per text, in order, with the token count', async () => {
    const model = provider.embeddingModel('tiny');
    const { embeddings, usage } = await model.doEmbed({ texts: ['hello', 'a longer text about the sea', 'hello'] });

    expect(embeddings).toHaveLength(3);
    expect(embeddings.map((vector) => vector.length)).toEqual([tinyGgufShape.embeddingLength, 64, 64]);
    expect(embeddings.flat().every(Number.isFinite)).toBe(true);
    expect(embeddings[2]).toEqual(embeddings[0]);
    expect(embeddings[1]).not.toEqual(embeddings[0]);
    // A space in front, then one token per character here.
    expect(usage).toEqual({ inputTokens: 6 + 28 + 6 });
  });

  it('is deterministic: the same text gives the same vector in another provider', async () => {
    const other = createLlamaCpp({ models: { tiny: tiny.path }, threads: 1 });
    const [first, second] = await Promise.all([
      provider.embeddingModel('tiny').doEmbed({ texts: ['the same text'] }),
      other.embeddingModel('tiny').doEmbed({ texts: ['the same text'] }),
    ]);
    await other.dispose();

    expect(second.embeddings).toEqual(first.embeddings);
  });

  it('refuses an empty text and one longer than the context, naming which', async () => {
    const short = createLlamaCpp({ models: { tiny: tiny.path }, threads: 1, contextSize: 32 });
    const failure = (texts: string[]) =>
      short
        .embeddingModel('tiny')
        .doEmbed({ texts })
        .then(
          () => expect.fail('the texts were embedded'),
          (caught: unknown) => caught as APICallError,
        );

    const empty = await failure(['fine', '']);
    const long = await failure(['fine', 'fine', 'x'.repeat(300)]);
    await short.dispose();

    expect(APICallError.isInstance(empty)).toBe(true);
    expect(empty).toMatchObject({ isRetryable: false, message: 'llama-cpp:tiny: text 1 is empty: it has no token to embed.' });
    expect(APICallError.isInstance(long)).toBe(true);
    expect(long.message).toBe(
      'llama-cpp:tiny: text 2 is 301 tokens, more than the context holds: shorten it, or raise contextSize under providers.llama-cpp.',
    );
  });

  it('stops with the reason of an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('not now'));

    await expect(provider.embeddingModel('tiny').doEmbed({ texts: ['hello'], signal: controller.signal })).rejects.toThrow('not now');
  });
});
