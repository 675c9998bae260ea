import { ModelCallError } from '@synthkit/runtime';
import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractTask } from './extract-task';

const input = { text: 'Ada Lovelace, born 1815 in London, wrote the first published program.' };
const schema = {
  type: 'object',
  properties: { name: { type: 'string' }, born: { type: ['integer', 'null'] }, places: { type: 'array', items: { type: 'string' } } },
  required: ['name', 'born', 'places'],
  additionalProperties: false,
};

describe('transform:extract', () => {
  it('asks for JSON fitting the schema at temperature 0, quoting the schema and the instructions, and writes the value', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: '{"name": "Ada Lovelace", "born": 1815, "places": ["London"]}' });
    const { records, calls } = await runTask(extractTask, {
      options: { schema, instructions: 'Write places as they appear.', output: 'person' },
      input,
      models: { generator },
    });
    expect(records).toEqual([{ person: { name: 'Ada Lovelace', born: 1815, places: ['London'] } }]);
    expect(calls[0]?.params['temperature']).toBe(0);
    expect(generator.doGenerateCalls[0]?.responseFormat).toEqual({ type: 'json', schema });
    const prompt = generator.doGenerateCalls[0]?.messages?.[1]?.content ?? '';
    expect(prompt).toContain(`JSON Schema:\n\n${JSON.stringify(schema, null, 2)}\n\nWrite places as they appear.\n`);
    expect(prompt).toContain(`<text>\n${input.text}\n</text>`);
  });

  it('repairs an answer that does not fit once, then rejects the record with what is wrong', async () => {
    const fixed = new MockLanguageModelV1({ doGenerate: ['{"name": "Ada Lovelace"}', '{"name": "Ada Lovelace", "born": null, "places": []}'] });
    const repaired = await runTask(extractTask, { options: { schema }, input, models: fixed });
    expect(repaired.records).toEqual([{ extracted: { name: 'Ada Lovelace', born: null, places: [] } }]);
    expect(repaired.calls[0]?.repairs).toBe(1);

    const stubborn = new MockLanguageModelV1({ doGenerate: '{"name": "Ada Lovelace", "born": "1815", "places": []}' });
    const failure = await runTask(extractTask, { options: { schema }, input, models: stubborn }).catch((error: unknown) => error);
    expect(ModelCallError.isInstance(failure) && failure.kind).toBe('refused');
    expect((failure as Error).message).toMatch(/even after it was sent back once to be fixed: it does not fit the schema: born: /);
    expect(stubborn.doGenerateCalls).toHaveLength(2);
  });

  it('takes a zod schema in code, sent as JSON Schema and parsed with zod', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: '{"name": "Ada"}' });
    const { records } = await runTask(extractTask, {
      options: { schema: z.object({ name: z.string(), nickname: z.string().default('none') }) },
      input,
      models: { generator },
    });
    expect(records).toEqual([{ extracted: { name: 'Ada', nickname: 'none' } }]);
    expect(generator.doGenerateCalls[0]?.messages?.[1]?.content).toContain('"required": [\n    "name",\n    "nickname"\n  ]');
  });

  it('needs a schema', () => {
    expect(extractTask.options.safeParse({}).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['schema']);
  });
});
