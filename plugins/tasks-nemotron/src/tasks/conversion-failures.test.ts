import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { expectedRecords, listTaskCases } from '../test-support/list-task-cases';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { YamlConversionError, type YamlConversionFailureKind } from '../yaml-conversion-error';

// Every list task, every way of reading its list: the same checks and the same failure policy.

/** With conversion: llm the generator answers two items; each converter answer fails one check. */
const generatorAnswer = '1. Alpha\n2. Beta';
const failingConversions: Array<[YamlConversionFailureKind, string]> = [
  ['parse-error', '- [Alpha'],
  ['not-a-list', 'Alpha: Beta'],
  ['non-string-item', '- Alpha\n- 42'],
  ['hallucination', '- Alpha\n- Gamma'],
  ['wrong-length', '- Alpha'],
];

const llmCases = listTaskCases.flatMap((entry) => failingConversions.map(([kind, converted]) => ({ ...entry, kind, converted })));

describe.each(llmCases)('$name, conversion: llm, with a $kind conversion', ({ task, countOption, input, kind, converted, ...entry }) => {
  const models = () => scriptedListModels(generatorAnswer, converted);
  const options = { [countOption]: 2, conversion: 'llm' };

  it('throws a YamlConversionError of that kind when ignore_conversion_failure is false', async () => {
    const run = runTask(task, { options, input, models: models() });
    await expect(run).rejects.toSatisfy((error) => YamlConversionError.isInstance(error) && error.kind === kind && error.conversion === 'llm');
  });

  if (entry.shape === 'macro-topics' && kind === 'wrong-length') {
    it('accepts the list as it is when ignore_conversion_failure is true', async () => {
      const { records, rejections } = await runTask(task, { options: { ...options, ignore_conversion_failure: true }, input, models: models() });
      expect(records).toEqual([{ [entry.outputField]: 'Alpha' }]);
      expect(rejections).toEqual([]);
    });
  } else {
    it('rejects the input and emits nothing when ignore_conversion_failure is true', async () => {
      const { records, rejections } = await runTask(task, { options: { ...options, ignore_conversion_failure: true }, input, models: models() });
      expect(records).toEqual([]);
      expect(rejections).toHaveLength(1);
      expect(rejections[0]?.reason).toBe(`yaml-conversion: ${kind}`);
      expect(rejections[0]?.details).toMatchObject({
        kind,
        conversion: 'llm',
        original_text: generatorAnswer,
        converted_text: converted,
        message: expect.stringContaining(kind) as unknown,
      });
    });
  }
});

/** With conversion: local, generator answers that fail: the converter is never called. */
const failingAnswers: Array<[YamlConversionFailureKind, string]> = [
  ['not-a-list', 'Sorry, I cannot help with that.'],
  ['parse-error', '1. Alpha\n- Beta'],
  ['wrong-length', '1. Alpha'],
];

const localCases = listTaskCases.flatMap((entry) => failingAnswers.map(([kind, answer]) => ({ ...entry, kind, answer })));

describe.each(localCases)('$name, conversion: local, with a $kind answer', ({ task, countOption, input, kind, answer, ...entry }) => {
  const options = { [countOption]: 2, conversion: 'local' };

  it('throws a YamlConversionError of that kind, without calling the converter', async () => {
    const models = scriptedListModels(answer, '- "never used"');
    const error: unknown = await runTask(task, { options, input, models }).catch((thrown: unknown) => thrown);
    expect(YamlConversionError.isInstance(error) && error.kind === kind && error.conversion === 'local').toBe(true);
    expect((error as YamlConversionError).convertedText).toBeUndefined();
    expect(models.converter.doGenerateCalls).toHaveLength(0);
  });

  if (entry.shape === 'macro-topics' && kind === 'wrong-length') {
    it('accepts the list as it is when ignore_conversion_failure is true', async () => {
      const { records } = await runTask(task, { options: { ...options, ignore_conversion_failure: true }, input, models: scriptedListModels(answer, '') });
      expect(records).toEqual([{ [entry.outputField]: 'Alpha' }]);
    });
  } else {
    it('rejects the input with details saying it was read locally when ignore_conversion_failure is true', async () => {
      const { records, rejections } = await runTask(task, {
        options: { ...options, ignore_conversion_failure: true },
        input,
        models: scriptedListModels(answer, ''),
      });
      expect(records).toEqual([]);
      expect(rejections).toHaveLength(1);
      expect(rejections[0]?.reason).toBe(`yaml-conversion: ${kind}`);
      expect(rejections[0]?.details).toMatchObject({ kind, conversion: 'local', original_text: answer });
      expect(rejections[0]?.details).not.toHaveProperty('converted_text');
    });
  }
});

describe.each(listTaskCases)('$name, conversion: auto (the default)', (entry) => {
  const { task, countOption, input } = entry;
  const options = { [countOption]: 2 };

  it('reads a clean list locally: one generator call, no converter call', async () => {
    const models = scriptedListModels('Here they are:\n1. Alpha\n2. Beta', '- "never used"');
    const { records, calls } = await runTask(task, { options, input, models });
    expect(records).toEqual(expectedRecords(entry, ['Alpha', 'Beta']));
    expect(calls.map((call) => [call.role, call.template])).toEqual([['generator', entry.template]]);
  });

  it('sends an answer the local parser cannot read to the converter, and uses its list', async () => {
    const answer = '1. Alpha\n- Beta';
    const models = scriptedListModels(answer, '- "Alpha"\n- "Beta"');
    const { records, calls } = await runTask(task, { options, input, models });
    expect(records).toEqual(expectedRecords(entry, ['Alpha', 'Beta']));
    expect(calls.map((call) => [call.role, call.template])).toEqual([
      ['generator', entry.template],
      ['converter', 'yaml-conversion'],
    ]);
    expect(models.converter.doGenerateCalls[0]?.messages?.[0]?.content).toContain(answer);
  });

  it("records the local parser's problem when the converter's list fails too", async () => {
    const { rejections } = await runTask(task, {
      options: { ...options, ignore_conversion_failure: true },
      input,
      models: scriptedListModels('1. Alpha\n- Beta', '- "Alpha"\n- "Gamma"'),
    });
    expect(rejections).toHaveLength(1);
    expect(rejections[0]?.details).toMatchObject({ kind: 'hallucination', conversion: 'llm', local_problem: 'mixed-markers' });
  });

  it('does not send a clean list of the wrong length to the converter: it could only copy the same items', async () => {
    const models = scriptedListModels('1. Alpha', '- "Alpha"\n- "Beta"');
    const error: unknown = await runTask(task, { options, input, models }).catch((thrown: unknown) => thrown);
    expect(YamlConversionError.isInstance(error) && error.kind === 'wrong-length' && error.conversion === 'local').toBe(true);
    expect((error as Error).message).toContain("the list in the generator's answer has only 1");
    expect(models.converter.doGenerateCalls).toHaveLength(0);
  });

  it('trims a longer list read locally when trim_to_length is set', async () => {
    const { records } = await runTask(task, { options: { ...options, trim_to_length: true }, input, models: scriptedListModels('1. Alpha\n2. Beta\n3. Gamma', '') });
    expect(records).toEqual(expectedRecords(entry, ['Alpha', 'Beta']));
  });
});
