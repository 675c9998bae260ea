import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo, createFixtureProject, repositoryRoot } from '../test-support/fixture-project';
import { parseItemSpec } from './filter-command';

// `synthkit filter` against a project that installs the third-party keywords plugin (a filter and a
// modifier), found the way a recipe's plugins are: through the project's package.json.
let project: TemporaryProject;
beforeEach(async () => {
  project = await createFixtureProject();
  await project.write('package.json', { name: 'my-data', private: true, dependencies: { 'synthkit-plugin-keywords': '1.0.0' } });
  await project.install('synthkit-plugin-keywords', join(repositoryRoot, 'examples/third-party-plugin'));
  await project.write(
    'data.jsonl',
    [
      { id: 1, text: 'A   clean    line' },
      { id: 2, text: 'lorem ipsum filler' },
      { id: 3, body: 'Another   text, in body' },
      { id: 4, text: 'Spam  and more spam' },
    ]
      .map((record) => JSON.stringify(record))
      .join('\n') + '\n',
  );
});
afterEach(async () => {
  await project.remove();
});

async function synthkit(argv: string[]) {
  const io = captureIo(project.directory);
  const code = await main(argv, io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('synthkit filter', () => {
  it('applies the filters and modifiers in order: kept records to stdout as they were written, a summary on stderr', async () => {
    const result = await synthkit(['filter', 'data.jsonl', '--filter', 'keywords:collapse-whitespace', '--filter', 'keywords:banned?words=["lorem","spam"]']);
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual([{ id: 1, text: 'A clean line' }]);
    // Record 3 has no text: the modifier fails it, and it counts among the dropped.
    expect(result.stderr).toBe('Kept 1 of 4 records; dropped 3 (collapse-whitespace 1, banned 2).\n');
  });

  it('writes each kept record\'s _id with --ids (its own, or its content hash), and every reject\'s', async () => {
    await project.write('ids.jsonl', '{"_id":"mine","text":"A clean line"}\n{"text":"Another clean line"}\n{"text":"lorem"}\n');
    const result = await synthkit(['filter', 'ids.jsonl', '--filter', 'keywords:banned?words=["lorem"]', '--ids', '--rejects', 'ids.rejects.jsonl']);
    expect(result.code).toBe(0);
    const kept = lines(result.stdout);
    expect(kept[0]).toEqual({ _id: 'mine', text: 'A clean line' });
    expect(kept[1]).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{16,}$/), text: 'Another clean line' });
    const [reject] = lines(await readFile(join(project.directory, 'ids.rejects.jsonl'), 'utf8'));
    expect(reject!['record']).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{16,}$/), text: 'lorem' });
    // Without --ids the kept records are the input's fields only.
    expect(lines((await synthkit(['filter', 'ids.jsonl', '--filter', 'keywords:banned?words=["lorem"]'])).stdout)).toEqual([{ text: 'A clean line' }, { text: 'Another clean line' }]);
  });

  it('writes --out and the rejects beside it, each with its stage and reason; --field picks the field', async () => {
    const result = await synthkit(['filter', 'data.jsonl', '--filter', 'keywords:banned?words=lorem&words=spam', '--out', 'kept.jsonl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the option words is given twice');

    const kept = await synthkit(['filter', 'data.jsonl', '--filter', 'keywords:banned?words=["lorem","spam"]', '--out', 'kept.jsonl']);
    expect(kept.code).toBe(0);
    expect(lines(await readFile(join(project.directory, 'kept.jsonl'), 'utf8'))).toEqual([{ id: 1, text: 'A   clean    line' }]);
    const rejects = lines(await readFile(join(project.directory, 'kept.rejects.jsonl'), 'utf8'));
    const byId = (reject: Record<string, unknown>) => (reject['record'] as { id: number }).id;
    expect(rejects.sort((first, second) => byId(first) - byId(second)).map((reject) => [reject['stage'], reject['reason'], byId(reject)])).toEqual([
      ['banned', 'contains 1 banned word', 2],
      ['banned', expect.stringContaining('field "text" is missing; set "field" on the filter stage (with synthkit filter: --field) to a text field (record fields: '), 3],
      ['banned', 'contains 2 banned words', 4],
    ]);
    expect(kept.stderr).toBe('Kept 1 of 4 records in kept.jsonl; dropped 3 (banned 3), in kept.rejects.jsonl.\n');

    const body = await synthkit(['filter', 'data.jsonl', '--filter', 'keywords:collapse-whitespace', '--field', 'body', '--out', 'body.jsonl', '--rejects', 'dropped.jsonl']);
    expect(body.code).toBe(0);
    expect(lines(await readFile(join(project.directory, 'body.jsonl'), 'utf8'))).toEqual([{ id: 3, body: 'Another text, in body' }]);
    expect(lines(await readFile(join(project.directory, 'dropped.jsonl'), 'utf8'))).toHaveLength(3);
  });

  it('reports a bad item, option or input where it is on the command line, before reading any record, and writes nothing', async () => {
    const result = await synthkit(['filter', 'missing.jsonl', '--filter', 'keywords:banned?word=x', '--filter', 'keywords:baned', '--out', 'kept.jsonl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: synthkit filter cannot run (4 problems):');
    expect(result.stderr).toContain(`  - missing.jsonl: no file at ${join(project.directory, 'missing.jsonl')}.\n`);
    expect(result.stderr).toContain('  - --filter keywords:banned?word=x (option words): is required (an array)');
    expect(result.stderr).toMatch(/ {2}- --filter keywords:banned\?word=x \(options\): unknown key "word" \(did you mean "words"\?\)/);
    expect(result.stderr).toMatch(/ {2}- --filter keywords:baned \(filter\): Unknown filter "keywords:baned"\..*Did you mean "keywords:banned"\?/);
    await expect(readFile(join(project.directory, 'kept.jsonl'))).rejects.toThrow();
    expect((await synthkit(['filter', 'data.jsonl'])).stderr).toContain('needs at least one --filter');
    expect((await synthkit(['filter', 'data.jsonl', '--filter', 'banned'])).stderr).toContain('expected namespace:item');
  });
});

