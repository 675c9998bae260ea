// examples/nemotron-cc end to end offline, through the built CLI: one recipe routes each document by
// its quality bucket, high-quality ones cut into segments for four rewrites, the others rephrased whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('nemotron-cc');
});
afterAll(() => run?.remove());

const common = ['bucketed_results', 'id', 'text', 'url'];

describe('examples/nemotron-cc with --mock', () => {
  it('sends high-quality segments to the four rewrites and the other documents to rephrasing, each output in its own field', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    expect(run.records).toHaveLength(4);
    const high = run.records.filter((record) => record.bucketed_results > 11);
    const low = run.records.filter((record) => record.bucketed_results <= 11);
    expect(high.map((record) => record.id).sort()).toEqual(['web-001', 'web-002']);
    expect(low.map((record) => record.id).sort()).toEqual(['web-003', 'web-004']);
    for (const record of high) {
      expect(fieldsOf(record)).toEqual([...common, 'distill', 'diverse_qa', 'extract_knowledge', 'knowledge_list', 'segment_index', 'segment_tokens'].sort());
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
      expect(fieldsOf(record)).toEqual([...common, 'rephrased', 'segments', 'segments_rephrased'].sort());
      expect(record.rephrased).not.toMatch(/Here is a paraphrased version:/);
      // One request per segment, all in the document's record; the stages it was routed around leave no trace in its lineage.
      expect(record._meta.calls.map((call) => [call.stage, call.template])).toEqual(Array(record.segments).fill(['rephrase-document', 'rephrase']));
      expect(record._meta.lineage.map((entry) => entry.stage)).toEqual(['source']);
      expect(record._meta.stage).toBe('rephrase-document');
    }
  });

  it('rephrases the long low-quality document in two segments and joins them back in order, one line break between', () => {
    const forum = run.records.find((record) => record.id === 'web-004');
    expect(forum).toMatchObject({ segments: 2, segments_rephrased: 2 });
    const [first, second] = forum.rephrased.split('\n');
    expect(forum.rephrased.split('\n')).toHaveLength(2);
    // The mock rewrites a segment from its own sentences: the first starts the thread, the second is its last line.
    expect(first).toMatch(/^Re: best way to store winter tyres\?/);
    expect(second).toMatch(/^Last winter I skipped all this/);
    expect(run.records.find((record) => record.id === 'web-003')).toMatchObject({ segments: 1, segments_rephrased: 1 });
  });

  it('costs 4 requests per high-quality segment and 1 per segment of the others: 11; run.json counts the routed-around records as skipped', () => {
    expect(run.report.requests).toMatchObject({ calls: 2 * 4 + 1 + 2, failedCalls: 0 });
    const skipped = Object.fromEntries(run.report.stages.map((stage) => [stage.name, stage.skipped ?? 0]));
    expect(skipped).toMatchObject({ segments: 2, 'diverse-qa': 2, distill: 2, 'extract-knowledge': 2, 'knowledge-list': 2, 'rephrase-document': 2 });
    expect(run.report.tokens).toMatchObject({ input: 3686, output: 2260 });
  });
});
