import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineAggregateFilter, defineFilter, definePlugin, defineTask, InvalidRecipeError, type AggregateVerdictV1, type JsonRecord } from '@synthkit/core';
import openAIPlugin from '@synthkit/provider-openai';
import { createOpenAITestServer, createTemporaryProject, textRule, type OpenAITestServer, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openResponseCache } from '../gateway/response-cache';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { checkModels } from '../run/check-models';
import { dryRunRecipe } from '../run/dry-run-recipe';
import { runRecipe } from '../run/run-recipe';
import { createTestPlugin } from '../test-support/test-plugin';

/** Keeps answers a judge grades 3 or more; the judge answers a number. */
const judge = defineFilter({
  description: 'Keeps answers the judge grades 3 or more.',
  options: z.object({ at_least: z.number().default(3) }),
  models: { judge: 'Grades the answer from 1 to 5.' },
  templates: { grade: { system: 'You grade answers.', user: 'Grade this answer from 1 to 5: {answer}', variables: ['answer'] } },
  create: ({ at_least }) => ({
    score: async (text, _record, context) => Number((await context!.generate({ template: 'grade', variables: { answer: text } })).text),
    keep: (grade) => grade >= at_least,
    describe: (grade) => `graded ${grade}, below ${at_least}`,
  }),
});

/** Two judges, the second asked only with `both: true`. */
const panel = defineFilter({
  description: 'Keeps answers every judge asked approves.',
  options: z.object({ both: z.boolean().default(false) }),
  models: { judge: 'Approves.', second: 'Approves too, with both: true.' },
  templates: { ask: { user: 'Approve? {answer}', variables: ['answer'] } },
  languageRoles: ({ both }) => (both ? ['judge', 'second'] : ['judge']),
  create: ({ both }) => ({
    score: async (text, _record, context) => {
      const roles = both ? ['judge', 'second'] : ['judge'];
      const answers = await Promise.all(roles.map((role) => context!.generate({ role, template: 'ask', variables: { answer: text } })));
      return answers.every((answer) => answer.text.length > 0);
    },
    keep: (approved) => approved,
  }),
});

/** Scores records by the first component of their embedding, a batch per request. */
const embedded = defineFilter({
  description: 'Keeps records whose embedding leans positive.',
  options: z.object({}),
  embeddingModels: { embedder: 'Embeds the text.' },
  create: () => ({
    batchSize: 4,
    score: () => 0,
    async scoreBatch(items, context) {
      const { embeddings } = await context.embed({ texts: items.map((item) => item.text) });
      return embeddings.map((vector) => vector.length);
    },
    keep: (dimensions) => dimensions > 0,
  }),
});

/** Keeps texts of 3 words or more, with the counts as sub-scores and a reason naming the part that failed. */
const detailed = defineFilter({
  description: 'Keeps texts of at least 3 words.',
  options: z.object({}),
  create: () => ({
    score: (text) => {
      const words = text.split(/\s+/).filter(Boolean).length;
      return { score: words >= 3, scores: { words, characters: text.length }, reason: `${words} words, fewer than 3` };
    },
    keep: (details) => details.score,
  }),
});

/** Keeps one record per text: the one with the smallest `_id`. In memory: a test's dedup. */
const sameText = defineAggregateFilter({
  description: 'Keeps one record of each group with the same text.',
  options: z.object({}),
  create: () => {
    const smallest = new Map<string, string>();
    const observed: Array<{ text: string; id: string }> = [];
    return {
      batchSize: 3,
      observe(items) {
        for (const { text, id, index } of items) {
          expect(index).toBe(observed.length);
          observed.push({ text, id });
          const seen = smallest.get(text);
          if (seen == null || id < seen) smallest.set(text, id);
        }
      },
      *verdicts(): Iterable<AggregateVerdictV1> {
        for (const { text, id } of observed) {
          const first = smallest.get(text)!;
          yield first === id ? { keep: true } : { keep: false, reason: `same text as ${first}`, duplicateOf: first };
        }
      },
      report: () => ({ records: observed.length, groups: smallest.size }),
      summary: () => `${observed.length - smallest.size} of ${observed.length} records were duplicates`,
    };
  },
});

/** Counts what passes, and keeps everything. */
const counter = defineAggregateFilter({
  description: 'Counts records.',
  options: z.object({}),
  create: () => {
    let records = 0;
    return { passThrough: true, observe: (items) => void (records += items.length), report: () => ({ records }) };
  },
});

/** Copies `text` to `copy` after a delay that varies by record, so records reach later stages out of order. */
const shuffle = defineTask({
  description: 'Copies text after a delay that varies by record.',
  options: z.object({ stop_after: z.number().optional() }),
  input: z.object({ text: z.string() }),
  output: z.object({ copy: z.string() }),
  models: {},
  templates: {},
  async run(input, context) {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(context.random() * 15)));
    return [{ copy: input.text }];
  },
});

const filtersPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'filters-plugin', version: '1.0.0', namespace: 'check' },
  tasks: { shuffle },
  filters: { judge, panel, embedded, detailed, 'same-text': sameText, counter },
});

let project: TemporaryProject;
let server: OpenAITestServer | undefined;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await project.remove();
});

async function compile(document: object, seeds: ReadonlyArray<JsonRecord>) {
  await project.write('seeds.jsonl', `${seeds.map((seed) => JSON.stringify(seed)).join('\n')}\n`);
  const registry = await createRegistry({ plugins: [filtersPlugin, openAIPlugin, createTestPlugin()], discover: false });
  return compileRecipe({ registry, directory: project.directory, document });
}

async function readLines(path: string): Promise<JsonRecord[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as JsonRecord);
}

describe('filters that call models', () => {
  const answers = [{ text: 'A good answer.' }, { text: 'A poor answer.' }, { text: 'Another good one.' }];

  it('call them through the gateway with their templates (overridable), traced in _meta.calls and replayed from the cache', async () => {
    server = await createOpenAITestServer({ rules: [textRule({ match: /good/, answer: '4' }), textRule({ match: /./, answer: '1' })] });
    const document = {
      providers: { openai: { baseURL: server.baseURL, apiKey: 'sk-test' } },
      models: { default: 'openai:writer' },
      stages: [
        { source: 'seeds.jsonl' },
        { filter: 'check:judge', models: { judge: 'openai:grader' }, templates: { grade: { user: 'Grade strictly from 1 to 5: {answer}' } }, params: { judge: { temperature: 0 } } },
      ],
    };
    const cache = await openResponseCache(join(project.directory, 'cache'));
    const report = await runRecipe({ plan: await compile(document, answers), out: join(project.directory, 'out'), cache });
    await cache.close();
    expect(report.status).toBe('completed');
    const kept = await readLines(join(project.directory, 'out/data.jsonl'));
    expect(kept.map((record) => record['text']).sort()).toEqual(['A good answer.', 'Another good one.']);
    const meta = kept[0]!['_meta'] as { scores: JsonRecord; calls: JsonRecord[] };
    expect(meta.scores['judge']).toBe(4);
    expect(meta.calls).toEqual([expect.objectContaining({ stage: 'judge', role: 'judge', model: 'openai:grader', template: 'grade', params: { temperature: 0 } })]);
    const [reject] = await readLines(join(project.directory, 'out/rejects.jsonl'));
    expect(reject).toMatchObject({ stage: 'judge', kind: 'filtered', reason: 'graded 1, below 3', record: { text: 'A poor answer.' } });
    expect(((reject!['record'] as JsonRecord)['_meta'] as { calls: unknown[] }).calls).toHaveLength(1);
    const bodies = server.requests.map((request) => request.body as { model: string; temperature: number; messages: Array<{ content: string }> });
    expect(bodies.map((body) => [body.model, body.temperature, body.messages.at(-1)!.content]).sort()).toEqual(
      answers.map((answer) => ['grader', 0, `Grade strictly from 1 to 5: ${answer.text}`]).sort(),
    );
    expect(report.models['openai:grader']).toMatchObject({ calls: 3, requests: 3 });

    // A dry run renders the judge's prompt for a sample record; models check sends its model one tiny request.
    const dry = await dryRunRecipe(await compile(document, answers));
    expect(dry[1]).toMatchObject({ name: 'judge', prompts: [{ role: 'judge', model: 'openai:grader', messages: [{ role: 'system', content: 'You grade answers.' }, { role: 'user', content: 'Grade strictly from 1 to 5: A good answer.' }] }] });
    const checks = await checkModels(await compile(document, answers));
    expect(checks.map((check) => [check.reference, check.usedBy, check.status])).toEqual([['openai:grader', ['judge.judge'], 'ok']]);

    const sent = server.requests.length;
    const again = await openResponseCache(join(project.directory, 'cache'));
    const second = await runRecipe({ plan: await compile(document, answers), out: join(project.directory, 'out-2'), cache: again });
    await again.close();
    expect([second.status, second.output.records, server.requests.length]).toEqual(['completed', 2, sent]);
  });

  it('have their roles checked like a task\'s: unknown roles, scoring roles without a model, models on a filter that calls none', async () => {
    const issues = async (stage: object) => {
      const error = await compile({ models: { default: 'echo:small' }, stages: [{ source: 'seeds.jsonl' }, stage] }, answers).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(InvalidRecipeError.isInstance(error)).toBe(true);
      return (error as InvalidRecipeError).issues;
    };
    expect(await issues({ filter: 'check:judge', models: { juge: 'echo:x' } })).toEqual([
      { path: 'stages[1].models.juge', message: expect.stringMatching(/^filter check:judge has no model role "juge"; its roles are: judge\..*Did you mean "judge"\?/) },
    ]);
    expect(await issues({ filter: 'check:embedded' })).toEqual([
      { path: 'stages[1].models.embedder', message: expect.stringContaining('filter check:embedded needs an embedding model for its role "embedder" (Embeds the text.)') },
    ]);
    expect(await issues({ filter: 'test:min-length', models: { judge: 'echo:x' } })).toEqual([
      { path: 'stages[1].models.judge', message: expect.stringContaining('filter test:min-length has no model role "judge"; its roles are: none.') },
    ]);
    expect(await issues({ filter: 'check:judge', templates: { grade: { user: 'Grade {answr}' } } })).toEqual([
      { path: 'stages[1].templates.grade', message: expect.stringContaining('template "grade" uses {answr}, which nothing supplies. The filter supplies: answer') },
    ]);
  });

  it('bind only the language roles their options call (languageRoles): no model needed for a judge not asked', async () => {
    const stage = (options: object) => ({ models: { judge: 'echo:first' }, stages: [{ source: 'seeds.jsonl' }, { filter: 'check:panel', options }] });
    const plan = await compile(stage({}), answers);
    expect(Object.keys((plan.stages[1] as { models: object }).models)).toEqual(['judge']);
    const report = await runRecipe({ plan, out: join(project.directory, 'out') });
    expect([report.status, report.output.records]).toEqual(['completed', 3]);
    const error = await compile(stage({ both: true }), answers).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as InvalidRecipeError).issues).toEqual([{ path: 'stages[1].models.second', message: expect.stringContaining('no model for role "second"') }]);
  });

  it('score in batches with scoreBatch: one embedding request per batch, its call traced on every record of it', async () => {
    server = await createOpenAITestServer({ rules: [] });
    const seeds = Array.from({ length: 10 }, (_, index) => ({ text: `record number ${index}` }));
    const document = {
      providers: { openai: { baseURL: server.baseURL, apiKey: 'sk-test' } },
      models: { embedder: 'openai:embedder' },
      stages: [{ source: 'seeds.jsonl' }, { filter: 'check:embedded' }],
    };
    const report = await runRecipe({ plan: await compile(document, seeds), out: join(project.directory, 'out') });
    expect(report.status).toBe('completed');
    const inputs = server.requests.map((request) => (request.body as { input: string[] }).input);
    // The seed file is at hand: every batch is full but the last.
    expect(inputs.map((input) => input.length)).toEqual([4, 4, 2]);
    expect(inputs.flat().sort()).toEqual(seeds.map((seed) => seed.text).sort());
    const kept = await readLines(join(project.directory, 'out/data.jsonl'));
    expect(kept).toHaveLength(10);
    for (const record of kept) {
      expect((record['_meta'] as { calls: JsonRecord[] }).calls).toEqual([expect.objectContaining({ kind: 'embedding', role: 'embedder', model: 'openai:embedder' })]);
    }
  });
});

