import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APICallError, InvalidArgumentError, type LanguageModelV1CallOptions } from '@synthkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlamaCpp, type LlamaCppLanguageModel, type LlamaCppProvider } from './index';
import { writeTinyModel, type TinyModelFolder } from './test-support/tiny-model';

let tiny: TinyModelFolder;
let provider: LlamaCppProvider;
let model: LlamaCppLanguageModel;
beforeAll(async () => {
  tiny = await writeTinyModel();
  // One thread: more threads than free cores make llama.cpp hundreds of times slower.
  provider = createLlamaCpp({ models: { tiny: tiny.path }, threads: 1 });
  model = provider.languageModel('tiny');
});
afterAll(async () => {
  await provider.dispose();
  await tiny.project.remove();
});

const chat = (content: string, params: LanguageModelV1CallOptions['params'] = {}, rest: Partial<LanguageModelV1CallOptions> = {}) =>
  model.doGenerate({ messages: [{ role: 'user', content }], params: { maxTokens: 16, ...params }, ...rest } as LanguageModelV1CallOptions);

const textOf = async (result: Promise<{ choices: ReadonlyArray<{ text: string }> }>) => (await result).choices[0]?.text ?? '';

/**
 * A seed and a stop text for a stop test: the first seed whose free answer has, at position 2 or
 * later, a letter or digit not seen before it, after a start of whole characters. (The random model
 * also writes stray bytes, which decode as U+FFFD and are held back at a stop.)
 */
async function findStopText(generate: (seed: number) => Promise<string>): Promise<{ seed: number; free: string; stop: string }> {
  for (let seed = 1; seed <= 20; seed++) {
    const free = await generate(seed);
    for (let index = 2; index < free.length && !free.slice(0, index).includes('\ufffd'); index++) {
      const stop = free[index] ?? '';
      if (/[a-z0-9]/i.test(stop) && !free.slice(0, index).includes(stop)) return { seed, free, stop };
    }
  }
  throw new Error('no seed gave an answer to stop in');
}

