// examples/open-qa-pairs end to end offline, through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('open-qa-pairs');
});
afterAll(() => run?.remove());

describe('examples/open-qa-pairs with --mock', () => {
  it('ends the open-QA pipeline in answered pairs, as chat messages, with every call of the chain in _meta', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    // 2 macro topics × (2 subtopics + the macro topic itself) × 2 questions × 1 revision.
    expect(run.records).toHaveLength(12);
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['messages', 'prompt', 'response', 'topic']);
      expect(record.messages).toEqual([
        { role: 'user', content: record.prompt },
        { role: 'assistant', content: record.response },
      ]);
      expect(record.response.trim().length).toBeGreaterThan(0);
      expect(record._meta.calls.map((call) => call.stage)).toEqual(['macro-topics', 'subtopics', 'open-qa-questions', 'open-qa-revisions', 'answer']);
      // The fields stage rewrites records in place (same _id), so it adds no step of its own.
      expect(record._meta.lineage.map((entry) => entry.stage)).toEqual(['macro-topics', 'subtopics', 'open-qa-questions', 'open-qa-revisions', 'answer']);
      expect(record._meta).toMatchObject({ stage: 'messages', task: 'quality:messages' });
    }
    expect(new Set(run.records.map((record) => record.prompt)).size).toBe(12);
    // 1 + 2 + 6 + 12 + 12: every list read locally, no converter call.
    expect(run.report.requests).toMatchObject({ calls: 33, failedCalls: 0 });
    expect(run.report.stages.map((stage) => [stage.name, stage.emitted])).toEqual([
      ['macro-topics', 2],
      ['subtopics', 6],
      ['open-qa-questions', 12],
      ['open-qa-revisions', 12],
      ['answer', 12],
      ['fields', 12],
      ['messages', 12],
    ]);
  });
});
