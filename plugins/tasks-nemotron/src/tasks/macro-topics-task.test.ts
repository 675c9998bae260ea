import { describe, expect, it } from 'vitest';
import { runTask } from '../testing/run-task';
import { YamlConversionError } from '../yaml-conversion-error';
import { macroTopicsTask } from './macro-topics-task';

const answer = '1. Food and cooking\n2. Travel\n3. Astronomy';
const converted = '- "Food and cooking"\n- "Travel"\n- "Astronomy"';

describe('nemotron:macro-topics', () => {
  it('asks the generator for n_macro_topics topics and emits one record each', async () => {
    const { records, context } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3 },
      script: [
        { role: 'generator', template: 'macro-topics', text: answer },
        { role: 'converter', template: 'yaml-conversion', text: converted },
      ],
    });
    expect(records).toEqual([{ macro_topic: 'Food and cooking' }, { macro_topic: 'Travel' }, { macro_topic: 'Astronomy' }]);
    expect(context.calls[0]).toMatchObject({ role: 'generator', variables: { n_macro_topics: 3 }, params: undefined });
    expect(context.calls[0]?.messages[0]?.content).toContain('exactly 3 topics');
    expect(context.calls[1]?.variables).toEqual({ llm_response: answer });
    expect(context.rejects).toEqual([]);
  });

  it('appends additional_macro_topics after the generated ones', async () => {
    const { records } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, additional_macro_topics: ['Gardening', 'Music'] },
      script: [{ text: answer }, { text: converted }],
    });
    expect(records.map((record) => record.macro_topic)).toEqual(['Food and cooking', 'Travel', 'Astronomy', 'Gardening', 'Music']);
  });

  it('fails on a wrong length when not ignoring failures', async () => {
    const run = runTask(macroTopicsTask, {
      options: { n_macro_topics: 3 },
      script: [{ text: answer }, { text: '- Travel\n- Astronomy' }],
    });
    await expect(run).rejects.toSatisfy((error) => YamlConversionError.isInstance(error) && error.kind === 'wrong-length');
  });

  it('accepts a list of the wrong length as it is when ignoring failures', async () => {
    const { records, context } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, ignore_conversion_failure: true, additional_macro_topics: ['Music'] },
      script: [{ text: answer }, { text: '- Travel\n- Astronomy' }],
    });
    expect(records.map((record) => record.macro_topic)).toEqual(['Travel', 'Astronomy', 'Music']);
    expect(context.rejects).toEqual([]);
  });

  it('trims a longer list when trim_to_length is set', async () => {
    const { records } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 2, trim_to_length: true },
      script: [{ text: answer }, { text: converted }],
    });
    expect(records.map((record) => record.macro_topic)).toEqual(['Food and cooking', 'Travel']);
  });

  it('emits nothing, not even additional_macro_topics, when another failure is ignored', async () => {
    const { records, context } = await runTask(macroTopicsTask, {
      options: { n_macro_topics: 3, ignore_conversion_failure: true, additional_macro_topics: ['Music'] },
      script: [{ text: answer }, { text: '- Travel\n- Invented topic\n- Astronomy' }],
    });
    expect(records).toEqual([]);
    expect(context.rejects).toHaveLength(1);
    expect(context.rejects[0]?.reason).toBe('yaml-conversion: hallucination');
  });
});
