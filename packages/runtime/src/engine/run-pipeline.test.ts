import { definePlugin, type JsonRecord, type PluginV1, type TaskV1 } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin, type EchoCall } from '../test-support/test-plugin';
import type { RejectEntry } from './pipeline-record';
import { runPipeline } from './run-pipeline';
import { RunStatistics } from './run-statistics';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

async function plan(document: object, plugins: PluginV1[] = [createTestPlugin()]) {
  const registry = await createRegistry({ plugins, discover: false });
  return compileRecipe({ document, registry, directory: project.directory });
}

async function collect(iterable: AsyncIterable<JsonRecord>) {
  const records: JsonRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

describe('runPipeline', () => {
  it('streams: a later stage receives records before an earlier stage finishes', async () => {
    let releaseLast!: () => void;
    const lastMayFinish = new Promise<void>((resolve) => {
      releaseLast = resolve;
    });
    const events: string[] = [];
    const produce: TaskV1<unknown, { n: number }, { n: number }> = {
      specificationVersion: 'v1',
      description: 'Passes seeds on; the last one waits until the next stage has seen a record.',
      options: z.object({}),
      input: z.object({ n: z.number() }),
      output: z.object({ n: z.number() }),
      models: {},
      templates: {},
      async run(input) {
        if (input.n === 3) await lastMayFinish;
        events.push(`produced ${input.n}`);
        return [{ n: input.n }];
      },
    };
    const consume: TaskV1<unknown, { n: number }, { seen: boolean }> = {
      specificationVersion: 'v1',
      description: 'Records when it sees a record and releases the producer.',
      options: z.object({}),
      input: z.object({ n: z.number() }),
      output: z.object({ seen: z.boolean() }),
      models: {},
      templates: {},
      async run(input) {
        events.push(`consumed ${input.n}`);
        releaseLast();
        return [{ seen: true }];
      },
    };
    const plugin = definePlugin({
      specificationVersion: 'v1',
      meta: { name: 'gates', version: '1.0.0', namespace: 'gates' },
      tasks: { produce, consume },
    });
    await project.write('seeds.jsonl', '{"n":1}\n{"n":2}\n{"n":3}\n');
    const records = await collect(
      runPipeline({
        plan: await plan(
          { stages: [{ source: 'seeds.jsonl' }, { task: 'gates:produce', concurrency: 3 }, { task: 'gates:consume' }] },
          [plugin],
        ),
      }),
    );
    // Without streaming, "consumed" could only come after all three "produced", and stage 1 would
    // wait forever for the release.
    expect(records).toHaveLength(3);
    expect(events.indexOf('consumed 1')).toBeLessThan(events.indexOf('produced 3'));
  });

  it('gives every record a stable _id and _meta lineage back to the root', async () => {
    const calls: EchoCall[] = [];
    const document = {
      seed: 7,
      models: { default: 'echo:small' },
      params: { generator: { temperature: 0.3 } },
      stages: [{ task: 'test:split', options: { count: 2 } }, { task: 'test:ask', options: { style: 'brief' } }],
    };
    const first = await collect(runPipeline({ plan: await plan(document, [createTestPlugin(calls)]) }));
    const second = await collect(runPipeline({ plan: await plan(document) }));
    const byItem = (records: JsonRecord[]) => [...records].sort((a, b) => String(a.item).localeCompare(String(b.item)));
    expect(byItem(first).map((record) => record._id)).toEqual(byItem(second).map((record) => record._id));

    const [record] = byItem(first);
    expect(record).toMatchObject({ item: 'item 0', answer: 'TELL ME ABOUT ITEM 0.' });
    const meta = record?._meta as Record<string, any>;
    expect(meta.stage).toBe('ask');
    expect(meta.task).toBe('test:ask');
    expect(meta.lineage).toEqual([{ stage: 'split', id: meta.parent }]);
    expect(meta.calls).toEqual([
      {
        stage: 'ask',
        role: 'generator',
        model: 'echo:small',
        template: 'ask',
        templateHash: expect.stringMatching(/^[0-9a-f]{12}$/),
        params: { temperature: 0.3 },
        attempts: 1,
        cached: false,
        latencyMs: expect.any(Number),
        usage: { inputTokens: 5, outputTokens: 2 },
      },
    ]);
    expect(calls.map((call) => call.prompt).sort()).toEqual(['Tell me about item 0.', 'Tell me about item 1.']);
  });

  it("fills a template override's placeholders from the record's fields, under the task's and the recipe's variables", async () => {
    const calls: EchoCall[] = [];
    await project.write('seeds.jsonl', '{"item":"tea","origin":"China","style":"from the record"}\n');
    const document = {
      models: { default: 'echo:small' },
      variables: { audience: 'children' },
      stages: [{ source: 'seeds.jsonl' }, { task: 'test:ask', templates: { ask: { user: 'Tell {audience} about {item} from {origin}, {style}.' } } }],
    };
    const [record] = await collect(runPipeline({ plan: await plan(document, [createTestPlugin(calls)]) }));
    // `style` is both a record field and a variable the task passes (its option, "plain"): the task's value wins.
    expect(calls.map((call) => call.prompt)).toEqual(['Tell children about tea from China, plain.']);
    expect(record).toMatchObject({ answer: 'TELL CHILDREN ABOUT TEA FROM CHINA, PLAIN.' });
  });

  it('gives seed records ids from their content: an edit changes one id, repeated seeds stay distinct', async () => {
    const idsOf = async (lines: string[]) => {
      await project.write('seeds.jsonl', lines.map((line) => `${line}\n`).join(''));
      const records = await collect(runPipeline({ plan: await plan({ stages: [{ source: 'seeds.jsonl' }] }) }));
      return records.map((record) => record._id as string);
    };
    const original = await idsOf(['{"item":"a"}', '{"item":"b"}', '{"item":"a"}', '{"item":"c"}', '{"_id":"mine","item":"d"}']);
    expect(new Set(original).size).toBe(5);
    expect(original[4]).toBe('mine');
    // Key order and spacing are not content; rerunning the same file gives the same ids.
    const reformatted = await idsOf(['{ "item": "a" }', '{"item":"b"}', '{"item":"a"}', '{"item":"c"}', '{"_id":"mine","item":"d"}']);
    expect(reformatted).toEqual(original);
    // Editing line 2 changes its id alone; the repeated "a" keeps its id since its position is unchanged.
    const edited = await idsOf(['{"item":"a"}', '{"item":"B"}', '{"item":"a"}', '{"item":"c"}', '{"_id":"mine","item":"d"}']);
    expect(edited.filter((id, index) => id !== original[index])).toEqual([edited[1]]);
    // Inserting a line above moves the repeat, whose id then changes; every other id stays.
    const inserted = await idsOf(['{"item":"new"}', '{"item":"a"}', '{"item":"b"}', '{"item":"a"}', '{"item":"c"}']);
    expect(inserted.slice(1, 3)).toEqual(original.slice(0, 2));
    expect(inserted[4]).toBe(original[3]);
    expect(inserted[3]).not.toBe(original[2]);
  });

  it('turns filter drops and per-record failures into rejects without stopping', async () => {
    const rejects: RejectEntry[] = [];
    const statistics = new RunStatistics();
    await project.write('seeds.jsonl', '{"item":"a"}\n{"item":"a much longer item"}\n{"wrong":1}\n');
    const records = await collect(
      runPipeline({
        plan: await plan({
          models: { default: 'echo:small' },
          stages: [
            { source: 'seeds.jsonl' },
            { task: 'test:ask' },
            { filter: 'test:min-length', field: 'item', options: { min: 5 } },
          ],
        }),
        statistics,
        onReject: (entry) => {
          rejects.push(entry);
        },
      }),
    );
    expect(records.map((record) => record.item)).toEqual(['a much longer item']);
    expect(rejects.map((entry) => [entry.stage, entry.kind]).sort()).toEqual([
      ['ask', 'failed'],
      ['min-length', 'filtered'],
    ]);
    expect(rejects.find((entry) => entry.kind === 'filtered')?.reason).toBe('1 characters, fewer than 5');
    expect(rejects.find((entry) => entry.kind === 'failed')?.reason).toContain('input does not fit test:ask');
    expect(statistics.stages.map(({ name, received, emitted, filtered, failed }) => ({ name, received, emitted, filtered, failed }))).toEqual([
      { name: 'source', received: 3, emitted: 3, filtered: 0, failed: 0 },
      { name: 'ask', received: 3, emitted: 2, filtered: 0, failed: 1 },
      { name: 'min-length', received: 2, emitted: 1, filtered: 1, failed: 0 },
    ]);
    expect(statistics.totals()).toMatchObject({ calls: 2, requests: 2, failedCalls: 0, outputTokens: 4 });
  });

  it('fails a record whose filter returns a score that is neither a number nor a boolean', async () => {
    const rejects: RejectEntry[] = [];
    const plugin = definePlugin({
      specificationVersion: 'v1',
      meta: { name: 'stringy', version: '1.0.0', namespace: 'stringy' },
      filters: {
        word: {
          specificationVersion: 'v1',
          description: 'Scores with a string (a bug).',
          options: z.object({}),
          create: () => ({ specificationVersion: 'v1', score: () => 'oops' as unknown as number, keep: () => true }),
        },
      },
    });
    await project.write('seeds.jsonl', '{"text":"a"}\n');
    const records = await collect(
      runPipeline({
        plan: await plan({ stages: [{ source: 'seeds.jsonl' }, { filter: 'stringy:word' }] }, [plugin]),
        onReject: (entry) => {
          rejects.push(entry);
        },
      }),
    );
    expect(records).toEqual([]);
    expect(rejects).toEqual([expect.objectContaining({ kind: 'failed', reason: expect.stringContaining('returned a string score') })]);
  });

  it('keeps at most `concurrency` records in flight per stage', async () => {
    let active = 0;
    let maximum = 0;
    const slow: TaskV1<unknown, JsonRecord, { done: boolean }> = {
      specificationVersion: 'v1',
      description: 'Waits a little.',
      options: z.object({}),
      input: z.object({}),
      output: z.object({ done: z.boolean() }),
      models: {},
      templates: {},
      async run() {
        active++;
        maximum = Math.max(maximum, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
        return [{ done: true }];
      },
    };
    const plugin = definePlugin({ specificationVersion: 'v1', meta: { name: 'slow', version: '1.0.0', namespace: 'slow' }, tasks: { slow } });
    await project.write('seeds.jsonl', Array.from({ length: 40 }, (_, index) => JSON.stringify({ index })).join('\n'));
    const records = await collect(
      runPipeline({ plan: await plan({ stages: [{ source: 'seeds.jsonl' }, { task: 'slow:slow', concurrency: 4 }] }, [plugin]) }),
    );
    expect(records).toHaveLength(40);
    expect(maximum).toBe(4);
  });
});
