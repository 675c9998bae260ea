import { defineTask, SynthkitError, z, type GenerationParams } from '@synthkit/core';
import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { convertToYamlList, type ConvertToYamlListRequest } from './convert-to-yaml-list';
import { conversionTemplates } from './prompts/conversion-templates';
import { YamlConversionError, type YamlConversionFailureKind } from './yaml-conversion-error';

const answer = '1. Cooking at home\n2. Travel on a budget\n3. How stars form';

/** A task that runs only the conversion step, so it is tested through the engine's context. */
function conversionTask(request: Partial<ConvertToYamlListRequest>) {
  return defineTask({
    description: 'Converts the answer above to a list.',
    options: z.object({}),
    input: z.object({}),
    output: z.object({ items: z.array(z.string()) }),
    models: { converter: 'Converts the list.' },
    templates: conversionTemplates,
    run: async (_input, context) => [{ items: await convertToYamlList(context, { llmResponse: answer, ...request }) }],
  });
}

/** Runs one conversion whose converter answers `converted`, with the recipe parameters `params`. */
async function convert(
  converted: string,
  request: Partial<ConvertToYamlListRequest> = {},
  params: Readonly<Record<string, GenerationParams>> = {},
) {
  const converter = new MockLanguageModelV1({ doGenerate: [converted] });
  const { records, calls, requests } = await runTask(conversionTask(request), { models: { converter }, params });
  return { items: records[0]?.items, calls, requests, converter };
}

/** Runs one conversion that must fail, and returns the error. */
async function conversionFailure(converted: string, request: Partial<ConvertToYamlListRequest> = {}) {
  const error: unknown = await convert(converted, request).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!YamlConversionError.isInstance(error)) throw new Error(`expected a YamlConversionError, got ${String(error)}`);
  return error;
}

