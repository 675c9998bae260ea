import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidRecipeError } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dryRunRecipe } from '../run/dry-run-recipe';
import { runRecipe } from '../run/run-recipe';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin, type EchoCall } from '../test-support/test-plugin';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
  await project.write('docs/tides.md', 'Tides rise twice a day.');
  await project.write('docs/bees.md', 'Bees dance to share directions.');
  await project.write('docs/notes/moss.txt', 'Moss grows on the shady side.');
});
afterEach(async () => {
  await project.remove();
});

async function compile(stages: object[], calls: EchoCall[] = []) {
  const registry = await createRegistry({ plugins: [createTestPlugin(calls)], discover: false });
  return compileRecipe({ registry, directory: project.directory, document: { models: { default: 'echo:small' }, stages } });
}

async function issuesOf(stages: object[]) {
  const error = await compile(stages).catch((caught: unknown) => caught);
  expect(InvalidRecipeError.isInstance(error)).toBe(true);
  return (error as InvalidRecipeError).issues;
}

const readJsonLines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Documents → their text as the `item` the test plugin's `ask` task reads → one answer each. */
const askAboutDocuments = (source: string) => [{ source }, { fields: { rename: { text: 'item' } } }, { task: 'test:ask' }];

describe('source: a folder or glob of documents in a recipe', () => {
  it('validate knows the records have text and path, and checks later stages against them', async () => {
    const plan = await compile(askAboutDocuments('docs/'));
    expect(plan.stages[0]).toMatchObject({
      kind: 'source',
      path: join(project.directory, 'docs/**/*'),
      documents: { source: 'docs/', pattern: 'docs/**/*', directory: project.directory },
    });
    expect(await issuesOf([{ source: 'docs/*.md' }, { task: 'test:ask' }])).toEqual([
      {
        path: 'stages[1].task',
        message: expect.stringContaining('the records that reach it have: text, path (the seed fields are those the documents (one per file) have, in docs/*.md)'),
      },
    ]);
  });

  it('reports a missing folder, no match, a folder written as a file, and a binary document, at stages[0].source', async () => {
    expect(await issuesOf(askAboutDocuments('papers/'))).toEqual([{ path: 'stages[0].source', message: expect.stringContaining(`no folder at ${join(project.directory, 'papers')}`) }]);
    expect(await issuesOf(askAboutDocuments('docs/*.pdf'))).toEqual([{ path: 'stages[0].source', message: expect.stringContaining('no file in') }]);
    expect(await issuesOf(askAboutDocuments('docs'))).toEqual([
      {
        path: 'stages[0].source',
        message: `${join(project.directory, 'docs')} is a folder, not a JSONL file. To read each file in it as a document ({ text, path }), write it with a trailing slash (docs/) or as a glob (docs/*.md).`,
      },
    ]);
    await project.write('docs/a-picture.png', 'PNG\u0000\u0000');
    expect(await issuesOf(askAboutDocuments('docs/'))).toEqual([{ path: 'stages[0].source', message: expect.stringContaining('docs/a-picture.png is not a text file') }]);
  });

  it('runs: one record per file in path order, its path kept; a run cut short resumes to the same records, each once', async () => {
    const calls: EchoCall[] = [];
    const plan = await compile(askAboutDocuments('docs/'), calls);
    const [dryRun] = await dryRunRecipe(plan);
    expect(dryRun?.input).toEqual({ text: 'Bees dance to share directions.', path: 'docs/bees.md' });

    const full = await runRecipe({ plan, out: join(project.directory, 'full') });
    expect(full).toMatchObject({ status: 'completed', output: { records: 3 } });
    const records = await readJsonLines(join(project.directory, 'full/data.jsonl'));
    expect(records.map(({ path, item, answer }) => ({ path, item, answer })).sort((a, b) => String(a.path).localeCompare(String(b.path)))).toEqual([
      { path: 'docs/bees.md', item: 'Bees dance to share directions.', answer: 'TELL ME ABOUT BEES DANCE TO SHARE DIRECTIONS..' },
      { path: 'docs/notes/moss.txt', item: 'Moss grows on the shady side.', answer: 'TELL ME ABOUT MOSS GROWS ON THE SHADY SIDE..' },
      { path: 'docs/tides.md', item: 'Tides rise twice a day.', answer: 'TELL ME ABOUT TIDES RISE TWICE A DAY..' },
    ]);
    // One request per document, with its text.
    expect(calls.map((call) => call.prompt).sort()).toEqual(records.map((record) => `Tell me about ${String(record.item)}.`).sort());

    const cut = await runRecipe({ plan: await compile(askAboutDocuments('docs/')), out: join(project.directory, 'cut'), limit: 1 });
    expect(cut.output.records).toBe(1);
    const resumed = await runRecipe({ plan: await compile(askAboutDocuments('docs/')), out: join(project.directory, 'cut'), resume: true });
    expect(resumed.status).toBe('completed');
    const again = await readJsonLines(join(project.directory, 'cut/data.jsonl'));
    expect(again.map((record) => record._id).sort()).toEqual(records.map((record) => record._id).sort());
  });

  it('fails the run before it starts when a document further on is not text', async () => {
    const plan = await compile(askAboutDocuments('docs/'));
    // Written after validation, as a file that changed between validate and run would be.
    await writeFile(join(project.directory, 'docs/zz-latin.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await expect(runRecipe({ plan, out: join(project.directory, 'out') })).rejects.toThrow(
      'source "docs/": docs/zz-latin.txt is not UTF-8 text (invalid byte at offset 3).',
    );
  });
});
