import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo, createFixtureProject, fixturePluginSource, repositoryRoot } from '../test-support/fixture-project';

// `synthkit stats` on the output of a real run: the fixture plugin's offline echo model shouts six
// seed items (one fails), and a min-length filter drops two, so the run writes data.jsonl,
// rejects.jsonl (1 failed at shout, 2 filtered at min-length) and run.json.
let project: TemporaryProject;
beforeEach(async () => {
  project = await createFixtureProject();
  await project.write('plugin.mjs', fixturePluginSource);
  await project.write('seeds.jsonl', ['apples', 'explode', 'figs', 'pears and plums', 'ox', 'yam'].map((item) => JSON.stringify({ item })).join('\n') + '\n');
  await project.write('recipe.yaml', {
    name: 'shouts',
    plugins: ['./plugin.mjs'],
    models: { default: 'echo:tiny' },
    stages: [{ source: 'seeds.jsonl' }, { task: 'fixture:shout' }, { filter: 'fixture:min-length', field: 'text', options: { min: 17 } }],
  });
});
afterEach(async () => {
  await project.remove();
});

async function synthkit(argv: string[]) {
  const io = captureIo(project.directory);
  const code = await main(argv, io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

async function runRecipe() {
  const run = await synthkit(['run', 'recipe.yaml', '--out', 'out']);
  expect(run.code, run.stderr).toBe(1); // one record failed
}

const passRatesFromRunJson = [
  { stage: 'shout', rejected: 1, kinds: { filtered: 0, rejected: 0, failed: 1 }, reached: 6, reachedFrom: 'run.json', passRate: 5 / 6 },
  { stage: 'min-length', rejected: 2, kinds: { filtered: 2, rejected: 0, failed: 0 }, reached: 5, reachedFrom: 'run.json', passRate: 3 / 5 },
];

describe('synthkit stats', () => {
  it('prints the table for a run\'s data, with each stage\'s pass rate from rejects.jsonl and run.json beside it', async () => {
    await runRecipe();
    const result = await synthkit(['stats', 'out/data.jsonl']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Diversity of 3 records (field text)\n');
    // PLEASE SHOUT APPLES | FIGS | PEARS AND PLUMS: 3, 3 and 5 words; 19, 17 and 28 characters.
    expect(result.stdout).toContain('  characters   17   17   19   28   28  21.3\n');
    expect(result.stdout).toContain('  words         3    3    3    5    5   3.7\n');
    // Words: 11, distinct: please, shout, apples, figs, pears, and, plums = 7.
    expect(result.stdout).toContain('  distinct-1             7     11  0.636\n');
    expect(result.stdout).toContain('Sample of 3 records (seed 0)\n');
    expect(result.stdout).toContain(['Pass rates    rejected  reached  pass rate', '  shout              1        6      83.3%', '  min-length         2        5      60.0%'].join('\n'));
  });

  it('prints the JSON with --json, writes it with --out, and falls back to counting the rejects without run.json', async () => {
    await runRecipe();
    const json = await synthkit(['stats', 'out/data.jsonl', '--json', '--out', 'stats.json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('Metrics written to stats.json.\n');
    const metrics = JSON.parse(json.stdout);
    expect(JSON.parse(await readFile(join(project.directory, 'stats.json'), 'utf8'))).toEqual(metrics);
    expect(metrics).toMatchObject({ field: 'text', records: 3, sample: { size: 3, limit: 200, seed: 0 }, passRates: { stages: passRatesFromRunJson } });
    expect(metrics.distinctNgrams[0]).toEqual({ n: 1, distinct: 7, total: 11, ratio: 7 / 11, estimated: false });
    expect(metrics.topNgrams.bigrams.ngrams[0]).toEqual({ ngram: 'please shout', count: 3 });

    // Without run.json, "reached" is the records kept plus those rejected at or after the stage
    // (the two dropped by min-length had passed shout, as their _meta shows): the same figures here.
    await rm(join(project.directory, 'out/run.json'));
    const fallback = JSON.parse((await synthkit(['stats', 'out/data.jsonl', '--json'])).stdout);
    expect(fallback.passRates.stages).toEqual(passRatesFromRunJson.map((stage) => ({ ...stage, reachedFrom: 'kept-and-later' })));
    const table = await synthkit(['stats', 'out/data.jsonl']);
    expect(table.stdout).toContain('  shout              1       6*      83.3%\n');
    expect(table.stdout).toContain('  * records kept + rejected at or after the stage (no run.json counts for it)\n');
  });

  it('gives the figures the stats:diversity stage of the run reported in run.json, and the run prints its summary', async () => {
    await project.write('package.json', { name: 'my-data', private: true, dependencies: { '@synthkit/stats': '0.1.0' } });
    await project.install('@synthkit/stats', join(repositoryRoot, 'plugins/stats'));
    await project.write('measured.yaml', {
      name: 'measured',
      plugins: ['./plugin.mjs'],
      models: { default: 'echo:tiny' },
      stages: [{ source: 'seeds.jsonl' }, { task: 'fixture:shout' }, { filter: 'stats:diversity', field: 'text', options: { sample: 4 } }],
    });
    const run = await synthkit(['run', 'measured.yaml', '--out', 'measured']);
    expect(run.code, run.stderr).toBe(1); // "explode" fails
    expect(run.stderr).toContain('\ndiversity: 5 records; median length 17 characters, 3 words\n  distinct-1..4: ');
    const stage = JSON.parse(await readFile(join(project.directory, 'measured/run.json'), 'utf8')).stages.find((entry: { name: string }) => entry.name === 'diversity');
    // The stage keys its sample by _id, as synthkit stats does for records that have one: the same sample, the same figures.
    const { field, passRates, ...fromCommand } = JSON.parse((await synthkit(['stats', 'measured/data.jsonl', '--sample', '4', '--json'])).stdout);
    expect(field).toBe('text');
    expect(passRates.stages.map((entry: { stage: string }) => entry.stage)).toEqual(['shout']);
    expect(fromCommand).toEqual(stage.report);
    expect(stage.report).toMatchObject({ records: 5, sample: { size: 4, limit: 4, seed: 0 } });
  });

  it('finds <name>.rejects.jsonl (as synthkit filter writes it) or takes --rejects; without rejects there are no pass rates', async () => {
    await project.write('kept.jsonl', [{ body: 'one text here' }, { body: 'another text there' }].map((record) => JSON.stringify(record)).join('\n'));
    expect(JSON.parse((await synthkit(['stats', 'kept.jsonl', '--field', 'body', '--json'])).stdout).passRates).toBeUndefined();
    await project.write('kept.rejects.jsonl', JSON.stringify({ stage: 'banned', kind: 'filtered', reason: 'contains 1 banned word', record: { body: 'lorem' } }) + '\n');
    const found = JSON.parse((await synthkit(['stats', 'kept.jsonl', '--field', 'body', '--json'])).stdout);
    expect(found.passRates.stages).toEqual([{ stage: 'banned', rejected: 1, kinds: { filtered: 1, rejected: 0, failed: 0 }, reached: 3, reachedFrom: 'kept-and-later', passRate: 2 / 3 }]);
    await project.write('elsewhere.jsonl', [1, 2].map(() => JSON.stringify({ stage: 'other', kind: 'failed' })).join('\n'));
    const given = JSON.parse((await synthkit(['stats', 'kept.jsonl', '--field', 'body', '--rejects', 'elsewhere.jsonl', '--json'])).stdout);
    expect(given.passRates.stages.map((stage: { stage: string; rejected: number }) => [stage.stage, stage.rejected])).toEqual([['other', 2]]);
  });

  it('samples by --sample and --seed: the same seed gives the same figures', async () => {
    const texts = Array.from({ length: 40 }, (_, index) => ({ text: `text ${index} is about ${['cats', 'dogs', 'owls', 'bees'][index % 4]} and number ${index % 7}` }));
    await project.write('many.jsonl', texts.map((record) => JSON.stringify(record)).join('\n'));
    const stats = async (...flags: string[]) => JSON.parse((await synthkit(['stats', 'many.jsonl', '--json', ...flags])).stdout);
    const first = await stats('--sample', '10', '--seed', '3');
    expect(first.sample).toEqual({ size: 10, limit: 10, seed: 3 });
    expect(await stats('--sample', '10', '--seed', '3')).toEqual(first);
    const other = await stats('--sample', '10', '--seed', '4');
    expect(other.selfBleu).not.toBe(first.selfBleu);
    expect(other.distinctNgrams).toEqual(first.distinctNgrams);
  });

  it('reports a missing field, a malformed line, an empty file and bad flags clearly, with exit code 2', async () => {
    await project.write('data.jsonl', ['{"text": "fine"}', '', '{"id": 7, "body": "no text field"}'].join('\n'));
    const missing = await synthkit(['stats', 'data.jsonl']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(
      'error: data.jsonl: record 2 (counting non-blank lines) has no field "text"; its fields: id, body. Name the text field to measure with --field, e.g. --field id.\n',
    );
    await project.write('numbers.jsonl', '{"text": 12}\n');
    expect((await synthkit(['stats', 'numbers.jsonl'])).stderr).toBe(
      'error: numbers.jsonl: record 1 (counting non-blank lines): the field "text" is a number, not text. Name a text field with --field.\n',
    );
    await project.write('broken.jsonl', ['{"text": "fine"}', '', '{"text": oops}'].join('\n'));
    const broken = await synthkit(['stats', 'broken.jsonl']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^error: broken\.jsonl:3: .*JSON.* \(line starts: \{"text": oops\}\)\n$/);
    await project.write('empty.jsonl', '\n');
    expect(await synthkit(['stats', 'empty.jsonl'])).toMatchObject({
      code: 2,
      stderr: 'error: empty.jsonl has no records: nothing to measure. Give a JSONL file with one JSON object per line.\n',
    });
    expect((await synthkit(['stats', 'absent.jsonl'])).stderr).toBe(`error: Cannot read JSONL file "absent.jsonl": no such file (looked for ${join(project.directory, 'absent.jsonl')}).\n`);
    await project.write('ok.jsonl', '{"text": "fine"}\n');
    expect((await synthkit(['stats', 'ok.jsonl', '--rejects', 'nope.jsonl'])).stderr).toBe(
      `error: --rejects nope.jsonl: no file at ${join(project.directory, 'nope.jsonl')}. Give the rejects.jsonl of the run that wrote ok.jsonl, or leave --rejects out.\n`,
    );
    await project.write('not-rejects.jsonl', '{"text": "fine"}\n');
    expect((await synthkit(['stats', 'ok.jsonl', '--rejects', 'not-rejects.jsonl'])).stderr).toContain('error: not-rejects.jsonl: entry 1 has no "stage"');
    for (const [flags, message] of [
      [['--sample', '0'], '--sample must be an integer from 1 to 100000, got "0".'],
      [['--seed=-1'], '--seed must be a whole number, 0 or more, got "-1".'],
      [['--seed', '1.5'], '--seed must be a whole number, 0 or more, got "1.5".'],
      [['--samples', '5'], 'unknown option "--samples" for "synthkit stats". Did you mean "--sample"?'],
    ] as const) {
      const result = await synthkit(['stats', 'ok.jsonl', ...flags]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`error: ${message}`);
    }
    expect((await synthkit(['stats'])).stderr).toContain('error: "synthkit stats" needs <data.jsonl>, e.g. "synthkit stats out/open-qa/data.jsonl".');
  });
});
