import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { YamlConversionError } from '../yaml-conversion-error';
import { macroTopicsTask } from './macro-topics-task';

const answer = '1. Food and cooking\n2. Travel\n3. Astronomy';
const converted = '- "Food and cooking"\n- "Travel"\n- "Astronomy"';

describe('nemotron:macro-topics', () => {
  it('reads the list locally by default: one generator call, no converter call', async () => {
    const models = scriptedListModels(answer, converted);
    const { records, rejections, calls, requests } = await runTask(macroTopicsTask, { options: { n_macro_topics: 3 }, models });
    expect(records).toEqual([{ macro_topic: 'Food and cooking' }, { macro_topic: 'Travel' }, { macro_topic: 'Astronomy' }]);
    expect(requests).toEqual([{ role: 'generator', template: 'macro-topics', variables: { n_macro_topics: 3 } }]);
    expect(calls.map((call) => call.role)).toEqual(['generator']);
    expect(models.converter.doGenerateCalls).toHaveLength(0);
    expect(rejections).toEqual([]);
  });

  it('with conversion: llm, asks the generator for n_macro_topics topics, the converter for the list, and emits one record each', async () => {
    const models = scriptedListModels(answer, converted);
    const { records, rejections, calls, requests } = await runTask(macroTopicsTask, { options: { n_macro_topics: 3, conversion: 'llm' }, models });
    expect(records).toEqual([{ macro_topic: 'Food and cooking' }, { macro_topic: 'Travel' }, { macro_topic: 'Astronomy' }]);
    expect(requests).toEqual([
      { role: 'generator', template: 'macro-topics', variables: { n_macro_topics: 3 } },
      { role: 'converter', template: 'yaml-conversion', variables: { llm_response: answer }, defaults: { temperature: 0 } },
    ]);
    expect(calls).toMatchObject([
      { role: 'generator', model: 'mock:generator', template: 'macro-topics' },
      { role: 'converter', model: 'mock:converter', template: 'yaml-conversion' },
    ]);
    // What the engine sent: nothing for the generator, the conversion's temperature 0 for the converter.
    expect(calls.map((call) => call.params)).toEqual([{}, { temperature: 0 }]);
    expect(models.generator.doGenerateCalls).toHaveLength(1);
    expect(models.generator.doGenerateCalls[0]?.messages?.[0]?.content).toContain('exactly 3 topics');
    expect(models.converter.doGenerateCalls[0]?.messages?.[0]?.content).toContain(answer);
    expect(rejections).toEqual([]);
  });

  it('appends additional_macro_topics after the generated ones', async () => {
    const { records } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, additional_macro_topics: ['Gardening', 'Music'] },
      models: scriptedListModels(answer, converted),
    });
    expect(records.map((record) => record.macro_topic)).toEqual(['Food and cooking', 'Travel', 'Astronomy', 'Gardening', 'Music']);
  });

  it('emits additional_subtopics last, once each, as topics that stand for themselves', async () => {
    const { records } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, additional_macro_topics: ['Music'], additional_subtopics: ['Composting', 'Jazz piano'] },
      models: scriptedListModels(answer, converted),
    });
    expect(records.slice(3)).toEqual([
      { macro_topic: 'Music' },
      { macro_topic: 'Composting', topic: 'Composting' },
      { macro_topic: 'Jazz piano', topic: 'Jazz piano' },
    ]);
  });

  it('accepts a list of the wrong length read locally as it is when ignoring failures, with no converter call', async () => {
    const models = scriptedListModels('1. Travel\n2. Astronomy', converted);
    const { records, rejections, calls } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, ignore_conversion_failure: true },
      models,
    });
    expect(records.map((record) => record.macro_topic)).toEqual(['Travel', 'Astronomy']);
    expect(rejections).toEqual([]);
    expect(calls.map((call) => call.role)).toEqual(['generator']);
  });

  it('fails on a wrong length when not ignoring failures', async () => {
    const run = runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, conversion: 'llm' },
      models: scriptedListModels(answer, '- Travel\n- Astronomy'),
    });
    await expect(run).rejects.toSatisfy((error) => YamlConversionError.isInstance(error) && error.kind === 'wrong-length');
  });

  it('accepts a list of the wrong length as it is when ignoring failures', async () => {
    const { records, rejections } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, conversion: 'llm', ignore_conversion_failure: true, additional_macro_topics: ['Music'] },
      models: scriptedListModels(answer, '- Travel\n- Astronomy'),
    });
    expect(records.map((record) => record.macro_topic)).toEqual(['Travel', 'Astronomy', 'Music']);
    expect(rejections).toEqual([]);
  });

  it('trims a longer list when trim_to_length is set', async () => {
    const { records } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 2, trim_to_length: true },
      models: scriptedListModels(answer, converted),
    });
    expect(records.map((record) => record.macro_topic)).toEqual(['Food and cooking', 'Travel']);
  });

  it('emits nothing, not even additional_macro_topics, when another failure is ignored', async () => {
    const { records, rejections } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, conversion: 'llm', ignore_conversion_failure: true, additional_macro_topics: ['Music'] },
      models: scriptedListModels(answer, '- Travel\n- Invented topic\n- Astronomy'),
    });
    expect(records).toEqual([]);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]?.reason).toBe('yaml-conversion: hallucination');
  });
});
