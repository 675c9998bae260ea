import type { LanguageModelMiddlewareV1, LanguageModelV1, LanguageModelV1CallOptions, LanguageModelV1Result, ModelCallContextV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { composeMiddleware } from './compose-middleware';

const model = { specificationVersion: 'v1', provider: 'test', modelId: 'm', doGenerate: async () => result } as unknown as LanguageModelV1;
const result: LanguageModelV1Result = { choices: [{ text: 'sent', finishReason: 'stop' }], usage: { inputTokens: 1, outputTokens: 1 } };
const params: LanguageModelV1CallOptions = { messages: [{ role: 'user', content: 'hi' }], params: {} };
const call = { stage: 's', depth: 0, role: 'r', recordId: 'id', ordinal: 0, signal: new AbortController().signal, trace: { attempts: 0, cached: false, waitedMs: 0 } } as ModelCallContextV1;

describe('composeMiddleware', () => {
  it('runs the layers first outermost, each seeing the params the layers above transformed', async () => {
    const order: string[] = [];
    const layer = (name: string, extra?: Partial<LanguageModelMiddlewareV1>): LanguageModelMiddlewareV1 => ({
      specificationVersion: 'v1',
      name,
      async wrapGenerate({ doGenerate, params: seen }) {
        order.push(`${name} in: ${seen.messages?.[0]?.content}`);
        const answer = await doGenerate();
        order.push(`${name} out`);
        return answer;
      },
      ...extra,
    });
    const chain = composeMiddleware(
      model,
      [layer('outer'), layer('middle', { transformParams: async () => ({ messages: [{ role: 'user', content: 'changed' }], params: {} }) }), layer('inner')],
      async (sent) => {
        order.push(`send: ${sent.messages?.[0]?.content}`);
        return result;
      },
    );
    await expect(chain(params, call)).resolves.toBe(result);
    expect(order).toEqual(['outer in: hi', 'middle in: changed', 'inner in: changed', 'send: changed', 'inner out', 'middle out', 'outer out']);
  });

  it('returns a rejected promise, never throws, when a layer throws instead of rejecting', async () => {
    const throwing: LanguageModelMiddlewareV1 = {
      specificationVersion: 'v1',
      name: 'throwing',
      wrapGenerate() {
        throw new Error('thrown synchronously');
      },
    };
    const chain = composeMiddleware(model, [throwing], async () => result);
    let returned: unknown;
    expect(() => {
      returned = chain(params, call);
    }).not.toThrow();
    expect(returned).toBeInstanceOf(Promise);
    await expect(returned).rejects.toThrow('thrown synchronously');
  });

  it('turns a thenable a layer returns into a promise', async () => {
    const thenable: LanguageModelMiddlewareV1 = {
      specificationVersion: 'v1',
      name: 'thenable',
      wrapGenerate: () => ({ then: (resolve: (value: LanguageModelV1Result) => void) => resolve(result) }) as PromiseLike<LanguageModelV1Result>,
    };
    const returned = composeMiddleware(model, [thenable], async () => result)(params, call);
    expect(returned).toBeInstanceOf(Promise);
    await expect(returned).resolves.toBe(result);
  });
});
