import { InvalidRecipeError, type JsonRecord } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin, type EchoCall } from '../test-support/test-plugin';
import { runPipeline } from './run-pipeline';
import { RunStatistics } from './run-statistics';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

async function compile(stages: unknown[], calls: EchoCall[] = []) {
  const registry = await createRegistry({ plugins: [createTestPlugin(calls)], discover: false });
  return compileRecipe({ registry, directory: project.directory, document: { models: { default: 'echo:small' }, stages } });
}

async function issuesOf(stages: unknown[]) {
  const error = await compile(stages).catch((caught: unknown) => caught);
  expect(InvalidRecipeError.isInstance(error)).toBe(true);
  return (error as InvalidRecipeError).issues;
}

async function run(stages: unknown[], calls: EchoCall[] = []) {
  const statistics = new RunStatistics();
  const records: JsonRecord[] = [];
  for await (const record of runPipeline({ plan: await compile(stages, calls), statistics })) records.push(record);
  return { records, statistics };
}

const seeds = (records: object[]) => project.write('seeds.jsonl', `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
const fieldsOnly = (record: JsonRecord) => Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_')));

describe('- fields: select, drop, rename, set', () => {
  it('rewrites each record in that order, keeping _id and _meta, and later stages see the new fields', async () => {
    await seeds([{ text: 'tea', url: 'https://a', lang: 'en', extra: 1 }]);
    const { records } = await run([
      { source: 'seeds.jsonl' },
      { fields: { select: ['text', 'url', 'lang'], drop: ['url'], rename: { text: 'item' }, set: { source: 'web', lang: 'fr' } } },
      { task: 'test:ask' },
    ]);
    expect(records.map(fieldsOnly)).toEqual([{ item: 'tea', lang: 'fr', source: 'web', answer: 'TELL ME ABOUT TEA.' }]);
    expect(records[0]?._meta).toMatchObject({ stage: 'ask', lineage: [{ stage: 'source' }] });
  });

  it('checks what it names against the fields that reach it, and later stages against what it leaves', async () => {
    await seeds([{ text: 'tea', url: 'https://a' }]);
    expect(await issuesOf([{ source: 'seeds.jsonl' }, { fields: { drop: ['ulr'], rename: { txt: 'item' } } }, { task: 'test:ask' }])).toEqual([
      { path: 'stages[1].fields.drop[0]', message: expect.stringMatching(/^drops the field "ulr", but no earlier stage produces it; .*Did you mean "url"\? Name a field/) },
      { path: 'stages[1].fields.rename.txt', message: expect.stringMatching(/^renames the field "txt", .*Did you mean "text"\?/) },
      { path: 'stages[2].task', message: expect.stringContaining('test:ask reads the field "item", but no earlier stage produces it; the records that reach it have: text') },
    ]);
    expect(await issuesOf([{ source: 'seeds.jsonl' }, { fields: { rename: { text: 'item' } } }, { filter: 'test:min-length' }])).toEqual([
      { path: 'stages[2]', message: expect.stringContaining('scores the field "text" (the default, as no field: is set), but no earlier stage produces it; the records that reach it have: url, item') },
    ]);
    expect(await issuesOf([{ source: 'seeds.jsonl' }, { fields: {} }])).toEqual([
      { path: 'stages[1].fields', message: 'needs at least one of select, drop, rename, set' },
    ]);
  });
});

describe('when: a stage for some records only', () => {
  it('routes records by a field: each stage handles the records its test selects and passes the others on untouched', async () => {
    const calls: EchoCall[] = [];
    await seeds([
      { item: 'tea', score: 15 },
      { item: 'bread', score: 3 },
      { item: 'salt' },
    ]);
    const { records, statistics } = await run(
      [
        { source: 'seeds.jsonl' },
        { task: 'test:ask', name: 'high', when: { field: 'score', above: 11 }, templates: { ask: { user: 'Explain {item} in depth.' } } },
        { task: 'test:ask', name: 'low', when: { field: 'score', at_most: 11 } },
        { filter: 'test:min-length', field: 'item', options: { min: 100 }, when: { field: 'score', exists: false } },
      ],
      calls,
    );
    expect(calls.map((call) => call.prompt).sort()).toEqual(['Explain tea in depth.', 'Tell me about bread.']);
    expect(records.map(fieldsOnly).sort((a, b) => String(a.item).localeCompare(String(b.item)))).toEqual([
      { item: 'bread', score: 3, answer: 'TELL ME ABOUT BREAD.' },
      { item: 'tea', score: 15, answer: 'EXPLAIN TEA IN DEPTH.' },
    ]);
    const byName = Object.fromEntries(statistics.stages.map((stage) => [stage.name, stage]));
    expect(byName.high).toMatchObject({ received: 3, completed: 3, skipped: 2, emitted: 3 });
    expect(byName.low).toMatchObject({ received: 3, completed: 3, skipped: 2, emitted: 3 });
    // Only "salt" has no score: the filter sees it alone, and drops it (4 characters < 100).
    expect(byName['min-length']).toMatchObject({ received: 3, completed: 2, skipped: 2, filtered: 1 });
  });

  it('checks the field its test reads, and needs a test', async () => {
    await seeds([{ item: 'tea', score: 1 }]);
    expect(await issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask', when: { field: 'scor', above: 1 } }])).toEqual([
      { path: 'stages[1].when.field', message: expect.stringMatching(/^when: reads the field "scor", but no earlier stage produces it; .*Did you mean "score"\?/) },
    ]);
    expect(await issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask', when: { field: 'score' } }])).toEqual([
      { path: 'stages[1].when', message: 'needs a test besides field: one of equals, in, above, at_least, below, at_most, exists' },
    ]);
    expect(await issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask', when: { field: 'score', abov: 1 } }])).toEqual([
      { path: 'stages[1].when', message: expect.stringContaining('unknown key "abov" (did you mean "above"?)') },
    ]);
  });
});
