import { InvalidArgumentError, type LanguageModelV1, type LanguageModelV1CallOptions, type ResponseFormat } from '@synthkit/core';
import { toJsonSchema } from '@synthkit/provider-utils';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createMock } from './create-mock';
import { MockLanguageModel, mockCharactersPerToken } from './mock-language-model';

const model = new MockLanguageModel('test-model');

async function answer(prompt: string, params: LanguageModelV1CallOptions['params'] = {}, responseFormat?: ResponseFormat) {
  const result = await model.doGenerate({ prompt, params, ...(responseFormat == null ? {} : { responseFormat }) });
  return result.choices[0]!.text;
}

/** The items of a numbered list, failing on any line that is not a numbered item. */
function numberedItems(text: string): string[] {
  return text.split('\n').map((line, index) => {
    const match = /^(\d+)\. (\S.*)$/.exec(line);
    expect(match, `line ${index + 1}: ${line}`).not.toBeNull();
    expect(Number(match![1])).toBe(index + 1);
    return match![2]!;
  });
}

describe('MockLanguageModel lists', () => {
  it.each([
    ['Generate 5 questions about photosynthesis.', 5, 'photosynthesis'],
    ['List 3 tips for saving money on groceries.', 3, 'saving money on groceries'],
    ['Give me a list of 10 ideas for a birthday party.', 10, 'a birthday party'],
    ['Write 12 questions about the French Revolution, one per line.', 12, 'the French Revolution'],
    ['Topic: Deep-sea fishing\n\nReply with exactly 7 subtopics as a numbered list.', 7, 'deep-sea fishing'],
    ['What should I ask a plumber? I need 4 questions about fixing leaky taps.', 4, 'fixing leaky taps'],
    ['Name two subtopics of volcanoes for a school project.', 2, 'volcanoes'],
  ])('%s → %i distinct items that mention the subject', async (prompt, count, subject) => {
    const items = numberedItems(await answer(prompt));
    expect(items).toHaveLength(count);
    expect(new Set(items).size).toBe(count);
    for (const item of items) expect(item.toLowerCase()).toContain(subject.toLowerCase());
  });

  it('stays distinct past the size of its word pools, up to 500 items', async () => {
    const items = numberedItems(await answer('Generate 120 questions about tides.'));
    expect(items).toHaveLength(120);
    expect(new Set(items).size).toBe(120);
    expect(numberedItems(await answer('Generate 2000 questions about tides.'))).toHaveLength(500);
  });

  it('writes broad topics when asked for topics with no subject', async () => {
    const items = numberedItems(await answer('Name 6 broad topics people ask about. Reply with exactly 6 topics as a numbered list.'));
    expect(items).toHaveLength(6);
    expect(new Set(items).size).toBe(6);
    for (const item of items) expect(item).toMatch(/^[A-Z][a-z]+( [a-z]+)*( and [a-z]+)*/);
  });

  it('rewrites the quoted request, keeping it whole in every rewrite', async () => {
    const request = 'How do bees make honey?';
    const prompt = `Here is a request someone sent to an AI assistant:\n\n${request}\n\nRewrite it in 3 different ways. Reply with exactly 3 rewrites as a numbered list.`;
    const items = numberedItems(await answer(prompt));
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(item).toContain(request);
      expect(item.length).toBeGreaterThan(request.length + 20);
    }
  });

  it('takes "exactly N" over other counts in the prompt, and ignores units of length', async () => {
    const prompt = 'Request: Give me 5 tips about running.\n\nRewrite it in 2 different ways, each 2 to 4 sentences long. Reply with exactly 2 rewrites.';
    expect(numberedItems(await answer(prompt))).toHaveLength(2);
    expect(await answer('Describe the water cycle in 3 sentences.')).not.toMatch(/^1\. /);
  });

  it('uses bullets when the prompt asks for bullets', async () => {
    const text = await answer('Give me 3 ideas for a rainy day as a bulleted list.');
    expect(text.split('\n')).toHaveLength(3);
    for (const line of text.split('\n')) expect(line).toMatch(/^- \S/);
  });
});

