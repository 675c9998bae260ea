import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import openAIPlugin from '@synthkit/provider-openai';
import { createOpenAITestServer, createTemporaryProject, textRule, type OpenAITestServer, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileRecipe } from '../recipe/compile-recipe';
import { createRegistry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { runRecipe } from './run-recipe';

let project: TemporaryProject;
const servers: OpenAITestServer[] = [];
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await project.remove();
});

/** Answers every prompt with itself, upper-cased: a deterministic model. */
const shout = textRule({ match: /[\s\S]*/, answer: (match) => match[0].toUpperCase() });

/** 800 items, each asked about twice (two stages): 1,600 model calls. */
async function runAgainst(server: OpenAITestServer, out: string) {
  const registry = await createRegistry({ plugins: [createTestPlugin(), openAIPlugin], discover: false });
  const plan = compileRecipe({
    registry,
    directory: project.directory,
    document: {
      models: { default: 'openai:m' },
      providers: { openai: { baseURL: server.baseURL, apiKey: 'sk-test' } },
      // A stalled request is abandoned after 2 s of silence: long enough that a machine loaded
      // many times over its cores (seen: load 24 on 4 cores) never times out a normal answer.
      endpoints: { default: { concurrency: 32, timeout_ms: 2000 } },
      stages: [
        { task: 'test:split', options: { count: 800 } },
        { task: 'test:ask', name: 'first' },
        { task: 'test:ask', name: 'second', options: { style: 'brief' } },
      ],
    },
  });
  const report = await runRecipe({ plan, out: join(project.directory, out) });
  const lines = (file: string) =>
    readFile(join(project.directory, out, file), 'utf8').then((text) =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    );
  return { report, records: await lines('data.jsonl'), rejects: await lines('rejects.jsonl') };
}

describe('a run against an endpoint that fails 20% of its requests in every way', () => {
  it('ends with exactly the record set of a clean run, every request accounted for', { timeout: 120_000 }, async () => {
    const faulty = await createOpenAITestServer({ rules: [shout], faults: { rate: 0.2, seed: 11, maxPerRequest: 3 } });
    const clean = await createOpenAITestServer({ rules: [shout] });
    servers.push(faulty, clean);

    const withFaults = await runAgainst(faulty, 'faulty');
    const reference = await runAgainst(clean, 'clean');

    // Every kind of fault happened (stalls, resets, cut streams, malformed and HTML bodies, 429s, 5xx...).
    expect(Object.keys(faulty.faultCounts).sort()).toEqual(
      ['empty-choices', 'html', 'malformed-json', 'missing-choices', 'reset', 'stall', 'truncated-stream', '429', '500', '502', '503'].sort(),
    );
    expect(Object.entries(faulty.faultCounts).filter(([, count]) => count === 0)).toEqual([]);
    expect(faulty.faultsInjected).toBeGreaterThan(250);
    expect(faulty.requests.length).toBeGreaterThan(1600 + 250);

    const bySet = (records: ReadonlyArray<Record<string, unknown>>) =>
      records.map(({ _id, item, answer }) => JSON.stringify({ _id, item, answer })).sort();
    expect(withFaults.rejects).toEqual([]);
    expect(withFaults.records).toHaveLength(800);
    expect(bySet(withFaults.records)).toEqual(bySet(reference.records));

    const { report } = withFaults;
    expect(report.status).toBe('completed');
    for (const stage of report.stages) {
      expect(stage.received).toBe(stage.completed + stage.filtered + stage.rejected + stage.failed + stage.cancelled);
    }
    expect(report.requests).toMatchObject({ calls: 1600, failedCalls: 0 });
    expect(report.requests.total).toBe(1600 + report.requests.retries);
    // Every request the server saw was counted (the engine may count a few more: an attempt that
    // timed out on a loaded client before it reached the server).
    expect(report.requests.total).toBeGreaterThanOrEqual(faulty.requests.length);
    expect(faulty.maxInFlight).toBeLessThanOrEqual(32);
  });
});
