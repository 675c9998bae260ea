import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createOpenAITestServer, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from './main';
import { captureIo, createFixtureProject, fixturePluginSource, repositoryRoot } from './test-support/fixture-project';

declare global {
  var echoCalls: Array<{ modelId: string; prompt: string }> | undefined;
}

let project: TemporaryProject;
beforeEach(async () => {
  project = await createFixtureProject();
  await project.write('plugin.mjs', fixturePluginSource);
  globalThis.echoCalls = [];
});
afterEach(async () => {
  await project.remove();
});

const recipe = (stages: object[], extra: object = {}) => ({
  name: 'fixture',
  plugins: ['./plugin.mjs'],
  models: { default: 'echo:tiny' },
  stages,
  ...extra,
});

const goodStages = [
  { task: 'fixture:split', options: { count: 3 } },
  { task: 'fixture:shout' },
  { filter: 'fixture:min-length', field: 'text', options: { min: 5 } },
];

async function run(argv: string[]) {
  const io = captureIo(project.directory);
  const code = await main(argv, io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

describe('synthkit (in process)', () => {
  it('prints usage for --help and exits 2 on an unknown command or flag', async () => {
    expect((await run(['--help'])).stdout).toContain('synthkit run <recipe>');
    const unknown = await run(['generate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "generate"');
    const badFlag = await run(['run', 'recipe.yaml', '--fast']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('error: unknown option "--fast" for "synthkit run". Its options are: --out, --model, --mock,');
    expect((await run(['validate', 'recipe.yaml', '--mokc'])).stderr).toContain(
      'error: unknown option "--mokc" for "synthkit validate". Did you mean "--mock"? Its options are: --mock.\n',
    );
    expect((await run(['run', 'recipe.yaml', '--out'])).stderr).toContain('error: --out needs a value, e.g. "--out VALUE".');
    expect((await run(['validate', 'recipe.yaml', '--mock=yes'])).stderr).toContain('error: --mock takes no value.');
    // --help after a command is help, not an unknown option.
    expect(await run(['run', 'recipe.yaml', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('synthkit validate <recipe>') });
    const badLimit = await run(['run', 'recipe.yaml', '--limit', 'ten']);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit must be a positive integer, got "ten"');
    expect((await run(['run'])).stderr).toContain('needs <recipe>');
  });

  it('run writes data.jsonl, rejects.jsonl and run.json', async () => {
    await project.write('recipe.yaml', recipe(goodStages));
    const result = await run(['run', 'recipe.yaml', '--out', 'out']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Done: 3 records in out/data.jsonl');
    const data = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(data.map((record) => record.text).sort()).toEqual(['PLEASE SHOUT ITEM 0', 'PLEASE SHOUT ITEM 1', 'PLEASE SHOUT ITEM 2']);
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report).toMatchObject({
      status: 'completed',
      output: { records: 3, rejected: 0 },
      requests: { calls: 3, total: 3, failedCalls: 0, cacheHits: 0 },
      tokens: { input: 9, output: 9 },
    });
    expect(report.stages.map((stage: { name: string; emitted: number }) => [stage.name, stage.emitted])).toEqual([
      ['split', 3],
      ['shout', 3],
      ['min-length', 3],
    ]);
    expect(await readFile(join(project.directory, 'out/rejects.jsonl'), 'utf8')).toBe('');
  });

  it('run exits 1 when records fail, and still writes the rest', async () => {
    await project.write('recipe.yaml', recipe(goodStages, { variables: {} }));
    await project.write(
      'seeds.jsonl',
      ['{"item":"apples"}', '{"item":"explode"}', '{"item":"pears"}'].join('\n'),
    );
    await project.write('seeded.yaml', recipe([{ source: 'seeds.jsonl' }, { task: 'fixture:shout' }]));
    const result = await run(['run', 'seeded.yaml', '--out', 'out']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Failed: 2 records');
    const rejects = (await readFile(join(project.directory, 'out/rejects.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(rejects).toEqual([expect.objectContaining({ stage: 'shout', kind: 'failed', reason: 'echo:tiny: the model exploded' })]);
    expect(JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8')).status).toBe('failed');
  });

  it('exits 2 when --out is not a usable folder, before any request', async () => {
    await project.write('recipe.yaml', recipe(goodStages));
    await project.write('taken', 'a file, not a folder');
    const result = await run(['run', 'recipe.yaml', '--out', 'taken']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot use ${join(project.directory, 'taken')} as the output folder`);
    expect(globalThis.echoCalls).toEqual([]);
  });

  it('turns a record that cannot be written as JSON into a failed reject, and the counts still add up', async () => {
    await project.write('seeds.jsonl', ['{"item":"small"}', '{"item":"big one"}', '{"item":"tiny"}'].join('\n'));
    await project.write('recipe.yaml', recipe([{ source: 'seeds.jsonl' }, { task: 'fixture:measure' }]));
    const result = await run(['run', 'recipe.yaml', '--out', 'out']);
    expect(result.code).toBe(1);
    const data = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(data.map((record) => record.item).sort()).toEqual(['small', 'tiny']);
    const rejects = (await readFile(join(project.directory, 'out/rejects.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(rejects).toEqual([expect.objectContaining({ stage: 'measure', kind: 'failed', record: expect.objectContaining({ item: 'big one' }) })]);
    expect(rejects[0].reason).toContain('fixture:measure made a record that cannot be written as JSON');
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report.stages.at(-1)).toMatchObject({ received: 3, completed: 2, emitted: 2, failed: 1 });
    expect(report.output).toMatchObject({ records: 2, rejected: 1 });
  });

  it('refuses to run into a folder that holds a previous run, unless --overwrite', async () => {
    await project.write('recipe.yaml', recipe(goodStages));
    expect((await run(['run', 'recipe.yaml', '--out', 'out'])).code).toBe(0);
    const before = await readFile(join(project.directory, 'out/data.jsonl'), 'utf8');

    const again = await run(['run', 'recipe.yaml', '--out', 'out']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(project.directory, 'out')} already holds a run. Pass --resume to continue it, --overwrite to replace it`);
    expect(await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).toBe(before);

    expect((await run(['run', 'recipe.yaml', '--out', 'out', '--overwrite'])).code).toBe(0);
  });

  it('replays cached answers on a second run, sends again with --no-cache, and shows and clears the cache', async () => {
    await project.write('recipe.yaml', recipe(goodStages));
    expect((await run(['run', 'recipe.yaml', '--out', 'first'])).code).toBe(0);
    expect(globalThis.echoCalls).toHaveLength(3);

    const second = await run(['run', 'recipe.yaml', '--out', 'second']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('0 requests (0 retries, 3 answers from the cache)');
    expect(globalThis.echoCalls).toHaveLength(3);
    const report = JSON.parse(await readFile(join(project.directory, 'second/run.json'), 'utf8'));
    expect(report.requests).toMatchObject({ calls: 3, total: 0, cacheHits: 3 });
    expect(report.tokens).toMatchObject({ input: 0, output: 0, savedByCache: { input: 9, output: 9 } });
    // The same records, ids included; only the trace differs (cached, 0 attempts).
    const records = async (folder: string) =>
      (await readFile(join(project.directory, folder, 'data.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => {
          const { _meta, ...fields } = JSON.parse(line);
          return { ...fields, cached: _meta.calls.map((call: { cached: boolean }) => call.cached) };
        })
        .sort((first, second) => (first._id < second._id ? -1 : 1));
    const [first, replayed] = [await records('first'), await records('second')];
    expect(replayed.map(({ cached: _cached, ...fields }) => fields)).toEqual(first.map(({ cached: _cached, ...fields }) => fields));
    expect(replayed.map((record) => record.cached)).toEqual([[true], [true], [true]]);

    expect((await run(['run', 'recipe.yaml', '--out', 'third', '--no-cache'])).code).toBe(0);
    expect(globalThis.echoCalls).toHaveLength(6);

    const stats = await run(['cache', 'stats', '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: 3, directory: join(project.directory, '.synthkit-cache') });
    expect((await run(['cache', 'clear'])).stdout).toContain('Removed 3 cached answers');
    expect((await run(['cache', 'stats'])).stdout).toContain('0 cached answers');
    expect((await run(['cache', 'prune'])).code).toBe(2);
  });

  it('stops at once with one message when the endpoint refuses the key', async () => {
    await project.write('recipe.yaml', recipe([{ task: 'fixture:split', options: { count: 40 } }, { task: 'fixture:shout', concurrency: 1 }]));
    const result = await run(['run', 'recipe.yaml', '--out', 'out', '--model', 'echo:locked']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: echo:locked refused the request, and every other request would meet the same answer');
    expect(result.stderr).toContain('The API key came from ECHO_API_KEY');
    expect(globalThis.echoCalls).toHaveLength(1);
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report).toMatchObject({ status: 'failed', stopReason: 'fatal-error' });
    const shout = report.stages.find((stage: { name: string }) => stage.name === 'shout');
    expect(shout.received).toBe(shout.completed + shout.failed + shout.rejected + shout.cancelled);
  });

  it('stops cleanly at --max-requests, and --resume with a higher limit finishes the same records', async () => {
    await project.write('recipe.yaml', recipe([{ task: 'fixture:split', options: { count: 12 } }, { task: 'fixture:shout', concurrency: 2 }]));
    const stopped = await run(['run', 'recipe.yaml', '--out', 'out', '--max-requests', '5']);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('error: Stopped: the run sent 5 requests, its limit (--max-requests 5)');
    expect(globalThis.echoCalls).toHaveLength(5);
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report).toMatchObject({ status: 'budget-exhausted', stopReason: 'budget-exhausted', requests: { total: 5 } });

    const resumed = await run(['run', 'recipe.yaml', '--out', 'out', '--resume', '--max-requests', '50']);
    expect(resumed.code).toBe(0);
    // Only the calls not answered before were sent: the rest came from the cache.
    expect(globalThis.echoCalls).toHaveLength(12);
    const data = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(data.map((record) => record.text).sort()).toEqual(Array.from({ length: 12 }, (_, index) => `PLEASE SHOUT ITEM ${index}`).sort());
    const final = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(final).toMatchObject({ status: 'completed', output: { records: 12 }, resumed: { sessions: 2 } });
  });

  it('prices tokens from the recipe and reports models without a price', async () => {
    await project.write('recipe.yaml', recipe(goodStages, { prices: { 'echo:tiny': { input: 2, output: 8 } } }));
    const result = await run(['run', 'recipe.yaml', '--out', 'out']);
    expect(result.code).toBe(0);
    // 9 input and 9 output tokens: 9 × $2 + 9 × $8 per million.
    expect(result.stderr).toContain('9 input / 9 output tokens, $0.0001,');
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report.cost).toEqual({ totalUsd: 0.0001, unpriced: [], pricesDate: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(report.models['echo:tiny'].costUsd).toBe(0.0001);

    await project.write('unpriced.yaml', recipe(goodStages));
    const unpriced = await run(['run', 'unpriced.yaml', '--out', 'unpriced', '--no-cache']);
    expect(unpriced.stderr).toContain('$0.0000 (no price for echo:tiny: add it under prices: in the recipe)');
    expect((await run(['run', 'recipe.yaml', '--out', 'x', '--max-cost', 'lots'])).stderr).toContain('--max-cost must be a positive number of US dollars');
  });

  it('prints a status line on a non-terminal while a run waits', async () => {
    await project.write('recipe.yaml', recipe([{ task: 'fixture:split', options: { count: 6 } }, { task: 'fixture:shout' }], { providers: { echo: { delayMs: 150 } } }));
    const io = { ...captureIo(project.directory), statusIntervalMs: 40 };
    expect(await main(['run', 'recipe.yaml', '--out', 'out'], io)).toBe(0);
    // The echo model has no price: once it has used tokens, its cost is shown as a lower bound (+).
    expect(io.errors()).toMatch(/\[\d+s\] \d+ records written; \d+ requests \(0 retries, 0 from cache, \d+ in flight\); \$0\.0000\+?; echo:tiny: \d+\/16 open/);
  });

  it('--limit stops after N records and --model overrides every role', async () => {
    await project.write('recipe.yaml', recipe([{ task: 'fixture:split', options: { count: 50 } }, { task: 'fixture:shout', concurrency: 2 }]));
    const result = await run(['run', 'recipe.yaml', '--out', 'out', '--limit', '4', '--model', 'echo:other']);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(report).toMatchObject({ output: { records: 4 }, limitReached: true });
    expect(Object.keys(report.models)).toEqual(['echo:other']);
    expect(globalThis.echoCalls?.length).toBeLessThan(50);
  });

  it('--mock answers every role offline, without the recipe listing the mock plugin', async () => {
    await project.write('recipe.yaml', recipe(goodStages, { endpoints: { 'echo:tiny': { concurrency: 2 } } }));
    const result = await run(['run', 'recipe.yaml', '--out', 'out', '--mock']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Running fixture (3 stages) into out with the mock provider (mock:offline for every role)');
    expect(result.stderr).toContain('Done: 3 records in out/data.jsonl, 0 in rejects.jsonl; 3 requests');
    expect(globalThis.echoCalls).toEqual([]);
    const report = JSON.parse(await readFile(join(project.directory, 'out/run.json'), 'utf8'));
    expect(Object.keys(report.models)).toEqual(['mock:offline']);
    expect(report.cost).toMatchObject({ totalUsd: 0, unpriced: [] });
    const data = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    for (const record of data) {
      expect(record._meta.calls.map((call: { model: string }) => call.model)).toEqual(['mock:offline']);
      // "Please shout item 0" is no list, no JSON and no yes/no question: a few sentences.
      expect(record.text).toMatch(/^\S.* is a broad subject, and the best answer depends on what matters most to you\. \S.*\.$/);
    }

    const validate = await run(['validate', 'recipe.yaml', '--mock']);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('recipe.yaml is valid (with --mock: every role uses mock:offline): 3 stages');
    const dryRun = await run(['run', 'recipe.yaml', '--dry-run', '--mock']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('--- generator → mock:offline');
    expect(globalThis.echoCalls).toEqual([]);
  });

  it('refuses --mock with --model, and validates --mock recipes with the mock settings', async () => {
    await project.write('recipe.yaml', recipe(goodStages));
    const both = await run(['run', 'recipe.yaml', '--mock', '--model', 'echo:other']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--mock and --model cannot be used together');
    expect(both.stderr).toContain('Usage:');
    expect(globalThis.echoCalls).toEqual([]);

    await project.write('slow.yaml', recipe(goodStages, { providers: { mock: { latencyMs: { min: 50, max: 10 } } } }));
    const badSettings = await run(['validate', 'slow.yaml', '--mock']);
    expect(badSettings.code).toBe(2);
    expect(badSettings.stderr).toContain('providers.mock.latencyMs.min: must not be greater than latencyMs.max');
  });

  it('--dry-run renders the first prompts and sends nothing', async () => {
    await project.write('recipe.yaml', recipe(goodStages));
    const result = await run(['run', 'recipe.yaml', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run: nothing was sent.');
    expect(result.stdout).toContain('## stages[1] shout (task fixture:shout)');
    expect(result.stdout).toContain('Please shout <item>');
    expect(globalThis.echoCalls).toEqual([]);
  });

  it('models check sends one request per model and says which answered, which refused the key, and which are missing', async () => {
    const server = await createOpenAITestServer({
      rules: [
        (request) =>
          request.model === 'missing'
            ? { status: 404, message: 'The model `missing` does not exist.' }
            : request.model === 'refused'
              ? { status: 401, message: 'Incorrect API key provided.' }
              : `OK from ${request.model}`,
      ],
    });
    try {
      await project.write(
        'recipe.yaml',
        recipe(
          [
            { task: 'fixture:split', options: { count: 2 } },
            { task: 'fixture:shout', name: 'first', models: { generator: 'openai:good' } },
            { task: 'fixture:shout', name: 'second', models: { generator: 'openai:missing' } },
            { task: 'fixture:shout', name: 'third', models: { generator: 'openai:refused' } },
            { task: 'fixture:shout', name: 'fourth', models: { generator: 'echo:tiny' } },
          ],
          { plugins: ['./plugin.mjs', join(repositoryRoot, 'plugins/provider-openai')], providers: { openai: { baseURL: server.baseURL, apiKey: 'sk-check' } } },
        ),
      );
      const result = await run(['models', 'check', 'recipe.yaml']);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^openai:good\s+ok\s+\d+ ms\s+http:\/\/127\.0\.0\.1:\d+\/v1\s+first\.generator$/m);
      expect(result.stdout).toMatch(/^openai:missing\s+not found\s+.*second\.generator$/m);
      expect(result.stdout).toMatch(/^openai:refused\s+key refused\s+.*third\.generator$/m);
      expect(result.stdout).toContain('The API key came from the apiKey setting (providers.openai.apiKey)');
      expect(result.stdout).toMatch(/^echo:tiny\s+ok\s+/m);
      expect(result.stdout).toContain('2 of 4 models did not answer: fix them before running.');
      // One request per OpenAI model, whatever the number of records or retries a run would make.
      expect(server.requests.map((request) => (request.body as { model: string }).model).sort()).toEqual(['good', 'missing', 'refused']);

      const json = await run(['models', 'check', 'recipe.yaml', '--json', '--model', 'openai:good']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual([
        expect.objectContaining({ reference: 'openai:good', status: 'ok', servedModel: 'good', usedBy: ['first.generator', 'second.generator', 'third.generator', 'fourth.generator'] }),
      ]);
    } finally {
      await server.close();
    }
    expect((await run(['models', 'list'])).code).toBe(2);
  });

  it('models check reports an endpoint that cannot be reached', async () => {
    await project.write(
      'recipe.yaml',
      recipe([{ task: 'fixture:split', options: { count: 1 } }, { task: 'fixture:shout' }], {
        plugins: ['./plugin.mjs', join(repositoryRoot, 'plugins/provider-openai')],
        providers: { openai: { baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-check' } },
        models: { default: 'openai:nowhere' },
      }),
    );
    const result = await run(['models', 'check', 'recipe.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^openai:nowhere\s+unreachable\s+/m);
    expect(result.stdout).toMatch(/why: OpenAI API call to http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions failed before any response: .*ECONNREFUSED/);
  });

  it('uses the default model a provider offers when the recipe names none, and says which and why', async () => {
    const { models: _models, ...withoutModels } = recipe(goodStages);
    await project.write('recipe.yaml', withoutModels);
    const missing = await run(['validate', 'recipe.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no loaded provider offers a default model here');
    expect(missing.stderr).toContain('or run with --mock');

    process.env['ECHO_AUTO'] = '1';
    try {
      expect((await run(['validate', 'recipe.yaml'])).stdout).toContain('recipe.yaml is valid (roles with no model use echo:tiny: ECHO_AUTO is set)');
      const result = await run(['run', 'recipe.yaml', '--out', 'out']);
      expect(result.code).toBe(0);
      expect(result.stderr + result.stdout).toContain('; roles with no model use echo:tiny (ECHO_AUTO is set)');
      expect(globalThis.echoCalls?.map((call) => call.modelId)).toEqual(['tiny', 'tiny', 'tiny']);
    } finally {
      delete process.env['ECHO_AUTO'];
    }
  });

  it('validate accepts a good recipe and lists every problem of a bad one with its path, before any request', async () => {
    await project.write('good.yaml', recipe(goodStages));
    const good = await run(['validate', 'good.yaml']);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('good.yaml is valid: 3 stages');

    await project.write(
      'bad.yaml',
      recipe([
        { task: 'fixture:split', options: { count: 'three' } },
        { task: 'fixture:shout', name: 'loud', templates: { shout: { user: 'Shout {item} at {volume}' } } },
        { task: 'fixture:shoutt' },
        // After an unknown task, what reaches a stage is unknown: {anything} may be a field of it, so it is not blamed.
        { task: 'fixture:shout', name: 'again', templates: { shout: { user: 'Shout {item} at {anything}' } } },
      ]),
    );
    for (const command of [['validate', 'bad.yaml'], ['run', 'bad.yaml', '--out', 'out']]) {
      const bad = await run(command);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('bad.yaml is invalid (3 problems)');
      expect(bad.stderr).toContain('stages[0].options.count:');
      expect(bad.stderr).toContain('stages[1].templates.shout: template "shout" uses {volume}, which nothing supplies');
      expect(bad.stderr).toContain('stages[2].task: Unknown task "fixture:shoutt"');
    }
    expect(globalThis.echoCalls).toEqual([]);
  });

  it("validate checks each provider's provider_options before any request, naming the option and the closest provider", async () => {
    await project.write(
      'options.yaml',
      recipe(goodStages, { params: { default: { provider_options: { echo: { volume: 12 } } }, generator: { provider_options: { ecoh: { volume: 3 } } } } }),
    );
    const result = await run(['validate', 'options.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('options.yaml is invalid (2 problems)');
    expect(result.stderr).toContain('  - params.default.provider_options.echo.volume: must be at most 11, got 12\n');
    expect(result.stderr).toContain(
      '  - params.generator.provider_options.ecoh: "ecoh" is not a loaded provider (loaded: echo), so no model would receive these options. Did you mean "echo"?\n',
    );
    expect(globalThis.echoCalls).toEqual([]);

    await project.write('options.yaml', recipe(goodStages, { params: { default: { provider_options: { echo: { volume: 11 } } } } }));
    expect((await run(['validate', 'options.yaml'])).code).toBe(0);
  });

  it('reports YAML syntax errors with line and column', async () => {
    await project.write('broken.yaml', 'name: x\nstages:\n  - task: [unclosed\n');
    const result = await run(['validate', 'broken.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line \d+, column \d+/);
  });

  it('plugins list --json shows each plugin with name, version, namespace, kinds and where it was found', async () => {
    await project.write('package.json', { name: 'my-recipes', private: true, dependencies: { 'synthkit-plugin-keywords': '1.0.0' } });
    await project.install('synthkit-plugin-keywords', join(repositoryRoot, 'examples/third-party-plugin'));
    const result = await run(['plugins', 'list', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        name: 'synthkit-plugin-keywords',
        version: '1.0.0',
        namespace: 'keywords',
        kinds: ['filters', 'modifiers'],
        items: { filters: ['banned'], modifiers: ['collapse-whitespace'] },
        source: {
          kind: 'dependency',
          specifier: 'synthkit-plugin-keywords',
          path: join(project.directory, 'node_modules/synthkit-plugin-keywords/index.js'),
          listedIn: join(project.directory, 'package.json'),
        },
      },
    ]);
    const filters = await run(['filters', 'list', '--json']);
    expect(JSON.parse(filters.stdout)[0]).toMatchObject({
      reference: 'keywords:banned',
      plugin: 'synthkit-plugin-keywords',
      options: { type: 'object', required: ['words'] },
    });
    expect((await run(['tasks', 'list'])).stdout).toContain('No tasks found');
  });

  it('init writes a recipe folder that validates and runs with --mock once its dependencies are installed', async () => {
    const written = await run(['init', 'My Recipes']);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('Wrote a recipe folder in My Recipes: package.json, recipe.yaml, README.md, .gitignore.');
    expect(written.stdout).toContain('npx synthkit run recipe.yaml --mock --out out/mock');
    const folder = join(project.directory, 'My Recipes');
    const packageJson = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
    expect(packageJson).toMatchObject({ name: 'my-recipes', private: true, scripts: { mock: 'synthkit run recipe.yaml --mock --out out/mock --overwrite' } });
    // Installed as npm would, here from this repository: every dependency the folder names.
    for (const dependency of Object.keys(packageJson.dependencies).filter((name) => name !== '@synthkit/cli')) {
      await mkdir(join(folder, 'node_modules/@synthkit'), { recursive: true });
      await symlink(join(repositoryRoot, 'plugins', dependency.replace('@synthkit/', '')), join(folder, 'node_modules', dependency), 'dir');
    }
    const inFolder = async (argv: string[]) => {
      const io = captureIo(folder);
      const code = await main(argv, io);
      return { code, stdout: io.output(), stderr: io.errors() };
    };
    const validated = await inFolder(['validate', 'recipe.yaml']);
    expect(validated.code, validated.stderr + validated.stdout).toBe(0);
    const mocked = await inFolder(['run', 'recipe.yaml', '--mock', '--out', 'out/mock']);
    expect(mocked.code, mocked.stderr).toBe(0);
    const records = (await readFile(join(folder, 'out/mock/data.jsonl'), 'utf8')).trim().split('\n');
    expect(records.length).toBeGreaterThan(0);
    expect(Object.keys(JSON.parse(records[0]!))).toEqual(expect.arrayContaining(['macro_topic', 'topic', 'openline']));

    const again = await run(['init', 'My Recipes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('package.json already exists: "synthkit init" writes a new recipe folder.');
  });

  it('--mock runs a nemotron:dialogue recipe: every conversation complete, its turns non-empty and alternating', async () => {
    await project.write('package.json', { name: 'my-recipes', private: true, dependencies: { '@synthkit/tasks-nemotron': '1.0.0' } });
    await project.install('@synthkit/tasks-nemotron', join(repositoryRoot, 'plugins/tasks-nemotron'));
    await project.write('openings.jsonl', ['{"openline":"How do ocean tides work?"}', '{"openline":"Give me 3 tips for sleeping better."}'].join('\n'));
    await project.write('dialogue.yaml', {
      name: 'dialogue',
      models: { assistant: 'echo:tiny', user: 'echo:other' },
      plugins: ['./plugin.mjs'],
      stages: [{ source: 'openings.jsonl' }, { task: 'nemotron:dialogue', options: { n_user_turns: 3, user_style: 'complex' } }],
    });
    const result = await run(['run', 'dialogue.yaml', '--out', 'out', '--mock']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Done: 2 records in out/data.jsonl, 0 in rejects.jsonl; 10 requests');
    const data = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    for (const record of data) {
      expect(record.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
      expect(record.messages.every((message: { content: string }) => message.content.trim().length > 0)).toBe(true);
      expect(record.messages[0].content).toBe(record.openline);
      expect(record._meta.calls.map((call: { role: string; model: string }) => `${call.role}:${call.model}`)).toEqual([
        'assistant:mock:offline',
        'user:mock:offline',
        'assistant:mock:offline',
        'user:mock:offline',
        'assistant:mock:offline',
      ]);
    }
    expect(globalThis.echoCalls).toEqual([]);
    const dryRun = await run(['run', 'dialogue.yaml', '--dry-run', '--mock']);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('--- user → mock:offline');
  });

  it('tasks list shows what each task reads, writes, takes and asks; tasks show prints its templates; modifiers list', async () => {
    await project.write('package.json', {
      name: 'my-recipes',
      private: true,
      dependencies: { '@synthkit/tasks-nemotron': '1.0.0', 'synthkit-plugin-keywords': '1.0.0' },
    });
    await project.install('@synthkit/tasks-nemotron', join(repositoryRoot, 'plugins/tasks-nemotron'));
    await project.install('synthkit-plugin-keywords', join(repositoryRoot, 'examples/third-party-plugin'));

    const tasks = await run(['tasks', 'list']);
    expect(tasks.code).toBe(0);
    expect(tasks.stdout).toContain(
      'nemotron:subtopics  Generates n_subtopics subtopics of each macro_topic; one { topic } record each, plus the macro topic itself.\n' +
        '  reads: macro_topic, topic    writes: topic\n' +
        '  options: n_subtopics (integer, required), include_macro_topic (boolean, default true), conversion ("auto" | "llm" | "local", default "auto"), ignore_conversion_failure (boolean, default false), trim_to_length (boolean, default false)\n' +
        '  models: generator, converter\n' +
        '  template subtopics: {macro_topic}, {n_subtopics}  Asks for n_subtopics distinct subtopics of macro_topic, as a numbered list.\n',
    );
    expect(tasks.stdout).toContain('  reads: nothing (a first stage)    writes: macro_topic, topic\n');
    expect(tasks.stdout).toMatch(/See a task's templates with "synthkit tasks show <namespace:task>"\.\n$/);
    const listed = JSON.parse((await run(['tasks', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(listed.find((task) => task['reference'] === 'nemotron:open-qa-questions')).toMatchObject({
      reads: ['topic'],
      writes: ['openline'],
      templates: [{ name: 'open-qa-questions', variables: ['topic', 'n_openlines'], user: expect.stringContaining('{topic}') }, { name: 'yaml-conversion' }],
    });

    const shown = await run(['tasks', 'show', 'nemotron:subtopics']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('  models:\n    generator: Writes the numbered list');
    expect(shown.stdout).toMatch(/  options:\n    n_subtopics \(integer, required\)  \S.+\n    include_macro_topic \(boolean, default true\)  \S/);
    expect(shown.stdout).toContain('    [user]\n      Broad topic: {macro_topic}\n');
    const missing = await run(['tasks', 'show', 'nemotron:subtopic']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Unknown task "nemotron:subtopic"');
    expect(missing.stderr).toContain('Did you mean "nemotron:subtopics"?');

    expect((await run(['modifiers', 'list'])).stdout).toBe(
      'keywords:collapse-whitespace  Collapses runs of spaces and tabs into one space and trims each line.\n  options: none\n',
    );
    expect((await run(['tasks', 'frob'])).code).toBe(2);
  });

  it('formatters list shows the conversation formatters of the installed plugins', async () => {
    await project.write('package.json', { name: 'my-recipes', private: true, dependencies: { 'synthkit-plugin-formats': '1.0.0' } });
    await project.write('node_modules/synthkit-plugin-formats/package.json', {
      name: 'synthkit-plugin-formats',
      version: '1.0.0',
      type: 'module',
      main: 'index.js',
      synthkit: { plugin: true },
    });
    await project.write(
      'node_modules/synthkit-plugin-formats/index.js',
      "export default { specificationVersion: 'v1', meta: { name: 'synthkit-plugin-formats', version: '1.0.0', namespace: 'formats' }, " +
        "formatters: { chatml: { specificationVersion: 'v1', name: 'chatml', description: 'ChatML turns.', format: () => '' } } };",
    );

    const listed = await run(['formatters', 'list', '--json']);
    const text = await run(['formatters', 'list']);

    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      { reference: 'formats:chatml', description: 'ChatML turns.', plugin: 'synthkit-plugin-formats' },
    ]);
    expect(text.stdout).toBe('formats:chatml  ChatML turns.\n');
    expect((await run(['plugins', 'list', '--json'])).stdout).toContain('"formatters"');
  });

  it('exits 2 naming the problem for a broken plugin: bad manifest, wrong spec version, missing package', async () => {
    await project.write('package.json', { name: 'my-recipes', private: true, dependencies: { 'synthkit-plugin-broken': '1.0.0' } });
    // Each variant gets its own file: Node caches an imported module by path.
    const install = async (source: string, file: string) => {
      await project.write('node_modules/synthkit-plugin-broken/package.json', {
        name: 'synthkit-plugin-broken',
        version: '1.0.0',
        type: 'module',
        main: file,
        synthkit: { plugin: true },
      });
      await project.write(`node_modules/synthkit-plugin-broken/${file}`, source);
    };
    await install("export default { specificationVersion: 'v1', meta: { name: 'synthkit-plugin-broken', version: '1.0.0' } };", 'manifest.js');
    const badManifest = await run(['plugins', 'list', '--json']);
    expect(badManifest.code).toBe(2);
    expect(badManifest.stderr).toContain('Plugin "synthkit-plugin-broken"');
    expect(badManifest.stderr).toContain('meta.namespace');

    await install("export default { specificationVersion: 'v9', meta: { name: 'synthkit-plugin-broken', version: '1.0.0', namespace: 'broken' } };", 'version.js');
    const wrongVersion = await run(['plugins', 'list']);
    expect(wrongVersion.code).toBe(2);
    expect(wrongVersion.stderr).toContain('specificationVersion "v9" is not supported');

    await project.write('recipe.yaml', recipe(goodStages, { plugins: ['./plugin.mjs', 'synthkit-plugin-missing'] }));
    const missing = await run(['validate', 'recipe.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Plugin "synthkit-plugin-missing": no installed package named "synthkit-plugin-missing"');
    expect(missing.stderr).toContain(join(project.directory, 'node_modules/synthkit-plugin-missing/package.json'));
  });
});
