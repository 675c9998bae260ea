import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { writingTasksTask } from './writing-tasks-task';

/** A generator that answers each prompt with two tasks naming its kind of text. */
function generatorNamingTheKind() {
  return new MockLanguageModelV1({
    modelId: 'generator',
    doGenerate: ({ messages }) => {
      const kind = /Kind of text: (.+)/.exec(messages?.[0]?.content ?? '')?.[1] ?? '?';
      return `1. Write a ${kind} about the sea.\n2. Write a short ${kind} for a child.`;
    },
  });
}

describe('nemotron:writing-tasks', () => {
  it('asks once per kind of text in text_material_types, and tags every task with its kind', async () => {
    const generator = generatorNamingTheKind();
    const { records, requests, calls } = await runTask(writingTasksTask, {
      options: { n_openlines: 2, text_material_types: ['poem', 'email'] },
      input: { topic: 'The sea' },
      models: { generator, converter: new MockLanguageModelV1({ doGenerate: [] }) },
    });
    expect(records).toEqual([
      { openline: 'Write a poem about the sea.', text_material_type: 'poem' },
      { openline: 'Write a short poem for a child.', text_material_type: 'poem' },
      { openline: 'Write a email about the sea.', text_material_type: 'email' },
      { openline: 'Write a short email for a child.', text_material_type: 'email' },
    ]);
    expect(requests.map((request) => request.variables)).toEqual([
      { topic: 'The sea', text_material_type: 'poem', n_openlines: 2 },
      { topic: 'The sea', text_material_type: 'email', n_openlines: 2 },
    ]);
    expect(calls.map((call) => call.role)).toEqual(['generator', 'generator']);
    const prompt = generator.doGenerateCalls[0]?.messages?.[0]?.content;
    expect(prompt).toContain('Topic: The sea\nKind of text: poem');
    expect(prompt).toContain('exactly 2 requests');
  });

  it('pairs the topic with every default kind of text when neither the stage nor the record names one', async () => {
    const { records } = await runTask(writingTasksTask, {
      options: { n_openlines: 2 },
      input: { topic: 'The sea' },
      models: { generator: generatorNamingTheKind(), converter: new MockLanguageModelV1({ doGenerate: [] }) },
    });
    expect([...new Set(records.map((record) => record.text_material_type))]).toEqual(['essay', 'poem', 'short story', 'letter', 'blog post']);
    expect(records).toHaveLength(10);
  });

  it("uses the record's own text_material_type instead of the list", async () => {
    const generator = generatorNamingTheKind();
    const { records } = await runTask(writingTasksTask, {
      options: { n_openlines: 2, text_material_types: ['poem', 'email'] },
      input: { topic: 'The sea', text_material_type: 'limerick' },
      models: { generator, converter: new MockLanguageModelV1({ doGenerate: [] }) },
    });
    expect(records.map((record) => record.text_material_type)).toEqual(['limerick', 'limerick']);
    expect(generator.doGenerateCalls).toHaveLength(1);
  });

  it('with ignore_conversion_failure, rejects the pair whose list fails and keeps the others', async () => {
    const generator = new MockLanguageModelV1({
      doGenerate: ({ messages }) =>
        (messages?.[0]?.content ?? '').includes('Kind of text: poem') ? '1. Write a poem about the sea.' : '1. Write an email.\n2. Write a memo.',
    });
    const { records, rejections } = await runTask(writingTasksTask, {
      options: { n_openlines: 2, text_material_types: ['poem', 'email'], ignore_conversion_failure: true },
      input: { topic: 'The sea' },
      models: { generator, converter: new MockLanguageModelV1({ doGenerate: [] }) },
    });
    expect(records).toEqual([
      { openline: 'Write an email.', text_material_type: 'email' },
      { openline: 'Write a memo.', text_material_type: 'email' },
    ]);
    expect(rejections).toEqual([
      { reason: 'yaml-conversion: wrong-length', details: expect.objectContaining({ text_material_type: 'poem', kind: 'wrong-length', conversion: 'local' }) as unknown },
    ]);
  });
});