describe('scores with details', () => {
  it('keep sub-scores in _meta.scores as <stage>.<name> and give the reason of a drop', async () => {
    const document = { stages: [{ source: 'seeds.jsonl' }, { filter: 'check:detailed', name: 'length' }] };
    const report = await runRecipe({ plan: await compile(document, [{ text: 'one two three' }, { text: 'one two' }]), out: join(project.directory, 'out') });
    expect(report.status).toBe('completed');
    const [kept] = await readLines(join(project.directory, 'out/data.jsonl'));
    expect((kept!['_meta'] as { scores: JsonRecord }).scores).toEqual({ length: true, 'length.words': 3, 'length.characters': 13 });
    const [reject] = await readLines(join(project.directory, 'out/rejects.jsonl'));
    expect(reject).toMatchObject({ stage: 'length', reason: '2 words, fewer than 3', record: { _meta: { scores: { length: false, 'length.words': 2 } } } });
  });
});

describe('aggregate filter stages', () => {
  // 5 groups of the same text, 2 unique texts; ids are content hashes, so "smallest" is fixed.
  const seeds = [
    ...['alpha', 'beta', 'gamma', 'delta', 'epsilon'].flatMap((word, group) => Array.from({ length: group + 1 }, (_, copy) => ({ text: word, copy }))),
    { text: 'zeta', copy: 0 },
    { text: 'eta', copy: 0 },
  ];
  const document = (concurrency: number, extra: object[] = []) => ({
    models: { default: 'echo:small' },
    concurrency,
    stages: [{ source: 'seeds.jsonl' }, { task: 'check:shuffle' }, { filter: 'check:same-text', field: 'copy' }, ...extra],
  });

  it('decide on the whole set whatever the arrival order: the same kept records and rejects at concurrency 1 and 64', async () => {
    const outcomes = [];
    for (const concurrency of [1, 64]) {
      const out = join(project.directory, `out-${concurrency}`);
      const report = await runRecipe({ plan: await compile(document(concurrency, [{ filter: 'check:counter' }]), seeds), out });
      expect(report.status).toBe('completed');
      const kept = await readLines(join(out, 'data.jsonl'));
      const rejects = await readLines(join(out, 'rejects.jsonl'));
      outcomes.push({
        kept: kept.map((record) => record['_id']).sort(),
        rejects: rejects.map((entry) => [(entry['record'] as JsonRecord)['_id'], entry['reason'], entry['details']]).sort(),
      });
      expect(kept.map((record) => record['copy']).sort()).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'eta', 'gamma', 'zeta']);
      // The kept record of each group has the group's smallest id; each reject names it.
      for (const entry of rejects) {
        const duplicateOf = (entry['details'] as { duplicate_of: string }).duplicate_of;
        const survivor = kept.find((record) => record['_id'] === duplicateOf)!;
        expect(survivor['copy']).toBe((entry['record'] as JsonRecord)['copy']);
        expect(duplicateOf < ((entry['record'] as JsonRecord)['_id'] as string)).toBe(true);
        expect(entry).toMatchObject({ stage: 'same-text', kind: 'filtered', reason: `same text as ${duplicateOf}` });
      }
      expect(rejects).toHaveLength(1 + 2 + 3 + 4);
      const stages = report.stages.map((stage) => [stage.name, stage.received, stage.completed, stage.filtered, stage.report]);
      expect(stages.slice(2)).toEqual([
        ['same-text', 17, 7, 10, { records: 17, groups: 7 }],
        ['counter', 7, 7, 0, { records: 7 }],
      ]);
      const runJson = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as { stages: Array<{ report?: JsonRecord }> };
      expect(runJson.stages[2]!.report).toEqual({ records: 17, groups: 7 });
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  it('resume to the output of an uninterrupted run, each record once, after a stop while releasing records', async () => {
    const whole = join(project.directory, 'whole');
    await runRecipe({ plan: await compile(document(8), seeds), out: whole });
    const expected = (await readLines(join(whole, 'data.jsonl'))).map((record) => record['_id']).sort();

    const out = join(project.directory, 'stopped');
    // The limit stops the run after 3 records are written: the stage had released only some of its verdicts.
    const first = await runRecipe({ plan: await compile(document(8), seeds), out, limit: 3, checkpointIntervalMs: 5 });
    expect(first.output.records).toBe(3);
    const resumed = await runRecipe({ plan: await compile(document(8), seeds), out, resume: true });
    expect(resumed.status).toBe('completed');
    const ids = (await readLines(join(out, 'data.jsonl'))).map((record) => record['_id']);
    expect(ids.sort()).toEqual(expected);
    const rejected = (await readLines(join(out, 'rejects.jsonl'))).map((entry) => (entry['record'] as JsonRecord)['_id']);
    expect(new Set(rejected).size).toBe(rejected.length);
    expect(rejected).toHaveLength(10);
  });

  it('resume after a cancel while observing: the records an earlier session observed count, none is observed twice', async () => {
    const out = join(project.directory, 'cancelled');
    const controller = new AbortController();
    const statistics = new (await import('./run-statistics')).RunStatistics();
    const watch = setInterval(() => {
      // Cancel once the stage has observed some records (and holds them).
      if ((statistics.stages[2]?.active ?? 0) >= 6) controller.abort();
    }, 1);
    const first = await runRecipe({ plan: await compile(document(1), seeds), out, signal: controller.signal, statistics });
    clearInterval(watch);
    expect(first.status).toBe('cancelled');
    expect(first.output.records).toBe(0);
    const spilled = await readLines(join(out, '.synthkit/stages/same-text/records.jsonl'));
    expect(spilled.length).toBeGreaterThanOrEqual(6);
    const resumed = await runRecipe({ plan: await compile(document(4), seeds), out, resume: true });
    expect(resumed.status).toBe('completed');
    const kept = await readLines(join(out, 'data.jsonl'));
    expect(kept.map((record) => record['copy']).sort()).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'eta', 'gamma', 'zeta']);
    expect(resumed.stages[2]!.report).toEqual({ records: 17, groups: 7 });
    expect(await readLines(join(out, 'rejects.jsonl'))).toHaveLength(10);
  });
});
