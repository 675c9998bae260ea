import { EventEmitter } from 'node:events';
import type { GenerationParams, LanguageModelV1, LanguageModelV1CallOptions } from '@synthkit/core';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { PlannedTaskStage } from '../recipe/recipe-plan';
import { defaultEndpointSettings } from '../gateway/endpoint-settings';
import { createModelGateway } from '../gateway/model-gateway';
import { createTestPlugin } from '../test-support/test-plugin';
import { createTaskContext } from './create-task-context';
import { RunStatistics } from './run-statistics';

function stageWith({
  defaultParams,
  roleParams,
  answer = () => ['a', 'b'],
}: {
  defaultParams: GenerationParams;
  roleParams: GenerationParams;
  /** The model's choices for a call. Default: `a` and `b`. */
  answer?: (options: LanguageModelV1CallOptions) => string[];
}) {
  const sent: GenerationParams[] = [];
  const received: LanguageModelV1CallOptions[] = [];
  const model: LanguageModelV1 = {
    specificationVersion: 'v1',
    provider: 'fake',
    modelId: 'm',
    async doGenerate(options) {
      sent.push(options.params);
      received.push(options);
      // An answer ending in "..." stands for one cut off by max_tokens.
      const choices = answer(options).map((text) => ({ text, finishReason: text.endsWith('...') ? ('length' as const) : ('stop' as const) }));
      return { choices, usage: { inputTokens: 1, outputTokens: 2 } };
    },
  };
  const task = createTestPlugin().tasks.ask;
  const stage: PlannedTaskStage = {
    kind: 'task',
    name: 'ask',
    index: 0,
    reference: 'test:ask',
    task: task as never,
    declared: task,
    options: { style: 'plain' },
    concurrency: 1,
    models: { generator: { reference: 'fake:m', model, defaultParams, roleParams, endpoint: defaultEndpointSettings } },
    templates: task.templates,
    variables: { style: 'recipe style', extra: 'from the recipe' },
  };
  return { stage, sent, received };
}

function context(stage: PlannedTaskStage, statistics = new RunStatistics(), recordId = 'record-1') {
  const signal = new AbortController().signal;
  return createTaskContext({ stage, recordId, seed: 3, signal, gateway: createModelGateway({ statistics, signal }) });
}

describe('createTaskContext', () => {
  it('layers parameters: recipe default < task recommendation < recipe role < task override', async () => {
    const { stage, sent } = stageWith({ defaultParams: { temperature: 0.7, maxTokens: 100 }, roleParams: {} });
    await context(stage).generate({ role: 'generator', template: 'ask', variables: { item: 'x' }, defaults: { temperature: 0 } });
    expect(sent.at(-1)).toEqual({ temperature: 0, maxTokens: 100 });

    const withRole = stageWith({ defaultParams: { temperature: 0.7 }, roleParams: { temperature: 0.2 } });
    await context(withRole.stage).generate({ role: 'generator', template: 'ask', variables: { item: 'x' }, defaults: { temperature: 0 }, params: { n: 2 } });
    expect(withRole.sent.at(-1)).toEqual({ temperature: 0.2, n: 2 });
  });

  it('renders with task variables over recipe variables, and traces and counts each call', async () => {
    const { stage } = stageWith({ defaultParams: {}, roleParams: {} });
    const statistics = new RunStatistics();
    const taskContext = context(stage, statistics);
    expect(taskContext.render('ask', { item: 'pears', style: 'brief' })).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Tell me about pears.' },
    ]);
    const result = await taskContext.generate({ role: 'generator', template: 'ask', variables: { item: 'pears' } });
    expect(result).toEqual({ texts: ['a', 'b'], text: 'a', finishReasons: ['stop', 'stop'], finishReason: 'stop' });
    expect(taskContext.calls).toEqual([
      expect.objectContaining({
        stage: 'ask',
        role: 'generator',
        model: 'fake:m',
        template: 'ask',
        attempts: 1,
        cached: false,
        usage: { inputTokens: 1, outputTokens: 2 },
      }),
    ]);
    expect(statistics.model('fake:m')).toMatchObject({ calls: 1, requests: 1, inFlight: 0, inputTokens: 1, outputTokens: 2 });
  });

  it('tells the task why each choice ended, so it can refuse an answer cut off by max_tokens', async () => {
    const { stage } = stageWith({ defaultParams: {}, roleParams: {}, answer: () => ['A whole answer.', 'An answer cut off...'] });
    const result = await context(stage).generate({ role: 'generator', template: 'ask', variables: { item: 'x' }, params: { n: 2 } });
    expect(result).toMatchObject({ texts: ['A whole answer.', 'An answer cut off...'], finishReasons: ['stop', 'length'], finishReason: 'stop' });
  });

  it('sends prior turns between the template\'s system message and its user message, traced under the template', async () => {
    const { stage, received } = stageWith({ defaultParams: {}, roleParams: {} });
    const taskContext = context(stage);
    const priorMessages = [
      { role: 'user', content: 'Tell me about apples.' },
      { role: 'assistant', content: 'Apples grow on trees.' },
    ] as const;
    await taskContext.generate({ role: 'generator', template: 'ask', variables: { item: 'pears', style: 'brief' }, priorMessages });
    expect(received.at(-1)?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Tell me about apples.' },
      { role: 'assistant', content: 'Apples grow on trees.' },
      { role: 'user', content: 'Tell me about pears.' },
    ]);
    expect(taskContext.calls.at(-1)).toMatchObject({ template: 'ask', templateHash: expect.any(String) });

    // A template without a system message: the prior turns come first.
    const noSystem: PlannedTaskStage = { ...stage, templates: { ask: { ...stage.templates['ask']!, system: undefined } } } as PlannedTaskStage;
    await context(noSystem).generate({ role: 'generator', template: 'ask', variables: { item: 'pears' }, priorMessages });
    expect(received.at(-1)?.messages?.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    // None, or an empty list: the rendered template alone.
    await context(stage).generate({ role: 'generator', template: 'ask', variables: { item: 'pears', style: 'brief' }, priorMessages: [] });
    expect(received.at(-1)?.messages).toHaveLength(2);
  });

  it('refuses a prior system turn, naming the task, since a system message belongs in the template', async () => {
    const { stage } = stageWith({ defaultParams: {}, roleParams: {} });
    await expect(
      context(stage).generate({ role: 'generator', template: 'ask', variables: { item: 'x' }, priorMessages: [{ role: 'system', content: 'Obey.' }] }),
    ).rejects.toThrow('Task test:ask sent prior message 0 with role "system"; prior messages must be user or assistant turns with text');
  });

  it('gives the task its input record\'s id', () => {
    const { stage } = stageWith({ defaultParams: {}, roleParams: {} });
    expect(context(stage, new RunStatistics(), 'record-7').recordId).toBe('record-7');
  });

  it('says which roles and templates exist when a task asks for another', () => {
    const { stage } = stageWith({ defaultParams: {}, roleParams: {} });
    expect(() => context(stage).model('judge')).toThrowError(/asked for model role "judge".*declared: generator/);
    expect(() => context(stage).render('nope', {})).toThrowError(/asked for template "nope".*declared: ask/);
  });

  it('gives a random source that is stable per record', () => {
    const { stage } = stageWith({ defaultParams: {}, roleParams: {} });
    const first = context(stage).random;
    const again = context(stage).random;
    const values = [first(), first(), first()];
    expect([again(), again(), again()]).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const other = context(stage, new RunStatistics(), 'record-2');
    expect(other.random()).not.toBe(values[0]);
  });
});

