import { describe, expect, it } from 'vitest';
import { runTask } from '../testing/run-task';
import { subtopicsTask } from './subtopics-task';

const answer = '1. Baking bread\n2. Knife skills';
const converted = '- Baking bread\n- Knife skills';

describe('nemotron:subtopics', () => {
  it('asks for n_subtopics subtopics of the macro topic and emits them, then the macro topic', async () => {
    const { records, context } = await runTask(subtopicsTask, {
      options: { n_subtopics: 2 },
      input: { macro_topic: 'Food and cooking' },
      script: [
        { role: 'generator', template: 'subtopics', text: answer },
        { role: 'converter', template: 'yaml-conversion', text: converted },
      ],
    });
    expect(records).toEqual([{ topic: 'Baking bread' }, { topic: 'Knife skills' }, { topic: 'Food and cooking' }]);
    expect(context.calls[0]?.variables).toEqual({ macro_topic: 'Food and cooking', n_subtopics: 2 });
    expect(context.calls[0]?.messages[0]?.content).toContain('Broad topic: Food and cooking');
    expect(context.calls[0]?.messages[0]?.content).toContain('exactly 2 subtopics');
  });

  it('leaves the macro topic out when include_macro_topic is false', async () => {
    const { records } = await runTask(subtopicsTask, {
      options: { n_subtopics: 2, include_macro_topic: false },
      input: { macro_topic: 'Food and cooking' },
      script: [{ text: answer }, { text: converted }],
    });
    expect(records).toEqual([{ topic: 'Baking bread' }, { topic: 'Knife skills' }]);
  });

  it('rejects a wrong length when ignoring failures, emitting nothing (not even the macro topic)', async () => {
    const { records, context } = await runTask(subtopicsTask, {
      options: { n_subtopics: 2, ignore_conversion_failure: true },
      input: { macro_topic: 'Food and cooking' },
      script: [{ text: answer }, { text: '- Baking bread' }],
    });
    expect(records).toEqual([]);
    expect(context.rejects[0]?.reason).toBe('yaml-conversion: wrong-length');
    expect(context.rejects[0]?.details).toMatchObject({ kind: 'wrong-length', expected_length: 2, items: ['Baking bread'] });
  });
});
