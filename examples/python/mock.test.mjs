// examples/python end to end offline, through the built CLI: the classifier's rejects are explained.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('python');
});
afterAll(() => run?.remove());

describe('examples/python with --mock', () => {
  it('keeps only the topics classified as Python, 2 intermediate problems each, the others rejected with the reason', () => {
    expect(run.code).toBe(0);
    const stages = Object.fromEntries(run.report.stages.map((stage) => [stage.name, stage]));
    expect(stages['python-subtopics'].emitted).toBe(8);
    const kept = stages['python-entity-classification'].emitted;
    expect(kept + run.rejects.length).toBe(8);
    // With this recipe and seed the mock says "No" to 2 topics.
    expect(run.rejects).toHaveLength(2);
    expect(run.records).toHaveLength(2 * kept);
    for (const reject of run.rejects) {
      expect(reject).toMatchObject({ stage: 'python-entity-classification', kind: 'rejected' });
      expect(reject.reason).toMatch(/^classified as not Python or computer science: ".+" \(keep: matching\)$/);
    }
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['is_python', 'macro_topic', 'openline', 'topic']);
      expect(record.is_python).toBe(true);
      expect(record.openline).toMatch(/\bPython (?:function|program|class|script)\b/);
      expect(record._meta.calls.at(-1)).toMatchObject({ stage: 'python-problems', template: 'python-problems-intermediate' });
    }
    expect(run.report.requests).toMatchObject({ calls: 1 + 2 + 8 + kept, failedCalls: 0 });
  });
});
