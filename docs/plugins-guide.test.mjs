// docs/plugins.md, built from its own code blocks outside the repository: the acme plugin
// type-checks and builds with its tsconfig, passes its own tests (the conformance kits included),
// and the recipe folder runs its recipe with the CLI and its pipeline in code.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAITestServer, textRule } from '@synthkit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedBin, readJsonLines, runNode, typeCheckAndBuild, unnamedCodeBlocks, vitestReport, writeGuideExample } from './guide-example.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const guide = await readFile(join(here, 'plugins.md'), 'utf8');

let example;
let plugin;
let recipes;
beforeAll(async () => {
  example = await writeGuideExample(guide);
  plugin = join(example.directory, 'synthkit-plugin-acme');
  recipes = join(example.directory, 'my-recipes');
});
afterAll(async () => {
  await example?.remove();
});

describe('docs/plugins.md: the acme plugin, from the guide alone', () => {
  it('names the file of every code block a reader writes', () => {
    expect(unnamedCodeBlocks(guide)).toEqual([]);
    expect(example.files).toEqual(
      expect.arrayContaining([
        'synthkit-plugin-acme/package.json',
        'synthkit-plugin-acme/tsconfig.json',
        'synthkit-plugin-acme/src/index.ts',
        'my-recipes/package.json',
        'my-recipes/recipe.yaml',
        'my-recipes/pipeline.mjs',
      ]),
    );
  });

  it('type-checks, tests included, and builds with its own tsconfig', () => {
    expect(typeCheckAndBuild(plugin)).toBe('');
  });

  it('passes its own tests, the conformance kits of the task, the filter and the modifier included', async () => {
    const report = await vitestReport(plugin);
    expect(report.numFailedTests, report.failures).toBe(0);
    const titles = report.passed.join('\n');
    for (const kit of ['acme:definitions: task conformance', 'acme:max-words: filter conformance', 'acme:first-sentences: modifier conformance']) {
      expect(titles).toContain(kit);
    }
    expect(report.numPassedTests).toBeGreaterThanOrEqual(15);
  });

  it('runs its recipe with the CLI: validate, tasks show, and a run with --mock', async () => {
    const synthkit = await installedBin(recipes, '@synthkit/cli', 'synthkit');
    const env = { SYNTHKIT_CACHE_DIR: join(example.directory, 'cache') };
    const validate = await runNode([synthkit, 'validate', 'recipe.yaml'], { cwd: recipes, env });
    expect(validate.code, validate.output).toBe(0);
    const show = await runNode([synthkit, 'tasks', 'show', 'acme:definitions'], { cwd: recipes, env });
    expect(show.code, show.output).toBe(0);
    expect(show.stdout).toContain('Define "{term}" in at most {max_words} words.');

    const run = await runNode([synthkit, 'run', 'recipe.yaml', '--mock', '--out', 'out/mock'], { cwd: recipes, env });
    expect(run.code, run.output).toBe(0);
    const report = JSON.parse(await readFile(join(recipes, 'out/mock/run.json'), 'utf8'));
    expect(report.stages.map((stage) => stage.name)).toEqual(['source', 'definitions', 'first-sentences', 'max-words']);
    const records = await readJsonLines(join(recipes, 'out/mock/data.jsonl'));
    const rejects = await readJsonLines(join(recipes, 'out/mock/rejects.jsonl'));
    expect(records.length + rejects.length, run.output).toBe(3);
    for (const record of records) {
      expect(record).toMatchObject({ term: expect.any(String), definition: expect.any(String) });
      expect(record._meta.scores['max-words']).toBeLessThanOrEqual(30);
    }

    const recipe = await readFile(join(recipes, 'recipe.yaml'), 'utf8');
    await writeFile(join(recipes, 'typo.yaml'), recipe.replace('options: { audience: a chef }', 'options: { audience: a chef, max_word: 20 }'));
    const typo = await runNode([synthkit, 'validate', 'typo.yaml'], { cwd: recipes, env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('stages[1].options');
    expect(typo.stderr).toContain('max_word');
  });

  it('runs its pipeline in code against an OpenAI-compatible server', async () => {
    const server = await createOpenAITestServer({
      rules: [
        textRule({ match: /Define "umami"/, answer: `Umami is ${'a very '.repeat(20)}savoury taste. Said twice.` }),
        textRule({ match: /Define "(.+?)"/, answer: (match) => `A ${match[1]} is a thing cooks know well. More follows.` }),
      ],
    });
    try {
      const pipeline = await runNode(['pipeline.mjs'], { cwd: recipes, env: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-guide-test' } });
      expect(pipeline.code, pipeline.output).toBe(0);
      expect(pipeline.stdout).toContain('2 records in out/pipeline/data.jsonl, 1 in rejects.jsonl');
      const records = await readJsonLines(join(recipes, 'out/pipeline/data.jsonl'));
      expect(records.map((record) => [record.term, record.definition]).sort()).toEqual([
        ['fig', 'A fig is a thing cooks know well.'],
        ['sourdough', 'A sourdough is a thing cooks know well.'],
      ]);
      const [rejected] = await readJsonLines(join(recipes, 'out/pipeline/rejects.jsonl'));
      expect(rejected).toMatchObject({ stage: 'max-words', kind: 'filtered', reason: '44 words, more than max_words 30' });
      expect(server.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.3 });
      expect(server.requests[0]?.body.messages[0].content).toBe('You explain words plainly, for a chef.');
    } finally {
      await server.close();
    }
  });
});
