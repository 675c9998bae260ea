import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { subtopicsTask } from './subtopics-task';

const answer = '1. Baking bread\n2. Knife skills';
const converted = '- Baking bread\n- Knife skills';

describe('nemotron:subtopics', () => {
  it('asks for n_subtopics subtopics of the macro topic and emits them, then the macro topic', async () => {
    const models = scriptedListModels(answer, converted);
    const { records, calls, requests } = await runTask(subtopicsTask, {
      options: { n_subtopics: 2, conversion: 'llm' },
      input: { macro_topic: 'Food and cooking' },
      models,
    });
    expect(records).toEqual([{ topic: 'Baking bread' }, { topic: 'Knife skills' }, { topic: 'Food and cooking' }]);
    expect(calls.map((call) => [call.role, call.template])).toEqual([
      ['generator', 'subtopics'],
      ['converter', 'yaml-conversion'],
    ]);
    expect(requests[0]?.variables).toEqual({ macro_topic: 'Food and cooking', n_subtopics: 2 });
    const prompt = models.generator.doGenerateCalls[0]?.messages?.[0]?.content;
    expect(prompt).toContain('Broad topic: Food and cooking');
    expect(prompt).toContain('exactly 2 subtopics');
  });

  it('leaves the macro topic out when include_macro_topic is false', async () => {
    const { records } = await runTask(subtopicsTask, {
      options: { n_subtopics: 2, include_macro_topic: false },
      input: { macro_topic: 'Food and cooking' },
      models: scriptedListModels(answer, converted),
    });
    expect(records).toEqual([{ topic: 'Baking bread' }, { topic: 'Knife skills' }]);
  });

  it('rejects a wrong length when ignoring failures, emitting nothing (not even the macro topic)', async () => {
    const { records, rejections } = await runTask(subtopicsTask, {
      options: { n_subtopics: 2, conversion: 'llm', ignore_conversion_failure: true },
      input: { macro_topic: 'Food and cooking' },
      models: scriptedListModels(answer, '- Baking bread'),
    });
    expect(records).toEqual([]);
    expect(rejections[0]?.reason).toBe('yaml-conversion: wrong-length');
    expect(rejections[0]?.details).toMatchObject({ kind: 'wrong-length', expected_length: 2, items: ['Baking bread'] });
  });

  it('reads the list locally by default, with no converter call', async () => {
    const models = scriptedListModels(answer, converted);
    const { records, calls } = await runTask(subtopicsTask, { options: { n_subtopics: 2 }, input: { macro_topic: 'Food and cooking' }, models });
    expect(records).toEqual([{ topic: 'Baking bread' }, { topic: 'Knife skills' }, { topic: 'Food and cooking' }]);
    expect(calls.map((call) => [call.role, call.template])).toEqual([['generator', 'subtopics']]);
  });

  it('passes a record that already has a topic (an additional subtopic) through, with no model call', async () => {
    const models = scriptedListModels(answer, converted);
    const { records, calls } = await runTask(subtopicsTask, {
      options: { n_subtopics: 2 },
      input: { macro_topic: 'Composting', topic: 'Composting' },
      models,
    });
    expect(records).toEqual([{ topic: 'Composting' }]);
    expect(calls).toEqual([]);
  });
});
