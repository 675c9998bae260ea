import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { YamlConversionError } from '../yaml-conversion-error';
import { yamlConversionTask } from './yaml-conversion-task';

const answer = 'Three ways to save water:\n1. Shorter showers\n2. Fix leaking taps\n3. Water plants at night';
const items = ['Shorter showers', 'Fix leaking taps', 'Water plants at night'];
const yaml = items.map((item) => `- ${JSON.stringify(item)}`).join('\n');

/** Runs the task on `input` with a converter answering `converted`; returns the result (or the error) and the converter's calls. */
async function convert(options: Record<string, unknown>, input: Record<string, unknown> = { text: answer }, converted = yaml) {
  const converter = new MockLanguageModelV1({ modelId: 'converter', doGenerate: [converted] });
  const result = await runTask(yamlConversionTask, { options, input: input as never, models: { converter } }).catch((error: unknown) => error);
  return { result, sent: converter.doGenerateCalls };
}

/** The run's result, failing the test when it threw. */
function succeeded(result: unknown) {
  if (result instanceof Error) throw result;
  return result as Awaited<ReturnType<typeof runTask<unknown, Record<string, never>, Record<string, string[]>>>>;
}

describe('nemotron:yaml-conversion', () => {
  it('reads a clean list locally into items: one record, no converter call', async () => {
    const { result, sent } = await convert({});
    expect(succeeded(result).records).toEqual([{ items }]);
    expect(sent).toHaveLength(0);
  });

  it('with conversion: llm, sends the text to the converter in its template, at temperature 0, and uses its list', async () => {
    const { result, sent } = await convert({ conversion: 'llm' });
    const { records, requests, calls } = succeeded(result);
    expect(records).toEqual([{ items }]);
    expect(requests).toEqual([{ role: 'converter', template: 'yaml-conversion', variables: { llm_response: answer }, defaults: { temperature: 0 } }]);
    expect(sent[0]?.messages?.[0]?.content).toContain(`--- START OF TEXT ---\n${answer}\n--- END OF TEXT ---`);
    expect(calls[0]).toMatchObject({ role: 'converter', model: 'mock:converter', template: 'yaml-conversion', params: { temperature: 0 } });
  });

  it('in auto mode sends only a text it cannot read to the converter', async () => {
    const prose = 'You could take shorter showers. Also: Fix leaking taps, and Water plants at night.';
    const converted = '- "shorter showers"\n- "Fix leaking taps"\n- "Water plants at night"';
    const { result, sent } = await convert({}, { text: prose }, converted);
    expect(succeeded(result).records).toEqual([{ items: ['shorter showers', 'Fix leaking taps', 'Water plants at night'] }]);
    expect(sent).toHaveLength(1);
  });

  it('reads the field and writes the output the options name, and declares them', async () => {
    const { result } = await convert({ field: 'answer', output: 'tips' }, { answer, topic: 'water' });
    expect(succeeded(result).records).toEqual([{ tips: items }]);
    const parse = (options: unknown) => yamlConversionTask.options.parse(options);
    expect(yamlConversionTask.fields?.(parse({ field: 'answer', output: 'tips' }))).toEqual({ reads: ['answer'], writes: ['tips'] });
    expect(parse({})).toEqual({ field: 'text', output: 'items', conversion: 'auto', ignore_conversion_failure: false, trim_to_length: false });
  });

  it('checks the length only with n_items; trim_to_length keeps the first n_items', async () => {
    const exact = await convert({ n_items: 3 });
    expect(succeeded(exact.result).records).toEqual([{ items }]);
    const short = await convert({ n_items: 2 });
    expect(YamlConversionError.isInstance(short.result) && short.result.kind === 'wrong-length' && short.result.conversion === 'local').toBe(true);
    const trimmed = await convert({ n_items: 2, trim_to_length: true });
    expect(succeeded(trimmed.result).records).toEqual([{ items: items.slice(0, 2) }]);
    const long = await convert({ n_items: 4, trim_to_length: true });
    expect(YamlConversionError.isInstance(long.result) && long.result.kind === 'wrong-length').toBe(true);
  });

  it.each([
    ['parse-error', '- "unterminated'],
    ['not-a-list', 'items: none'],
    ['non-string-item', '- "Shorter showers"\n- 42'],
    ['hallucination', '- "Shorter showers"\n- "Take baths instead"'],
  ] as const)('fails a %s conversion, or rejects the record with ignore_conversion_failure', async (kind, converted) => {
    const failed = await convert({ conversion: 'llm' }, undefined, converted);
    expect(YamlConversionError.isInstance(failed.result) && failed.result.kind === kind && failed.result.conversion === 'llm').toBe(true);
    const ignored = succeeded((await convert({ conversion: 'llm', ignore_conversion_failure: true }, undefined, converted)).result);
    expect(ignored.records).toEqual([]);
    expect(ignored.rejections).toEqual([
      { reason: `yaml-conversion: ${kind}`, details: expect.objectContaining({ kind, conversion: 'llm', original_text: answer, converted_text: converted }) },
    ]);
  });

  it('with conversion: local, fails a text with no list instead of calling the converter', async () => {
    const { result, sent } = await convert({ conversion: 'local' }, { text: 'No list here, only prose.' });
    expect(YamlConversionError.isInstance(result) && result.kind === 'not-a-list' && result.conversion === 'local').toBe(true);
    expect(sent).toHaveLength(0);
  });

  it('rejects a blank text without a call, and fails a record without the field, naming its fields', async () => {
    const blank = await convert({}, { text: '   ' });
    expect(succeeded(blank.result).rejections).toEqual([{ reason: 'blank text: the field "text" is empty, so there is no list to read', details: { field: 'text' } }]);
    expect(blank.sent).toHaveLength(0);
    const missing = await convert({}, { body: answer });
    expect((missing.result as Error).message).toBe(
      'The text field "text" is missing; set the option field to the field that holds the text (this record has: body).',
    );
  });

  it('refuses an output that would overwrite the text, trim_to_length without n_items, a quoted n_items and unknown options', () => {
    const messages = (options: unknown) => yamlConversionTask.options.safeParse(options).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages({ output: 'text' })).toEqual([
      'output: is the field the text is read from ("text"), so the list would overwrite the text. Choose another output field.',
    ]);
    expect(messages({ trim_to_length: true })).toEqual([
      'trim_to_length: needs n_items: it keeps the first n_items items of a longer list. Set n_items, or remove trim_to_length.',
    ]);
    expect(messages({ n_items: '3' })?.[0]).toMatch(/^n_items: n_items must be a number such as 5, not the string "3"/);
    expect(messages({ items: 3 })?.[0]).toMatch(/^: unknown option "items"; valid options are: field, output, n_items, conversion/);
  });
});
