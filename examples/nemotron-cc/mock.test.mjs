// examples/nemotron-cc end to end offline, through the built CLI: one recipe routes each segment by
// its quality bucket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('nemotron-cc');
});
afterAll(() => run?.remove());

const common = ['bucketed_results', 'id', 'segment_index', 'segment_tokens', 'text', 'url'];

describe('examples/nemotron-cc with --mock', () => {
  it('sends high-quality segments to the four rewrites and the others to rephrasing, each output in its own field', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    expect(run.records).toHaveLength(4);
    const high = run.records.filter((record) => record.bucketed_results > 11);
    const low = run.records.filter((record) => record.bucketed_results <= 11);
    expect(high.map((record) => record.id).sort()).toEqual(['web-001', 'web-002']);
    expect(low.map((record) => record.id).sort()).toEqual(['web-003', 'web-004']);
    for (const record of high) {
      expect(fieldsOf(record)).toEqual([...common, 'distill', 'diverse_qa', 'extract_knowledge', 'knowledge_list'].sort());
      // Diverse QA: the segment, then the kept pairs (NeMo's layout).
      expect(record.diverse_qa.startsWith(`${record.text}\n\n`)).toBe(true);
      expect(record.diverse_qa.slice(record.text.length + 2)).toMatch(/^Question: .+ Answer: .+/);
      // The prefix is cut off, the list bullets removed.
      expect(record.distill).not.toMatch(/Paraphrased Text:/);
      expect(record.knowledge_list.split('\n').every((line) => !line.startsWith('- '))).toBe(true);
      expect(record._meta.calls.map((call) => call.stage)).toEqual(['diverse-qa', 'distill', 'extract-knowledge', 'knowledge-list']);
      expect(record._meta.lineage.map((entry) => entry.stage)).toEqual(['source', 'segments', 'diverse-qa', 'distill', 'extract-knowledge']);
      expect(record._meta.stage).toBe('knowledge-list');
    }
    for (const record of low) {
      expect(fieldsOf(record)).toEqual([...common, 'rephrased'].sort());
      expect(record.rephrased).not.toMatch(/^Here is a paraphrased version:/);
      expect(record._meta.calls.map((call) => call.stage)).toEqual(['rephrase']);
      // The stages it was routed around leave no trace in its lineage.
      expect(record._meta.lineage.map((entry) => entry.stage)).toEqual(['source', 'segments']);
      expect(record._meta.stage).toBe('rephrase');
    }
  });

  it('costs 4 requests per high-quality segment and 1 per other: 10; run.json counts the routed-around records as skipped', () => {
    expect(run.report.requests).toMatchObject({ calls: 2 * 4 + 2 * 1, failedCalls: 0 });
    const skipped = Object.fromEntries(run.report.stages.map((stage) => [stage.name, stage.skipped ?? 0]));
    expect(skipped).toMatchObject({ 'diverse-qa': 2, distill: 2, 'extract-knowledge': 2, 'knowledge-list': 2, rephrase: 2 });
  });
});
