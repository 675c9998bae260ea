// `synthkit run --mock`, in process through the CLI's main(): the open-QA recipe and a recipe of
// another shape, answered by the offline mock provider with no endpoint and no API key.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '@synthkit/cli';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

let out;
const saved = {};
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'synthkit-open-qa-mock-'));
  // No endpoint and no key: --mock must not need them.
  for (const name of ['OPENAI_BASE_URL', 'OPENAI_API_KEY']) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
});
afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  await rm(out, { recursive: true, force: true });
});

async function synthkit(args) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let output = '';
  let errors = '';
  stdout.on('data', (chunk) => (output += chunk));
  stderr.on('data', (chunk) => (errors += chunk));
  // A cache per test: answers never leak between tests or into the user's cache.
  const code = await main(args, { cwd: root, stdout, stderr, cacheDirectory: join(out, '.cache') });
  return { code, stdout: output, stderr: errors };
}

const readJsonLines = async (path) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

describe('synthkit run --mock', () => {
  it('runs the open-QA recipe end to end offline: 36 plausible records, no reject, no key', async () => {
    const result = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--mock', '--out', out]);
    expect(result.stderr).toContain('with the mock provider (mock:offline for every role)');
    expect(result.stderr).toContain('Done: 36 records');
    expect(result.code).toBe(0);

    const records = await readJsonLines(join(out, 'data.jsonl'));
    expect(records).toHaveLength(36);
    expect(await readJsonLines(join(out, 'rejects.jsonl'))).toEqual([]);
    expect(new Set(records.map((record) => record.revision)).size).toBe(36);
    const macroTopics = new Set(records.map((record) => record.macro_topic));
    expect(macroTopics.size).toBe(3);
    expect(new Set(records.map((record) => record.topic)).size).toBe(9);
    expect(new Set(records.map((record) => record.openline)).size).toBe(18);
    for (const record of records) {
      // Each level is about the one above it: the topic names its macro topic, the question its topic.
      expect(record.topic.toLowerCase()).toContain(record.macro_topic.toLowerCase());
      expect(record.openline.toLowerCase()).toContain(record.topic.toLowerCase());
      expect(record.revision).toContain(record.openline);
      expect(record._meta.calls.every((call) => call.model === 'mock:offline')).toBe(true);
    }

    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.status).toBe('completed');
    expect(report.stages.map((stage) => [stage.name, stage.emitted])).toEqual([
      ['macro-topics', 3],
      ['subtopics', 9],
      ['open-qa-questions', 18],
      ['open-qa-revisions', 36],
      ['word-count', 36],
      ['non-alpha-numeric', 36],
      ['banned', 36],
    ]);
    // One generator call per task input: the mock's lists are read locally (conversion: auto).
    expect(report.requests).toEqual({ calls: 31, total: 31, retries: 0, failedCalls: 0, cacheHits: 0 });
    expect(Object.keys(report.models)).toEqual(['mock:offline']);
    expect(report.cost).toMatchObject({ totalUsd: 0, unpriced: [] });
    expect(report.tokens.input).toBeGreaterThan(0);
  });

  it('validates and dry-runs without a key, noting what a run needs; a run without a key or --mock is an error', async () => {
    const withoutKey = await synthkit(['validate', 'examples/open-qa/recipe.yaml']);
    expect(withoutKey.code).toBe(0);
    expect(withoutKey.stdout).toContain('is valid: 7 stages');
    expect(withoutKey.stderr).toContain('note: a run needs credentials this environment lacks (1):\n  - models.default: No OpenAI API key');
    const dryRunWithoutKey = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--dry-run']);
    expect(dryRunWithoutKey.code).toBe(0);
    expect(dryRunWithoutKey.stdout).toContain('--- generator → openai:gpt-4o-mini');
    expect(dryRunWithoutKey.stderr).toContain('No OpenAI API key');
    const runWithoutKey = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--out', join(out, 'no-key')]);
    expect(runWithoutKey.code).toBe(2);
    expect(runWithoutKey.stderr).toContain('No OpenAI API key');

    const validate = await synthkit(['validate', 'examples/open-qa/recipe.yaml', '--mock']);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('is valid (with --mock: every role uses mock:offline): 7 stages');
    const dryRun = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--mock', '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('--- generator → mock:offline');
  });

  it('refuses --mock with --model (exit 2)', async () => {
    const result = await synthkit(['run', 'examples/open-qa/recipe.yaml', '--mock', '--model', 'openai:gpt-4o', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--mock and --model cannot be used together');
  });

  it('runs a recipe of another shape: seeds → subtopics → questions, per-role models, mock latency', async () => {
    // Written beside recipe.yaml so that this folder's plugins are found.
    const recipePath = join(here, `.mock-shape-${process.pid}.yaml`);
    const seedsPath = join(here, `.mock-shape-${process.pid}.jsonl`);
    await writeFile(seedsPath, ['{"macro_topic":"Beekeeping"}', '{"macro_topic":"Urban cycling"}'].join('\n'));
    await writeFile(
      recipePath,
      [
        'name: subtopic-questions',
        'models: { generator: openai:gpt-4o, converter: openai:gpt-4o-mini }',
        'params: { default: { temperature: 0.9 }, converter: { max_tokens: 512 } }',
        'providers: { mock: { latencyMs: { min: 1, max: 8 } } }',
        "endpoints: { 'openai:gpt-4o': { concurrency: 4 } }",
        'stages:',
        `  - source: ${JSON.stringify(seedsPath)}`,
        '  - task: nemotron:subtopics',
        '    options: { n_subtopics: 3, include_macro_topic: false }',
        '  - task: nemotron:open-qa-questions',
        '    options: { n_openlines: 4 }',
        '  - filter: heuristic:word-count',
        '    field: openline',
        '    options: { min_words: 5 }',
      ].join('\n'),
    );
    try {
      const result = await synthkit(['run', recipePath, '--mock', '--out', out]);
      expect(result.stderr).toContain('Done: 24 records');
      expect(result.code).toBe(0);
    } finally {
      await rm(recipePath, { force: true });
      await rm(seedsPath, { force: true });
    }
    const records = await readJsonLines(join(out, 'data.jsonl'));
    expect(records).toHaveLength(2 * 3 * 4);
    expect(await readJsonLines(join(out, 'rejects.jsonl'))).toEqual([]);
    expect(new Set(records.map((record) => record.openline)).size).toBe(24);
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual(['_id', '_meta', 'macro_topic', 'openline', 'topic']);
      expect(record.topic.toLowerCase()).toContain(record.macro_topic.toLowerCase());
      expect(record.topic).not.toBe(record.macro_topic);
      expect(record.openline.toLowerCase()).toContain(record.topic.toLowerCase());
    }
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    // One generator call per task input (2 subtopics + 6 questions); the lists are read locally.
    expect(report.requests).toMatchObject({ calls: 2 + 6, failedCalls: 0 });
  });
});
