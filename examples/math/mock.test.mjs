// examples/math end to end offline, through the built CLI: the classifier's rejects are explained.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('math');
});
afterAll(() => run?.remove());

describe('examples/math with --mock', () => {
  it('keeps only the topics classified as math, 2 problems each, and puts the others in rejects.jsonl with the reason', () => {
    expect(run.code).toBe(0);
    const stages = Object.fromEntries(run.report.stages.map((stage) => [stage.name, stage]));
    // 2 macro topics × (3 subtopics + the macro topic) = 8 topics classified.
    expect(stages['math-subtopics'].emitted).toBe(8);
    const kept = stages['math-entity-classification'].emitted;
    expect(kept + run.rejects.length).toBe(8);
    // The mock says "No" about one time in four; with this recipe and seed, to 1 topic.
    expect(run.rejects).toHaveLength(1);
    expect(run.records).toHaveLength(2 * kept);
    for (const reject of run.rejects) {
      expect(reject).toMatchObject({ stage: 'math-entity-classification', kind: 'rejected', details: { field: 'topic' } });
      expect(reject.reason).toMatch(/^classified as not math: ".+" \(keep: matching\)$/);
    }
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['is_math', 'macro_topic', 'openline', 'topic']);
      expect(record.is_math).toBe(true);
      expect(record.topic.toLowerCase()).toContain(record.macro_topic.toLowerCase());
      expect(record.openline).toContain(record.topic.toLowerCase());
    }
  });

  it('costs 1 + 2 + 8 + kept requests: macro topics, subtopics, one verdict per topic, one problem list per kept topic', () => {
    const kept = run.records.length / 2;
    expect(run.report.requests).toMatchObject({ calls: 1 + 2 + 8 + kept, failedCalls: 0 });
  });
});
