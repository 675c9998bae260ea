// The open-QA pipeline written in code (pipeline.mjs) and the recipe file (recipe.yaml) are one
// pipeline: the same plan (configuration hash included) and, run offline on the mock provider, the
// same records. The streaming form yields the records as the run writes them.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mockPlugin, { mock } from '@synthkit/provider-mock';
import { compilePipeline, prepareRecipe, run, runRecipe, stream } from '@synthkit/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQAPipeline } from './pipeline.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let scratch;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'synthkit-pipeline-'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const lines = async (file) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
/** A record without what depends on when it was made (call timings). */
const content = ({ _meta, ...fields }) => ({ ...fields, lineage: _meta.lineage, stage: _meta.stage });

describe('the open-QA pipeline in code', () => {
  it('compiles to the plan of recipe.yaml and gives the same records', { timeout: 60_000 }, async () => {
    // The recipe with every role on the mock, as `synthkit run --mock` would; the code names the mock itself.
    const recipe = await prepareRecipe(join(here, 'recipe.yaml'), { plugins: [mockPlugin], overrides: { model: 'mock:offline' } });
    const code = await compilePipeline(openQAPipeline(mock('offline')));
    expect(code.plan.stages.map((stage) => [stage.name, stage.kind, stage.kind === 'source' ? stage.path : stage.reference])).toEqual(
      recipe.plan.stages.map((stage) => [stage.name, stage.kind, stage.kind === 'source' ? stage.path : stage.reference]),
    );

    const fromRecipe = await runRecipe({ plan: recipe.plan, out: join(scratch, 'recipe') });
    const fromCode = await run({ ...openQAPipeline(mock('offline')), out: join(scratch, 'code') });
    expect(fromCode.status).toBe('completed');
    expect(fromCode.output.records).toBeGreaterThan(0);
    expect({ ...fromCode.output, directory: undefined }).toEqual({ ...fromRecipe.output, directory: undefined });
    const records = await lines(join(scratch, 'code/data.jsonl'));
    expect(records.map(content)).toEqual((await lines(join(scratch, 'recipe/data.jsonl'))).map(content));
  });

  it('streams the records as they are written, and stops the run when the loop stops', { timeout: 60_000 }, async () => {
    const streamed = [];
    for await (const record of stream({ ...openQAPipeline(mock('offline')), out: join(scratch, 'stream') })) streamed.push(record);
    expect(streamed.map(content)).toEqual((await lines(join(scratch, 'stream/data.jsonl'))).map(content));

    const firstTwo = [];
    for await (const record of stream({ ...openQAPipeline(mock('offline')), out: join(scratch, 'partial') })) {
      firstTwo.push(record);
      if (firstTwo.length === 2) break;
    }
    const report = JSON.parse(await readFile(join(scratch, 'partial/run.json'), 'utf8'));
    expect(report.status).toBe('cancelled');
    expect(report.output.records).toBeGreaterThanOrEqual(2);
    expect(report.output.records).toBeLessThan(streamed.length);
  });
});
