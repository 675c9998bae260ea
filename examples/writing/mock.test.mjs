// examples/writing end to end offline: `synthkit run examples/writing/recipe.yaml --mock` through the
// built CLI, checking the documented record shape, the counts and run.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('writing');
});
afterAll(() => run?.remove());

describe('examples/writing with --mock', () => {
  it('writes 3 topics × 2 kinds × 2 tasks × 2 revisions = 24 records of the documented shape, no reject', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Done: 24 records');
    expect(run.rejects).toEqual([]);
    expect(run.records).toHaveLength(24);
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['openline', 'revision', 'text_material_type', 'topic']);
      expect(['poem', 'letter']).toContain(record.text_material_type);
      // The task names its kind of text and topic; each revision is the task with requirements added.
      expect(record.openline.toLowerCase()).toContain(`${record.text_material_type} about ${record.topic.toLowerCase()}`);
      expect(record.revision.startsWith(`${record.openline} `)).toBe(true);
      expect(record._meta.lineage.map((entry) => entry.stage)).toEqual(['source', 'writing-tasks']);
    }
    expect(new Set(run.records.map((record) => record.revision)).size).toBe(24);
    expect(new Set(run.records.map((record) => `${record.topic}/${record.text_material_type}`)).size).toBe(6);
  });

  it('costs what the README says: 18 requests (6 task lists + 12 revision lists), no converter call', () => {
    expect(run.report.status).toBe('completed');
    expect(run.report.requests).toMatchObject({ calls: 18, total: 18, failedCalls: 0 });
    expect(run.report.stages.map((stage) => [stage.name, stage.received, stage.emitted])).toEqual([
      ['source', 3, 3],
      ['writing-tasks', 3, 12],
      ['writing-task-revisions', 12, 24],
    ]);
    expect(run.report.tokens.input).toBeGreaterThan(0);
  });
});
