import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import filtersHeuristic from '@synthkit/filters-heuristic';
import { compileRecipe, createRegistry, loadRecipeFile, runRecipe, type RecipeDocument, type RunReport } from '@synthkit/runtime';
import tasksNemotron from '@synthkit/tasks-nemotron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import llamaCpp from './index';
import { writeTinyModel, type TinyModelFolder } from './test-support/tiny-model';

/** The example recipe, as `pnpm demo` runs it (through an OpenAI-compatible endpoint there). */
const recipePath = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/open-qa/recipe.yaml');
/** This package's folder, whose devDependencies hold the example's plugins. */
const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

let tiny: TinyModelFolder;
beforeAll(async () => {
  tiny = await writeTinyModel();
});
afterAll(async () => {
  await tiny.project.remove();
});

interface RunFiles {
  readonly report: RunReport;
  readonly records: Array<Record<string, unknown>>;
  readonly rejects: Array<Record<string, unknown>>;
}

/**
 * Runs the recipe with every role on the tiny model, as `--model llama-cpp:tiny` with the provider's
 * settings pointing at the GGUF would: `change` edits the recipe's document first.
 */
async function runOnTinyModel(out: string, change: (document: RecipeDocument) => RecipeDocument = (document) => document): Promise<RunFiles> {
  const written = (await loadRecipeFile(recipePath)) as RecipeDocument;
  const document = change({
    ...written,
    providers: { 'llama-cpp': { models: { tiny: tiny.path }, threads: 1, contextSize: 1024 } },
    // Short answers keep the run quick; the prompts are the recipe's own.
    params: { default: { ...written.params?.default, max_tokens: 48 } },
  });
  // The recipe's filters come from the example third-party plugin, loaded by name as a recipe's `plugins:` would.
  const registry = await createRegistry({
    plugins: [llamaCpp, tasksNemotron, filtersHeuristic, 'synthkit-plugin-keywords'],
    directory: packageDirectory,
    discover: false,
  });
  const plan = compileRecipe({ document, registry, directory: dirname(recipePath), source: recipePath, overrides: { model: 'llama-cpp:tiny' } });
  const report = await runRecipe({ plan, out: join(tiny.project.directory, out) });
  const lines = async (file: string) =>
    (await readFile(join(tiny.project.directory, out, file), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { report, records: await lines('data.jsonl'), rejects: await lines('rejects.jsonl') };
}

/**
 * What must hold whatever the random model answers: the run ends by itself (no engine stop), every
 * input of a stage is completed, rejected or failed, every dropped record is in rejects.jsonl with
 * its stage and reason, and every request went through the gateway to the one llama.cpp endpoint,
 * whose window is the model's (1), not the recipe's `endpoints.default` (16).
 */
function expectAccountedRun({ report, records, rejects }: RunFiles, inputs: number): void {
  expect(['completed', 'failed']).toContain(report.status);
  expect(report.stopReason).toBeUndefined();
  expect(report.error).toBeUndefined();
  const [first] = report.stages;
  expect(first?.received).toBe(inputs);
  for (const stage of report.stages) {
    expect(stage.completed + stage.rejected + stage.failed + stage.filtered + stage.cancelled, stage.name).toBe(stage.received);
    expect(stage.cancelled, stage.name).toBe(0);
  }
  const dropped = report.stages.reduce((sum, stage) => sum + stage.rejected + stage.failed + stage.filtered, 0);
  expect(rejects).toHaveLength(dropped);
  expect(report.output).toMatchObject({ records: records.length, rejected: rejects.length });
  expect(records.length).toBe(report.stages.at(-1)?.emitted);
  for (const reject of rejects) {
    expect(report.stages.map((stage) => stage.name)).toContain(reject['stage']);
    expect(reject['reason']).toEqual(expect.stringMatching(/\S/));
  }
  // The inputs of the first task end as one reject each, or as records further down.
  const task = report.stages.find((stage) => stage.kind === 'task');
  expect(task?.received).toBe(inputs);
  const taskRejects = rejects.filter((reject) => reject['stage'] === task?.name);
  expect(new Set(taskRejects.map((reject) => (reject['record'] as { _id: string })._id)).size).toBe(taskRejects.length);
  expect(taskRejects.length).toBe((task?.rejected ?? 0) + (task?.failed ?? 0));

  const model = report.models['llama-cpp:tiny'];
  expect(model?.requests).toBeGreaterThanOrEqual(2 * inputs);
  expect(report.requests.total).toBe(model?.requests);
  expect(model?.inputTokens).toBeGreaterThan(0);
  expect(model?.outputTokens).toBeGreaterThan(0);
  // Local compute: priced at nothing, not unknown.
  expect(report.cost).toMatchObject({ totalUsd: 0, unpriced: [] });
  expect(report.endpoints).toEqual([{ label: `llama-cpp:tiny at llama-cpp:${tiny.path}`, concurrency: 1, finalLimit: 1, decreases: 0 }]);
}

describe('examples/open-qa/recipe.yaml through llama.cpp', () => {
  it('runs to its end with every role on the tiny model, every input accounted for', { timeout: 60_000 }, async () => {
    // The random model's lists are gibberish: the Nemotron tasks reject them, so the run stops early.
    expectAccountedRun(await runOnTinyModel('open-qa'), 1);
  });

  it('runs the recipe\'s later stages from seed topics, every topic accounted for', { timeout: 60_000 }, async () => {
    const topics = ['the sea', 'volcanoes', 'bread', 'chess', 'rain'];
    await tiny.project.write('topics.jsonl', topics.map((topic) => JSON.stringify({ topic })).join('\n'));

    const run = await runOnTinyModel('open-qa-seeded', (document) => ({
      ...document,
      stages: [{ source: join(tiny.project.directory, 'topics.jsonl') }, ...document.stages.slice(2)],
    }));

    expectAccountedRun(run, topics.length);
    expect(run.report.stages.map((stage) => stage.name)).toEqual([
      'source',
      'open-qa-questions',
      'open-qa-revisions',
      'word-count',
      'non-alpha-numeric',
      'banned',
    ]);
  });
});