describe('synthkit filter with a judge, offline', () => {
  it('grades every record with judge:llm under --mock: kept ones out, dropped ones beside them with the grade and the judge\'s reasoning', async () => {
    await project.write('package.json', { name: 'my-data', private: true, dependencies: { '@synthkit/filters-judge': '0.1.0' } });
    await project.install('@synthkit/filters-judge', join(repositoryRoot, 'plugins/filters-judge'));
    const topics = ['tides', 'volcanoes', 'glaciers', 'coral reefs', 'lightning', 'bread yeast', 'black holes', 'the printing press'];
    await project.write('answers.jsonl', topics.map((topic) => JSON.stringify({ prompt: `Explain ${topic}.`, response: `${topic} follow a few simple rules.` })).join('\n') + '\n');
    const result = await synthkit(['filter', 'answers.jsonl', '--mock', '--filter', 'judge:llm?threshold=3', '--field', 'response', '--out', 'kept.jsonl']);
    expect(result.code).toBe(0);
    const kept = lines(await readFile(join(project.directory, 'kept.jsonl'), 'utf8'));
    const rejects = lines(await readFile(join(project.directory, 'kept.rejects.jsonl'), 'utf8'));
    expect(kept.length + rejects.length).toBe(topics.length);
    // The mock grades 1 to 5 by the text: with these answers, some pass and some do not.
    expect([kept.length > 0, rejects.length > 0]).toEqual([true, true]);
    // The kept records are the input's own fields; a reject carries the grade and why.
    for (const record of kept) expect(Object.keys(record)).toEqual(['prompt', 'response']);
    for (const reject of rejects) expect(reject).toMatchObject({ stage: 'llm', kind: 'filtered', reason: expect.stringMatching(/^grade [12] below 3 \(judge: ".+"\)$/) });
    expect(result.stderr).toBe(`Kept ${kept.length} of ${topics.length} records in kept.jsonl; dropped ${rejects.length} (llm ${rejects.length}), in kept.rejects.jsonl.\n`);
  });
});

describe('parseItemSpec', () => {
  it('reads values as JSON when they are JSON, else as text, with URL escapes', () => {
    expect(parseItemSpec('heuristic:word-count?min_words=50&max_words=1e5')).toEqual({ reference: 'heuristic:word-count', options: { min_words: 50, max_words: 100000 } });
    expect(parseItemSpec('keywords:banned?words=["a","b"]&strict=true&note=a%26b c')).toEqual({
      reference: 'keywords:banned',
      options: { words: ['a', 'b'], strict: true, note: 'a&b c' },
    });
    expect(parseItemSpec('heuristic:urls')).toEqual({ reference: 'heuristic:urls', options: {} });
  });
});