describe('convertToYamlList', () => {
  it('sends the answer to the converter with the yaml-conversion template at temperature 0', async () => {
    const { items, calls, requests, converter } = await convert('- "Cooking at home"\n- "Travel on a budget"\n- "How stars form"');
    expect(items).toEqual(['Cooking at home', 'Travel on a budget', 'How stars form']);
    expect(requests).toEqual([
      { role: 'converter', template: 'yaml-conversion', variables: { llm_response: answer }, defaults: { temperature: 0 } },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ role: 'converter', template: 'yaml-conversion' });
    expect(calls[0]?.params).toEqual({ temperature: 0 });
    expect(converter.doGenerateCalls).toHaveLength(1);
    expect(converter.doGenerateCalls[0]?.messages?.[0]?.content).toContain(answer);
  });

  it('recommends temperature 0 as defaults and passes explicit params on', async () => {
    const { calls, requests } = await convert('- Cooking at home', { params: { maxTokens: 500 } });
    expect(requests[0]).toMatchObject({ defaults: { temperature: 0 }, params: { maxTokens: 500 } });
    expect(calls[0]?.params).toEqual({ temperature: 0, maxTokens: 500 });
  });

  it("lets the recipe's params.converter override the recommended temperature, but not params.default", async () => {
    const overDefault = await convert('- Cooking at home', {}, { default: { temperature: 0.9, maxTokens: 300 } });
    expect(overDefault.calls[0]?.params).toEqual({ temperature: 0, maxTokens: 300 });
    const byRole = await convert('- Cooking at home', {}, { default: { temperature: 0.9 }, converter: { temperature: 0.3 } });
    expect(byRole.calls[0]?.params).toEqual({ temperature: 0.3 });
    expect(byRole.converter.doGenerateCalls[0]?.params).toEqual({ temperature: 0.3 });
  });

  it.each([
    ['```yaml\n- Cooking at home\n- How stars form\n```'],
    ['```yml\n- Cooking at home\n- How stars form\n```\n'],
    ['  ```\n- Cooking at home\n- How stars form\n```'],
  ])('strips a code fence around the whole answer: %j', async (converted) => {
    const { items } = await convert(converted);
    expect(items).toEqual(['Cooking at home', 'How stars form']);
  });

  it('trims items and drops empty ones before checking', async () => {
    const { items } = await convert('- "  Cooking at home "\n- ""\n- "   "\n- How stars form', { expectedLength: 2 });
    expect(items).toEqual(['Cooking at home', 'How stars form']);
  });

  it('skips the length check when no length is expected', async () => {
    const { items } = await convert('- Cooking at home');
    expect(items).toEqual(['Cooking at home']);
  });

  it('keeps the first N items of a longer list when trimToLength is set', async () => {
    const converted = '- Cooking at home\n- Travel on a budget\n- How stars form';
    const { items } = await convert(converted, { expectedLength: 2, trimToLength: true });
    expect(items).toEqual(['Cooking at home', 'Travel on a budget']);
  });

  it('never pads a shorter list, even with trimToLength', async () => {
    const error = await conversionFailure('- Cooking at home', { expectedLength: 2, trimToLength: true });
    expect(error.kind).toBe('wrong-length');
    expect(error.items).toEqual(['Cooking at home']);
    expect(error.message).toContain('never padded');
  });

  const failures: Array<[YamlConversionFailureKind, string, Partial<ConvertToYamlListRequest>]> = [
    ['parse-error', '- [Cooking at home', {}],
    ['parse-error', '- Cooking at home\n---\n- How stars form', {}],
    ['not-a-list', 'Cooking: at home', {}],
    ['not-a-list', '', {}],
    ['non-string-item', '- Cooking at home\n- 42', {}],
    ['non-string-item', '- Cooking at home\n- ', {}],
    ['non-string-item', '- Cooking: at home', {}],
    ['hallucination', '- Cooking at home\n- Cooking in the wild', {}],
    ['wrong-length', '- Cooking at home\n- How stars form', { expectedLength: 3 }],
    ['wrong-length', '- Cooking at home\n- Travel on a budget\n- How stars form', { expectedLength: 2 }],
  ];

  it.each(failures)('fails with %s for %j', async (kind, converted, request) => {
    const error = await conversionFailure(converted, request);
    expect(error.kind).toBe(kind);
    expect(error.originalText).toBe(answer);
    expect(error.convertedText).toBe(converted);
    expect(error.message).toContain(`(${kind})`);
    expect(error.message).toContain('ignore_conversion_failure');
  });

  it('reports the hallucinated item', async () => {
    const error = await conversionFailure('- Cooking at home\n- Cooking in the wild');
    expect(error.item).toBe('Cooking in the wild');
    expect(error.message).toContain('"Cooking in the wild"');
    expect(error.message).toContain('stronger converter model');
  });

  it('reports the non-string item and its position', async () => {
    const error = await conversionFailure('- Cooking at home\n- 42');
    expect(error.item).toBe(42);
    expect(error.message).toContain('item 2');
  });

  it('checks for hallucinations before the length, over every item', async () => {
    const converted = '- Cooking at home\n- Travel on a budget\n- Invented topic';
    const error = await conversionFailure(converted, { expectedLength: 2, trimToLength: true });
    expect(error.kind).toBe('hallucination');
  });

  it('tells how to fix a parse error', async () => {
    const error = await conversionFailure('- [Cooking at home');
    expect(error.message).toContain('not valid YAML');
    expect(error.message).toContain('maxTokens');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('suggests trim_to_length for a wrong length', async () => {
    const error = await conversionFailure('- Cooking at home', { expectedLength: 2 });
    expect(error.expectedLength).toBe(2);
    expect(error.message).toContain('trim_to_length');
  });
});

describe('YamlConversionError', () => {
  it('is recognised by its own marker and as a SynthkitError', () => {
    const error = new YamlConversionError({ kind: 'not-a-list', message: 'x', originalText: 'a', convertedText: 'b' });
    expect(YamlConversionError.isInstance(error)).toBe(true);
    expect(SynthkitError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(SynthkitError);
    expect(error.name).toBe('SYNTHKIT_YamlConversionError');
    expect(YamlConversionError.isInstance(new Error('x'))).toBe(false);
    expect(YamlConversionError.isInstance(new SynthkitError({ name: 'other', message: 'x' }))).toBe(false);
  });
});