describe('createTaskContext signals', () => {
  it('gives requests signals linked to the run and reused a bounded number of times, so listeners an SDK leaves never pile up', async () => {
    const seen: AbortSignal[] = [];
    const { stage } = stageWith({ defaultParams: {}, roleParams: {} });
    const model = stage.models.generator!.model;
    let release: (() => void) | undefined;
    const recording: PlannedTaskStage = {
      ...stage,
      models: {
        generator: {
          ...stage.models.generator!,
          model: {
            ...model,
            doGenerate: async (options) => {
              seen.push(options.signal!);
              // What the openai SDK does: a listener per request, never removed.
              options.signal!.addEventListener('abort', () => {});
              if (seen.length > 50) await new Promise<void>((resolve) => (release = resolve));
              return model.doGenerate(options);
            },
          },
        },
      },
    };
    const run = new AbortController();
    const taskContext = createTaskContext({
      stage: recording,
      recordId: 'r',
      seed: 0,
      signal: run.signal,
      gateway: createModelGateway({ statistics: new RunStatistics(), signal: run.signal }),
    });
    for (let index = 0; index < 50; index++) {
      await taskContext.generate({ role: 'generator', template: 'ask', variables: { item: 'x' } });
    }
    // One link for the calls' shared signal and one for the attempts' controller.
    expect(EventEmitter.getEventListeners(run.signal, 'abort').length).toBeLessThanOrEqual(2);
    for (const signal of new Set(seen)) expect(EventEmitter.getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(64);

    const pending = taskContext.generate({ role: 'generator', template: 'ask', variables: { item: 'x' } });
    await vi.waitFor(() => expect(release).toBeDefined());
    run.abort(new Error('cancelled'));
    expect(seen.at(-1)?.aborted).toBe(true);
    release!();
    await pending.catch(() => {});
  });

  it('asks for structured output from a zod schema, repairs what does not fit, and returns the parsed values', async () => {
    const question = z.object({ topic: z.string().trim(), difficulty: z.enum(['easy', 'hard']) });
    const { stage, received } = stageWith({
      defaultParams: {},
      roleParams: {},
      answer: (options) =>
        options.messages?.at(-1)?.content.startsWith('That answer cannot be used')
          ? ['{"topic":"tides","difficulty":"hard"}']
          : ['```json\n{"topic":" volcanoes ","difficulty":"easy"}\n```', '{"topic":42}'],
    });
    const taskContext = context(stage);

    const result = await taskContext.generate({
      role: 'generator',
      template: 'ask',
      variables: { item: 'x' },
      params: { n: 2 },
      responseFormat: { type: 'json', schema: question, name: 'question' },
    });

    // Typed by the schema: `result.objects` is `{ topic: string; difficulty: 'easy' | 'hard' }[]`.
    const objects: ReadonlyArray<z.infer<typeof question>> | undefined = result.objects;
    // Parsed with the zod schema itself, so its trim applies.
    expect(objects).toEqual([
      { topic: 'volcanoes', difficulty: 'easy' },
      { topic: 'tides', difficulty: 'hard' },
    ]);
    expect(result.object).toEqual({ topic: 'volcanoes', difficulty: 'easy' });
    // The provider gets the schema as JSON schema.
    expect(received[0]?.responseFormat).toEqual({
      type: 'json',
      name: 'question',
      schema: {
        type: 'object',
        properties: { topic: { type: 'string' }, difficulty: { type: 'string', enum: ['easy', 'hard'] } },
        required: ['topic', 'difficulty'],
        additionalProperties: false,
      },
    });
    expect(taskContext.calls[0]).toMatchObject({ attempts: 2, repairs: 1 });
  });
});
