import { ModelCallError } from '@synthkit/runtime';
import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { promptTask } from './prompt-task';

const input = { text: 'Cats sleep for most of the day.', source: 'a vet' };
const personSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name', 'age'],
  additionalProperties: false,
};

describe('transform:prompt', () => {
  it("renders the recipe's prompt with the record's fields and the recipe's variables, and writes the answer into output", async () => {
    const generator = new MockLanguageModelV1({ doGenerate: '  Cats nap a lot.  ' });
    const { records, calls } = await runTask(promptTask, {
      options: { output: 'summary' },
      input,
      models: { generator },
      variables: { audience: 'children' },
      templates: { prompt: { system: 'You write for {audience}.', user: 'Summarise what {source} says: {text}' } },
    });
    expect(generator.doGenerateCalls[0]?.messages).toEqual([
      { role: 'system', content: 'You write for children.' },
      { role: 'user', content: 'Summarise what a vet says: Cats sleep for most of the day.' },
    ]);
    expect(records).toEqual([{ summary: 'Cats nap a lot.' }]);
    expect(calls[0]).toMatchObject({ role: 'generator', template: 'prompt' });
    expect(generator.doGenerateCalls[0]?.responseFormat).toBeUndefined();
  });

  it("sends the record's text as it is when the recipe does not override the prompt", async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'They are crepuscular.' });
    const { records } = await runTask(promptTask, { input, models: { generator } });
    expect(generator.doGenerateCalls[0]?.messages).toEqual([{ role: 'user', content: 'Cats sleep for most of the day.' }]);
    expect(records).toEqual([{ response: 'They are crepuscular.' }]);
  });

  it('asks for n answers and emits one record per usable answer, leaving blank ones out', async () => {
    const generator = new MockLanguageModelV1({ maxChoicesPerCall: 1, doGenerate: ['First.', '  \n ', 'Third.'] });
    const { records, rejections, calls } = await runTask(promptTask, { options: { n: 3 }, input, models: { generator } });
    expect(records).toEqual([{ response: 'First.' }, { response: 'Third.' }]);
    expect(rejections).toEqual([]);
    // One call for n = 3, split by the engine for a model that answers one choice per request.
    expect(calls.map((call) => call.params['n'])).toEqual([3]);
    expect(generator.doGenerateCalls.map((call) => call.params.n)).toEqual([1, 1, 1]);
  });

  it('rejects the record when no answer has a letter or digit', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: '\u0000\u0007 ...' });
    const { records, rejections } = await runTask(promptTask, { input, models: { generator } });
    expect(records).toEqual([]);
    expect(rejections).toEqual([{ reason: 'blank answer: the model answered with no letters or digits' }]);
  });

  it('asks for JSON fitting a JSON Schema, quotes it as {json_schema}, and writes the parsed value', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: '```json\n{"name": "Ada", "age": 36}\n```' });
    const { records } = await runTask(promptTask, {
      options: { schema: personSchema, output: 'person' },
      input,
      models: { generator },
      templates: { prompt: { user: 'Who is in {text}? Answer as JSON following {json_schema}' } },
    });
    expect(records).toEqual([{ person: { name: 'Ada', age: 36 } }]);
    expect(generator.doGenerateCalls[0]?.responseFormat).toEqual({ type: 'json', schema: personSchema });
    expect(generator.doGenerateCalls[0]?.messages?.[0]?.content).toContain(`following ${JSON.stringify(personSchema, null, 2)}`);
  });

  it('sends an answer that does not fit the schema back once, and keeps the fixed one', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: ['{"name": "Ada", "age": -3}', '{"name": "Ada", "age": 36}'] });
    const { records, calls } = await runTask(promptTask, { options: { schema: personSchema }, input, models: { generator } });
    expect(records).toEqual([{ response: { name: 'Ada', age: 36 } }]);
    expect(calls[0]?.repairs).toBe(1);
    const repair = generator.doGenerateCalls[1]?.messages ?? [];
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: '{"name": "Ada", "age": -3}' });
    expect(repair.at(-1)?.content).toContain('age');
  });

  it('refuses the record when the fixed answer still does not fit, with what is wrong', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: ['{"name": "Ada"}', 'Sorry, I cannot answer in JSON.'] });
    const failure = await runTask(promptTask, { options: { schema: personSchema }, input, models: { generator } }).catch((error: unknown) => error);
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect((failure as ModelCallError).kind).toBe('refused');
    expect((failure as Error).message).toContain('even after it was sent back once to be fixed: it is not valid JSON');
    expect(generator.doGenerateCalls).toHaveLength(2);
  });

  it('parses answers with a zod schema given in code, so its defaults apply', async () => {
    const schema = z.object({ name: z.string(), tags: z.array(z.string()).default([]) });
    const generator = new MockLanguageModelV1({ doGenerate: '{"name": "Ada", "tags": []}' });
    const { records } = await runTask(promptTask, { options: { schema }, input, models: { generator } });
    expect(records).toEqual([{ response: { name: 'Ada', tags: [] } }]);
    expect(generator.doGenerateCalls[0]?.responseFormat?.schema).toMatchObject({ type: 'object', required: ['name', 'tags'] });
  });

  it('takes any JSON object with format json and no schema, and rejects a list', async () => {
    const ok = await runTask(promptTask, { options: { format: 'json' }, input, models: new MockLanguageModelV1({ doGenerate: '{"mood": "sleepy"}' }) });
    expect(ok.records).toEqual([{ response: { mood: 'sleepy' } }]);
    const failure = await runTask(promptTask, { options: { format: 'json' }, input, models: new MockLanguageModelV1({ doGenerate: '["sleepy"]' }) }).catch(
      (error: unknown) => error,
    );
    expect((failure as Error).message).toContain('it is JSON, but not an object');
  });

  it('checks its options: a schema the engine cannot read, a schema with format text, an unknown option', () => {
    const issues = (options: unknown) => promptTask.options.safeParse(options).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues({ schema: { type: 'strin' } })).toEqual([
      ['schema', expect.stringContaining('is not a JSON Schema the engine can check answers against: Unsupported type: strin.')],
    ]);
    expect(issues({ schema: ['name'] })).toEqual([['schema', expect.stringContaining('must be a JSON Schema, a map such as')]]);
    expect(issues({ schema: z.object({ at: z.string().transform((value) => new Date(value)) }) })).toEqual([
      ['schema', expect.stringContaining('is a zod schema that cannot be written as JSON Schema')],
    ]);
    expect(issues({ schema: personSchema, format: 'text' })).toEqual([['format', expect.stringContaining('but a schema is set')]]);
    expect(issues({ output: '_meta' })).toEqual([['output', expect.stringContaining('belong to the engine')]]);
    expect(issues({ n: 0 })?.[0]?.[0]).toBe('n');
    expect(issues({ ouput: 'summary' })?.[0]?.[1]).toContain('ouput');
  });

  it('declares the field it writes, for validate', () => {
    expect(promptTask.fields?.(promptTask.options.parse({ output: 'summary' }))).toEqual({ writes: ['summary'] });
  });
});