describe('LlamaCppLanguageModel chat', () => {
  it('answers a chat with the model id, usage from the tokenizer and a finish reason', async () => {
    const result = await model.doGenerate({
      messages: [
        { role: 'system', content: 'You answer briefly.' },
        { role: 'user', content: 'Name a colour.' },
      ],
      params: { maxTokens: 12, temperature: 0.7, seed: 1 },
    });

    expect(result.choices).toHaveLength(1);
    expect(result.choices[0]?.text.length).toBeGreaterThan(0);
    expect(result.choices[0]?.finishReason).toMatch(/^(stop|length)$/);
    expect(result.response).toEqual({ modelId: 'tiny' });
    expect(result.warnings).toBeUndefined();
    // The prompt as the model's chat template writes it: far more tokens than the user's words.
    expect(result.usage.inputTokens).toBeGreaterThan(30);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeLessThanOrEqual(14);
  });

  it('writes system messages into the prompt, and keeps calls apart (no shared history)', async () => {
    const params = { maxTokens: 12, temperature: 0.8, seed: 4 };
    const alone = await chat('Name a colour.', params);
    const withSystem = await model.doGenerate({
      messages: [
        { role: 'system', content: 'You are a poet who answers in verse, at length.' },
        { role: 'user', content: 'Name a colour.' },
      ],
      params,
    });
    const aloneAgain = await chat('Name a colour.', params);

    expect(withSystem.usage.inputTokens).toBeGreaterThan((alone.usage.inputTokens ?? 0) + 40);
    expect(aloneAgain.usage.inputTokens).toBe(alone.usage.inputTokens);
    expect(aloneAgain.choices[0]?.text).toBe(alone.choices[0]?.text);
  });

  it('gives the same answer for the same seed, another for another seed', async () => {
    const params = { maxTokens: 24, temperature: 0.9, seed: 42 };
    const first = await textOf(chat('Tell me a story.', params));

    expect(await textOf(chat('Tell me a story.', params))).toBe(first);
    expect(await textOf(chat('Tell me a story.', { ...params, seed: 43 }))).not.toBe(first);
  });

  it('stops at maxTokens with finish reason length', async () => {
    const result = await chat('Go on and on.', { maxTokens: 5, temperature: 0.9, seed: 2 });

    expect(result.choices[0]?.finishReason).toBe('length');
    // llama.cpp may add a token to finish a character split over bytes.
    expect(result.usage.outputTokens).toBeGreaterThanOrEqual(5);
    expect(result.usage.outputTokens).toBeLessThanOrEqual(7);
  });

  it('stops before a stop text, with finish reason stop', async () => {
    const { seed, free, stop } = await findStopText((seed) => textOf(chat('Hello', { maxTokens: 30, temperature: 0.9, seed })));

    const stopped = await chat('Hello', { maxTokens: 30, temperature: 0.9, seed, stop: ['@@', stop] });

    expect(stopped.choices[0]).toEqual({ text: free.slice(0, free.indexOf(stop)), finishReason: 'stop' });
  });

  it('continues a last assistant message without repeating it', async () => {
    const result = await model.doGenerate({
      messages: [
        { role: 'user', content: 'Count.' },
        { role: 'assistant', content: 'One, two,' },
      ],
      params: { maxTokens: 8, temperature: 0, seed: 1 },
    });

    expect(result.choices[0]?.text.startsWith('One, two,')).toBe(false);
    expect(result.choices[0]?.finishReason).toBe('length');
  });

  it('refuses an empty conversation before loading anything, naming the model', async () => {
    const unloaded = createLlamaCpp({ models: { tiny: tiny.path }, threads: 1 });
    let activity = 0;

    const error = await unloaded
      .languageModel('tiny')
      .doGenerate({ messages: [], params: {}, onActivity: () => activity++ })
      .catch((caught: unknown) => caught);
    await unloaded.dispose();

    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'messages' });
    expect((error as Error).message).toMatch(
      /^llama-cpp:tiny \(.*tiny\.gguf\): the conversation is empty \(messages: \[\]\)\. Send at least one message, or a prompt\.$/,
    );
    expect(activity).toBe(0);
  });

  it('refuses a prompt longer than the context, before generating', async () => {
    const error = await chat('word '.repeat(600)).catch((caught: unknown) => caught);

    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(false);
    expect((error as APICallError).message).toMatch(
      /^llama-cpp:tiny \(.*tiny\.gguf\): the prompt is \d+ tokens and the context holds 512, so no answer fits\. Shorten the prompt, or raise contextSize/,
    );
  });

  it('makes n choices one after another, choice i with seed + i', async () => {
    const params = { maxTokens: 10, temperature: 0.9, seed: 7 };
    const result = await chat('Tell me a story.', { ...params, n: 2 });

    expect(result.choices.map((choice) => choice.text)).toEqual([
      await textOf(chat('Tell me a story.', params)),
      await textOf(chat('Tell me a story.', { ...params, seed: 8 })),
    ]);
    expect(result.usage.inputTokens).toBe(2 * ((await chat('Tell me a story.', params)).usage.inputTokens ?? 0));
  });

  it("uses providerOptions['llama-cpp'] and warns about keys it does not know", async () => {
    const params = { maxTokens: 20, temperature: 0.9, seed: 5 };
    const plain = await chat('Hello', params);
    const penalised = await chat('Hello', {
      ...params,
      providerOptions: { 'llama-cpp': { repeatPenalty: { penalty: 5, lastTokens: 64 }, typo: 1 }, openai: { top_k: 3 } },
    });

    expect(penalised.choices[0]?.text).not.toBe(plain.choices[0]?.text);
    expect(penalised.warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'providerOptions.llama-cpp.typo',
        message: 'providerOptions.llama-cpp.typo is not a llama-cpp option and was not used; the options are: minP, repeatPenalty.',
      },
    ]);
    const invalid = await chat('Hello', { providerOptions: { 'llama-cpp': { minP: 2 } } }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(invalid)).toBe(true);
    expect(invalid).toMatchObject({ argument: 'providerOptions.llama-cpp.minP', message: 'providerOptions.llama-cpp.minP must be at most 1, got 2.' });
  });
});

describe('LlamaCppLanguageModel raw completion', () => {
  it('continues a prompt as it is, without a chat template', async () => {
    const params = { maxTokens: 12, temperature: 0.7, seed: 3 };
    const completion = await model.doGenerate({ prompt: 'Once upon a time', params });
    const chatted = await chat('Once upon a time', params);

    // Just the text (with the beginning-of-text token), where the chat template adds its own.
    expect(completion.usage.inputTokens).toBeLessThan(20);
    expect(chatted.usage.inputTokens).toBeGreaterThan(20);
    expect(completion.choices[0]?.finishReason).toBe('length');
    expect((await model.doGenerate({ prompt: 'Once upon a time', params })).choices[0]?.text).toBe(completion.choices[0]?.text);
  });

  it('stops at a stop text, and refuses a prompt the context cannot hold', async () => {
    const generate = (seed: number, stop?: string) =>
      model.doGenerate({ prompt: 'Once upon a time', params: { maxTokens: 30, temperature: 0.9, seed, ...(stop == null ? {} : { stop: [stop] }) } });
    const { seed, free, stop } = await findStopText(async (seed) => textOf(generate(seed)));

    expect((await generate(seed, stop)).choices[0]).toEqual({ text: free.slice(0, free.indexOf(stop)), finishReason: 'stop' });
    const error = await model.doGenerate({ prompt: 'x'.repeat(600), params: {} }).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('so no answer fits');
  });
});

