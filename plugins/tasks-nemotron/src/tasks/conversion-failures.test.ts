import type { JsonRecord, TaskV1 } from '@synthkit/core';
import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { YamlConversionError, type YamlConversionFailureKind } from '../yaml-conversion-error';
import { macroTopicsTask } from './macro-topics-task';
import { openQAQuestionsTask } from './open-qa-questions-task';
import { openQARevisionsTask } from './open-qa-revisions-task';
import { subtopicsTask } from './subtopics-task';

/** Every task, with the option naming its count and an input it accepts. */
const tasks: Array<{ name: string; task: TaskV1<unknown, JsonRecord, JsonRecord>; countOption: string; input: JsonRecord }> = [
  { name: 'macro-topics', task: macroTopicsTask, countOption: 'n_macro_topics', input: {} },
  { name: 'subtopics', task: subtopicsTask, countOption: 'n_subtopics', input: { macro_topic: 'Science' } },
  { name: 'open-qa-questions', task: openQAQuestionsTask, countOption: 'n_openlines', input: { topic: 'Science' } },
  { name: 'open-qa-revisions', task: openQARevisionsTask, countOption: 'n_revisions', input: { openline: 'Why?' } },
];

/** The generator answers two items; each converter answer fails one check. */
const generatorAnswer = '1. Alpha\n2. Beta';
const failingConversions: Array<[YamlConversionFailureKind, string]> = [
  ['parse-error', '- [Alpha'],
  ['not-a-list', 'Alpha: Beta'],
  ['non-string-item', '- Alpha\n- 42'],
  ['hallucination', '- Alpha\n- Gamma'],
  ['wrong-length', '- Alpha'],
];

const cases = tasks.flatMap((entry) => failingConversions.map(([kind, converted]) => ({ ...entry, kind, converted })));

describe.each(cases)('$name with a $kind conversion', ({ name, task, countOption, input, kind, converted }) => {
  const models = () => scriptedListModels(generatorAnswer, converted);

  it('throws a YamlConversionError of that kind when ignore_conversion_failure is false', async () => {
    const run = runTask(task, { options: { [countOption]: 2 }, input, models: models() });
    await expect(run).rejects.toSatisfy((error) => YamlConversionError.isInstance(error) && error.kind === kind);
  });

  if (name === 'macro-topics' && kind === 'wrong-length') {
    it('accepts the list as it is when ignore_conversion_failure is true', async () => {
      const { records, rejections } = await runTask(task, { options: { [countOption]: 2, ignore_conversion_failure: true }, input, models: models() });
      expect(records).toEqual([{ macro_topic: 'Alpha' }]);
      expect(rejections).toEqual([]);
    });
  } else {
    it('rejects the input and emits nothing when ignore_conversion_failure is true', async () => {
      const { records, rejections } = await runTask(task, { options: { [countOption]: 2, ignore_conversion_failure: true }, input, models: models() });
      expect(records).toEqual([]);
      expect(rejections).toHaveLength(1);
      expect(rejections[0]?.reason).toBe(`yaml-conversion: ${kind}`);
      expect(rejections[0]?.details).toMatchObject({
        kind,
        original_text: generatorAnswer,
        converted_text: converted,
        message: expect.stringContaining(kind) as unknown,
      });
    });
  }
});
