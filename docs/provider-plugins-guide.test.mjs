// docs/provider-plugins.md, built from its own code blocks outside the repository: the acme-chat
// provider type-checks and builds with its tsconfig, passes its own tests (the HTTP conformance
// suite included), and the recipe folder validates, checks and runs its recipe with the CLI and its
// pipeline in code, against a loopback server speaking the provider's API.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAITestServer, listRule, textRule, yamlListRule } from '@synthkit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedBin, readJsonLines, runNode, typeCheckAndBuild, unnamedCodeBlocks, vitestReport, writeGuideExample } from './guide-example.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const guide = await readFile(join(here, 'provider-plugins.md'), 'utf8');
const apiKey = 'sk-acme-guide-test';

let example;
let plugin;
let recipes;
let server;
let environment;
beforeAll(async () => {
  example = await writeGuideExample(guide);
  plugin = join(example.directory, 'synthkit-plugin-acme-chat');
  recipes = join(example.directory, 'my-recipes');
  // Plays Acme Chat for the Nemotron macro-topics task: a numbered list, then its YAML conversion.
  server = await createOpenAITestServer({
    rules: [
      yamlListRule({
        match: /--- START OF TEXT ---/,
        source: (prompt) => prompt.split('--- START OF TEXT ---')[1]?.split('--- END OF TEXT ---')[0] ?? '',
      }),
      listRule({ match: /Reply with exactly (\d+) topics/, item: (index) => ['Cooking', 'Astronomy', 'Gardening'][index % 3] }),
      textRule({ match: /[\s\S]*/, answer: 'OK.' }),
    ],
  });
  environment = { ACME_CHAT_BASE_URL: server.baseURL, ACME_CHAT_API_KEY: apiKey, SYNTHKIT_CACHE_DIR: join(example.directory, 'cache') };
});
afterAll(async () => {
  await server?.close();
  await example?.remove();
});

describe('docs/provider-plugins.md: the acme-chat provider, from the guide alone', () => {
  it('names the file of every code block a reader writes', () => {
    expect(unnamedCodeBlocks(guide)).toEqual([]);
    expect(example.files).toEqual(
      expect.arrayContaining([
        'synthkit-plugin-acme-chat/package.json',
        'synthkit-plugin-acme-chat/tsconfig.json',
        'synthkit-plugin-acme-chat/src/index.ts',
        'my-recipes/package.json',
        'my-recipes/recipe.yaml',
        'my-recipes/topics.mjs',
      ]),
    );
  });

  it('type-checks, tests included, and builds with its own tsconfig', () => {
    expect(typeCheckAndBuild(plugin)).toBe('');
  });

  it('passes its own tests, the HTTP conformance suite included', async () => {
    const report = await vitestReport(plugin);
    expect(report.numFailedTests, report.failures).toBe(0);
    expect(report.passed.filter((title) => title.includes('acme-chat: language model conformance')).length).toBeGreaterThanOrEqual(20);
  });

  it('validates, checks and runs its recipe with the CLI', async () => {
    const synthkit = await installedBin(recipes, '@synthkit/cli', 'synthkit');
    const withoutKey = await runNode([synthkit, 'validate', 'recipe.yaml'], { cwd: recipes, env: { ...environment, ACME_CHAT_API_KEY: '' } });
    expect(withoutKey.code, withoutKey.output).toBe(0);
    expect(withoutKey.output).toContain('set the ACME_CHAT_API_KEY environment variable');

    const check = await runNode([synthkit, 'models', 'check', 'recipe.yaml'], { cwd: recipes, env: environment });
    expect(check.code, check.output).toBe(0);
    expect(check.output).toContain('acme-chat:acme-small');

    const run = await runNode([synthkit, 'run', 'recipe.yaml', '--out', 'out/topics'], { cwd: recipes, env: environment });
    expect(run.code, `${run.output}\n${await readFile(join(recipes, 'out/topics/rejects.jsonl'), 'utf8').catch(() => '')}`).toBe(0);
    const records = await readJsonLines(join(recipes, 'out/topics/data.jsonl'));
    expect(records.map((record) => record.macro_topic)).toEqual(['Cooking', 'Astronomy', 'Gardening']);
    expect(records[0]._meta.calls[0]).toMatchObject({ model: 'acme-chat:acme-small' });
    const sent = server.requests.at(-1);
    expect(sent).toMatchObject({ path: '/v1/chat/completions', headers: { authorization: `Bearer ${apiKey}` } });
    expect(sent.body).toMatchObject({ model: 'acme-small', max_tokens: 400 });
  });

  it('runs its pipeline in code', async () => {
    const pipeline = await runNode(['topics.mjs'], { cwd: recipes, env: environment });
    expect(pipeline.code, pipeline.output).toBe(0);
    expect(pipeline.stdout).toContain('3 topics in out/topics-in-code/data.jsonl');
    const records = await readJsonLines(join(recipes, 'out/topics-in-code/data.jsonl'));
    expect(records.map((record) => record.macro_topic)).toEqual(['Cooking', 'Astronomy', 'Gardening']);
  });
});