describe('MockLanguageModel YAML conversion', () => {
  const converterPrompt = (list: string) =>
    [
      'The text between the two marker lines below contains a list.',
      '--- START OF TEXT ---',
      list,
      '--- END OF TEXT ---',
      'Copy the items of that list into a YAML list of strings, each wrapped in double quotes.',
      'For a text listing two items, the reply would look like this:',
      '- "First item, copied exactly"',
      '- "Second item, copied exactly"',
    ].join('\n');

  it('copies every item verbatim, quotes, colons and hashes included', async () => {
    const items = ['Plain item', 'Ratio: 3:1 # not a comment', 'She said "hi" \\ then left', 'Ünïcödé — dashes', '  Padded item  '];
    const list = `Here you go:\n${items.map((item, index) => `${index + 1}. ${item}`).join('\n')}\nHope it helps!`;
    const parsed = parseYaml(await answer(converterPrompt(list))) as unknown;
    expect(parsed).toEqual(items.map((item) => item.trim()));
    for (const item of parsed as string[]) expect(list).toContain(item);
  });

  it('reads bulleted lists when there are no numbered items, and answers [] for no list', async () => {
    expect(parseYaml(await answer(converterPrompt('- alpha\n* beta\n• gamma')))).toEqual(['alpha', 'beta', 'gamma']);
    expect(parseYaml(await answer(converterPrompt('No list at all.')))).toEqual([]);
  });

  it('converts a list it wrote itself back into the same items', async () => {
    const written = await answer('Generate 4 questions about glaciers.');
    expect(parseYaml(await answer(converterPrompt(written)))).toEqual(numberedItems(written));
  });
});

describe('MockLanguageModel structured output', () => {
  const schemas = {
    'an object with required, optional and nullable properties': z.object({
      name: z.string(),
      email: z.email(),
      id: z.uuid(),
      createdAt: z.iso.datetime(),
      website: z.url(),
      nickname: z.string().optional(),
      bio: z.string().nullable(),
      active: z.boolean(),
    }),
    'numbers and integers with bounds': z.object({
      age: z.int().min(18).max(21),
      score: z.number().min(0).max(1),
      exclusive: z.number().gt(5).lt(5.5),
      steps: z.int().multipleOf(5).min(10).max(40),
      year: z.int().positive(),
      negative: z.int().max(-1000),
      anything: z.number(),
    }),
    'arrays with min and max items, enums, nested objects': z.object({
      tags: z.array(z.string()).min(2).max(4),
      exactlyThree: z.array(z.int().min(0).max(9)).length(3),
      level: z.enum(['easy', 'medium', 'hard']),
      questions: z.array(z.object({ question: z.string().min(10), answer: z.string().max(40), difficulty: z.literal('hard') })).min(1),
    }),
    'strings with length limits and simple patterns': z.object({
      code: z.string().regex(/^[a-z-]+$/),
      digits: z.string().regex(/^\d{2}$/),
      short: z.string().max(5),
      long: z.string().min(300),
    }),
    'unions, records and tuples': z.object({
      value: z.union([z.string(), z.number()]),
      counts: z.record(z.string(), z.int().min(0)),
      pair: z.tuple([z.string(), z.boolean()]),
      maybe: z.number().nullable().optional(),
    }),
  } as const;

  it.each(Object.entries(schemas))('writes JSON that fits %s, for many seeds', async (_name, schema) => {
    const jsonSchema = toJsonSchema(schema);
    for (let seed = 0; seed < 25; seed += 1) {
      const text = await answer('Describe a volcano.', { seed }, { type: 'json', schema: jsonSchema });
      const result = schema.safeParse(JSON.parse(text));
      expect(result.error?.issues ?? [], `seed ${seed}: ${text}`).toEqual([]);
    }
  });

  it('follows $ref to $defs and stops recursion', async () => {
    type Node = { label: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ label: z.string(), children: z.array(node) }));
    const schema = z.object({ root: node });
    const jsonSchema = toJsonSchema(schema);
    expect(JSON.stringify(jsonSchema)).toContain('$ref');
    for (let seed = 0; seed < 10; seed += 1) {
      const text = await answer('A tree of topics.', { seed }, { type: 'json', schema: jsonSchema });
      expect(schema.safeParse(JSON.parse(text)).success, text).toBe(true);
    }
  });

  it('includes optional properties in some answers and leaves them out in others', async () => {
    const schema = toJsonSchema(z.object({ note: z.string().optional() }));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, seed) => answer('x', { seed }, { type: 'json', schema })));
    const withNote = answers.filter((text) => 'note' in JSON.parse(text)).length;
    expect(withNote).toBeGreaterThan(0);
    expect(withNote).toBeLessThan(20);
  });

  it('writes texts about the prompt for named string properties', async () => {
    const schema = toJsonSchema(z.object({ question: z.string(), explanation: z.string() }));
    const value = JSON.parse(await answer('Write a quiz question about the Roman Empire.', {}, { type: 'json', schema })) as Record<string, string>;
    expect(value.question).toContain('the Roman Empire');
    expect(value.question).toMatch(/[?.]$/);
    expect(value.explanation!.split('. ').length).toBeGreaterThanOrEqual(2);
  });

  it('answers a JSON object for a response format without a schema', async () => {
    const value = JSON.parse(await answer('Summarise the causes of inflation as JSON.', {}, { type: 'json' })) as unknown;
    expect(value).toEqual({ answer: expect.stringContaining('inflation') });
  });
});

