import { definePlugin, type JsonRecord, type LanguageModelV1, type TaskV1 } from '@synthkit/core';
import { z } from 'zod';

/** Calls every model call receives, for assertions. */
export interface EchoCall {
  readonly modelId: string;
  readonly prompt: string;
  readonly params: unknown;
}

/**
 * A plugin for engine and recipe tests: an `echo` provider whose models answer the last user
 * message upper-cased (and record calls) and whose options (`minP`, `mirostat`) are checked, a `split` task (source: emits `count` items), an `ask` task
 * (one model call per input), a `copy` task (fields named by its options) and a `min-length` filter.
 */
export function createTestPlugin(calls: EchoCall[] = []) {
  const echoModel = (modelId: string): LanguageModelV1 => ({
    specificationVersion: 'v1',
    provider: 'echo',
    modelId,
    async doGenerate(options) {
      const prompt = options.prompt ?? options.messages?.at(-1)?.content ?? '';
      calls.push({ modelId, prompt, params: options.params });
      return {
        choices: [{ text: prompt.toUpperCase(), finishReason: 'stop' }],
        usage: { inputTokens: prompt.split(' ').length, outputTokens: 2 },
      };
    },
  });

  const split: TaskV1<{ count: number }, JsonRecord, { item: string }> = {
    specificationVersion: 'v1',
    description: 'Emits `count` items.',
    options: z.object({ count: z.number().int().positive() }).strict(),
    input: z.object({}),
    output: z.object({ item: z.string() }),
    models: {},
    templates: {},
    async run(_input, context) {
      return Array.from({ length: context.options.count }, (_, index) => ({ item: `item ${index}` }));
    },
  };

  const ask: TaskV1<{ style: string }, { item: string }, { answer: string }> = {
    specificationVersion: 'v1',
    description: 'Asks the generator about an item.',
    options: z.object({ style: z.string().default('plain') }).strict(),
    input: z.object({ item: z.string() }),
    output: z.object({ answer: z.string() }),
    models: { generator: 'Answers.' },
    templates: {
      ask: { specificationVersion: 'v1', name: 'ask', system: 'Be {style}.', user: 'Tell me about {item}.', variables: ['item', 'style'] },
    },
    async run(input, context) {
      const { text } = await context.generate({
        role: 'generator',
        template: 'ask',
        variables: { item: input.item, style: context.options.style },
      });
      return [{ answer: text }];
    },
  };

  // Reads and writes the fields its options name, declared through `fields`.
  const copy: TaskV1<{ from: string; to: string }, JsonRecord, JsonRecord> = {
    specificationVersion: 'v1',
    description: 'Copies the field `from` into the field `to`.',
    options: z.object({ from: z.string().min(1), to: z.string().min(1) }).strict(),
    input: z.record(z.string(), z.json()),
    output: z.record(z.string(), z.json()),
    models: {},
    templates: {},
    fields: ({ from, to }) => ({ reads: [from], writes: [to] }),
    async run(input, context) {
      return [{ [context.options.to]: input[context.options.from] ?? null }];
    },
  };

  return definePlugin({
    specificationVersion: 'v1',
    meta: { name: 'synthkit-plugin-test', version: '1.0.0', namespace: 'test' },
    providers: {
      echo: {
        specificationVersion: 'v1',
        description: 'Answers the prompt upper-cased.',
        settings: z.object({ prefix: z.string().optional(), apiKey: z.string().optional() }).strict(),
        // Like llama.cpp's sampling options, for the compile-time check of `provider_options.echo`.
        providerOptions: z.strictObject({ minP: z.number().min(0).max(1).optional(), mirostat: z.boolean().optional() }),
        create: () => ({ specificationVersion: 'v1', languageModel: echoModel }),
      },
    },
    tasks: { split, ask, copy },
    filters: {
      'min-length': {
        specificationVersion: 'v1',
        description: 'Keeps texts of at least `min` characters.',
        options: z.object({ min: z.number().int().default(1) }).strict(),
        create: ({ min }: { min: number }) => ({
          specificationVersion: 'v1',
          score: (text: string) => text.length,
          keep: (score: number | boolean) => Number(score) >= min,
          describe: (score: number | boolean) => `${String(score)} characters, fewer than ${min}`,
        }),
      },
    },
  });
}