describe('LlamaCppLanguageModel structured output', () => {
  const answerSchema = z.strictObject({
    ok: z.boolean(),
    level: z.enum(['low', 'mid', 'high']),
    name: z.string().max(8),
    tags: z.array(z.string().max(4)).max(3),
  });

  it('answers JSON that parses and fits the schema, for every seed', async () => {
    const responseFormat = { type: 'json' as const, name: 'answer', schema: z.toJSONSchema(answerSchema) };
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = await chat('Describe yourself as JSON.', { maxTokens: 200, temperature: 0.8, seed }, { responseFormat });
      const text = result.choices[0]?.text ?? '';

      expect(result.choices[0]?.finishReason, text).toBe('stop');
      // The grammar counts string lengths in characters as llama.cpp writes them; the random model
      // also writes stray bytes (never a real model), which decode as U+FFFD, each one JavaScript character.
      expect(answerSchema.safeParse(JSON.parse(text.replaceAll('\ufffd', ''))).success, text).toBe(true);
    }
  });

  it('answers some JSON when no schema is given', async () => {
    const result = await chat('JSON, please.', { maxTokens: 200, temperature: 0.5, seed: 9 }, { responseFormat: { type: 'json' } });

    expect(() => JSON.parse(result.choices[0]?.text ?? '')).not.toThrow();
  });
});

describe('LlamaCppLanguageModel activity and abort', () => {
  it('reports activity as tokens arrive', async () => {
    let activity = 0;
    const result = await chat('Hello', { maxTokens: 20, temperature: 0.9, seed: 1 }, { onActivity: () => activity++ });

    // One when the call starts, then one as each token arrives (the bytes of one character come together).
    expect(result.usage.outputTokens).toBeGreaterThanOrEqual(20);
    expect(activity).toBeGreaterThanOrEqual(11);
  });

  it('stops generating within a token when the signal aborts, with its reason, and serves the next call', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the test');
    let activity = 0;
    let afterAbort = 0;
    const started = performance.now();

    const error = await chat('Talk for a long time.', { maxTokens: 400, temperature: 0.9, seed: 1 }, {
      signal: controller.signal,
      onActivity: () => {
        if (controller.signal.aborted) afterAbort++;
        if (++activity === 6) controller.abort(reason);
      },
    }).catch((caught: unknown) => caught);

    expect(error).toBe(reason);
    expect(afterAbort).toBeLessThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect((await chat('Hello', { maxTokens: 3 })).choices).toHaveLength(1);
  });

  it('refuses a call whose signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));

    await expect(chat('Hello', {}, { signal: controller.signal })).rejects.toThrow('too late');
  });
});

describe('LlamaCppLanguageModel errors', () => {
  it('says what is wrong with a file that is not a GGUF model, as a non-retryable APICallError', async () => {
    const path = join(tiny.project.directory, 'notes.gguf');
    await writeFile(path, 'hello, I am not a model');
    const broken = createLlamaCpp({ threads: 1 });

    const error = await broken
      .languageModel(path)
      .doGenerate({ prompt: 'Hi', params: { maxTokens: 2 } })
      .catch((caught: unknown) => caught);
    await broken.dispose();

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: false, url: path });
    expect((error as Error).message).toBe(
      `llama-cpp: ${path} is not a GGUF file (Invalid GGUF magic. Expected "GGUF" but got "hell".). ` +
        "Check the model's path under providers.llama-cpp.models, or give an hf: URI to download it.",
    );
  });

  it('says a GGUF file is cut short, with what llama.cpp reported', async () => {
    const { readFile } = await import('node:fs/promises');
    const path = join(tiny.project.directory, 'truncated.gguf');
    await writeFile(path, (await readFile(tiny.path)).subarray(0, 100_000));
    const broken = createLlamaCpp({ threads: 1 });

    const error = await broken
      .languageModel(path)
      .doGenerate({ prompt: 'Hi', params: { maxTokens: 2 } })
      .catch((caught: unknown) => caught);
    await broken.dispose();

    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(`llama.cpp could not load ${path}: Failed to load model; `);
    expect((error as Error).message).toContain('not within the file bounds');
    expect((error as Error).message).toContain('The file may be cut short (an interrupted download)');
  });
});