describe('MockLanguageModel classifiers and plain text', () => {
  it.each([
    'Is this text about sports? Answer yes or no.\n\nText: The match ended 2-1.',
    'Does the question below contain personal data? Reply "Yes" or "No" only.',
    'You are a strict judge. Respond with YES/NO: is the answer correct?',
  ])('answers Yes or No to: %s', async (prompt) => {
    const answers = new Set<string>();
    for (let seed = 0; seed < 20; seed += 1) answers.add(await answer(prompt, { seed }));
    expect([...answers].sort()).toEqual(['No', 'Yes']);
  });

  it('reads a yes/no instruction from the system message', async () => {
    const result = await model.doGenerate({
      messages: [
        { role: 'system', content: 'You classify requests. Answer yes or no.' },
        { role: 'user', content: 'Is "How do I bake bread?" a cooking question?' },
      ],
      params: {},
    });
    expect(result.choices[0]!.text).toMatch(/^(Yes|No)$/);
  });

  it('answers other prompts with a few sentences about their subject', async () => {
    const text = await answer('Explain how vaccines train the immune system.');
    const sentences = text.split(/(?<=\.) /);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    expect(text).toContain('vaccines');
    expect(text).not.toContain('\n');
  });
});

describe('MockLanguageModel bad requests', () => {
  it('refuses an empty conversation at once, as an endpoint would, without waiting its latency', async () => {
    const slow = createMock({ latencyMs: 10_000 }).languageModel('slow');
    const startedAt = performance.now();
    const error = await slow.doGenerate({ messages: [], params: {} }).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'messages' });
    expect((error as Error).message).toBe('The mock model "slow" got an empty conversation (messages: []). Send at least one message, or a prompt.');
    // An empty prompt is a raw completion of nothing, which endpoints answer.
    expect((await model.doGenerate({ prompt: '', params: {} })).choices).toHaveLength(1);
  });
});

describe('MockLanguageModel determinism and sampling', () => {
  const prompt = 'Generate 5 questions about octopuses.';

  it('gives the same answer to the same prompt, params and seed, from any instance', async () => {
    const first = await answer(prompt, { seed: 7, temperature: 0.7 });
    expect(await answer(prompt, { temperature: 0.7, seed: 7 })).toBe(first);
    const other = new MockLanguageModel('test-model');
    expect((await other.doGenerate({ prompt, params: { seed: 7, temperature: 0.7 } })).choices[0]!.text).toBe(first);
  });

  it('gives other, equally valid answers for other seeds and for each of n choices', async () => {
    const bySeed = new Set<string>();
    for (let seed = 0; seed < 5; seed += 1) bySeed.add(await answer(prompt, { seed }));
    expect(bySeed.size).toBe(5);

    const result = await model.doGenerate({ prompt, params: { n: 4, seed: 1 } });
    expect(result.choices).toHaveLength(4);
    expect(new Set(result.choices.map((choice) => choice.text)).size).toBe(4);
    for (const choice of result.choices) {
      expect(numberedItems(choice.text)).toHaveLength(5);
      expect(choice.finishReason).toBe('stop');
    }
    expect(result.choices[0]!.text).toBe(await answer(prompt, { seed: 1 }));
    expect((model as LanguageModelV1).maxChoicesPerCall).toBeUndefined();
  });

  it('reports usage estimated at 4 characters per token', async () => {
    const result = await model.doGenerate({ messages: [{ role: 'user', content: 'x'.repeat(41) }], params: { n: 2 } });
    expect(mockCharactersPerToken).toBe(4);
    expect(result.usage.inputTokens).toBe(11);
    expect(result.usage.outputTokens).toBe(result.choices.reduce((sum, choice) => sum + Math.ceil(choice.text.length / 4), 0));
    expect(result.response).toEqual({ modelId: 'test-model', requestId: expect.stringMatching(/^mock-[0-9a-f]{8}$/) });
  });

  it('cuts an answer longer than maxTokens and says so, keeping the start of the uncut answer', async () => {
    const full = await answer(prompt, { seed: 3 });
    const result = await model.doGenerate({ prompt, params: { seed: 3, maxTokens: 5 } });
    expect(result.choices[0]).toEqual({ text: full.slice(0, 20), finishReason: 'length' });
    expect(result.usage.outputTokens).toBe(5);
    const roomy = await model.doGenerate({ prompt, params: { seed: 3, maxTokens: 10_000 } });
    expect(roomy.choices[0]).toEqual({ text: full, finishReason: 'stop' });
  });

  it('stops before a stop sequence', async () => {
    const result = await model.doGenerate({ prompt, params: { stop: ['\n3.'] } });
    expect(result.choices[0]!.text.split('\n')).toHaveLength(2);
    expect(result.choices[0]!.finishReason).toBe('stop');
  });
});

describe('MockLanguageModel latency', () => {
  // Fake timers: the waits are measured on the test's clock, not on a busy machine's.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Milliseconds of fake time after which the call settles, stepping 1 ms at a time (at most 10 s). */
  async function settlesAfter(call: Promise<unknown>): Promise<number> {
    let settled = false;
    call.then(
      () => (settled = true),
      () => (settled = true),
    );
    await vi.advanceTimersByTimeAsync(0);
    let elapsed = 0;
    while (!settled && elapsed < 10_000) {
      await vi.advanceTimersByTimeAsync(1);
      elapsed += 1;
    }
    return elapsed;
  }

  it('waits the configured latency, and reports activity only once the answer comes', async () => {
    const slow = createMock({ latencyMs: 60 }).languageModel('slow');
    let activity = 0;
    const call = slow.doGenerate({ prompt: 'Hello', params: { n: 2 }, onActivity: () => (activity += 1) });
    await vi.advanceTimersByTimeAsync(59);
    expect(activity).toBe(0);
    expect(await settlesAfter(call)).toBe(1);
    expect(activity).toBe(3);
    expect((await call).choices).toHaveLength(2);
  });

  it('draws the latency of a range per call, the same for the same call', async () => {
    const ranged = createMock({ latencyMs: { min: 20, max: 80 } }).languageModel('ranged');
    const latencies: number[] = [];
    for (const prompt of ['a', 'b', 'c', 'd', 'e', 'a']) latencies.push(await settlesAfter(ranged.doGenerate({ prompt, params: {} })));
    for (const latency of latencies) {
      expect(latency).toBeGreaterThanOrEqual(20);
      expect(latency).toBeLessThanOrEqual(81);
    }
    expect(latencies[5]).toBe(latencies[0]);
    expect(new Set(latencies).size).toBeGreaterThan(2);
  });

  it('stops waiting when the signal aborts, rejecting with its reason', async () => {
    const slow = createMock({ latencyMs: 10_000 }).languageModel('slow');
    const controller = new AbortController();
    const reason = new Error('stopped by the test');
    let activity = 0;
    const call = slow.doGenerate({ prompt: 'Hello', params: {}, signal: controller.signal, onActivity: () => (activity += 1) });
    const outcome = call.then(
      () => 'answered',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(20);
    controller.abort(reason);
    // Settles at once: no timer has to run for the abort to take effect.
    expect(await outcome).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(activity).toBe(0);

    await expect(model.doGenerate({ prompt: 'Hello', params: {}, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
