// examples/own-data end to end offline, through the built CLI: a template over the record's fields,
// JSON checked against the recipe's JSON Schema, and a fields stage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock, synthkit } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('own-data');
});
afterAll(() => run?.remove());

describe('examples/own-data with --mock', () => {
  it('writes { ticket, message, triage } per ticket, the triage fitting the schema', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    expect(run.records.map((record) => record.ticket)).toEqual(['T-1042', 'T-1043', 'T-1044']);
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['message', 'ticket', 'triage']);
      expect(Object.keys(record.triage).sort()).toEqual(['category', 'reply', 'summary', 'urgency']);
      expect(['defect', 'question', 'safety', 'other']).toContain(record.triage.category);
      expect(Number.isInteger(record.triage.urgency) && record.triage.urgency >= 1 && record.triage.urgency <= 5).toBe(true);
      expect(record.triage.summary.length).toBeGreaterThanOrEqual(10);
      expect(record.triage.reply.length).toBeGreaterThanOrEqual(20);
    }
    expect(run.report.requests).toMatchObject({ calls: 3, failedCalls: 0 });
  });

  it('the template reads the record\'s fields and the recipe\'s variable: the prompts show them', async () => {
    const dryRun = await synthkit(['run', 'examples/own-data/recipe.yaml', '--mock', '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("You triage customer messages for Brightwell Appliances's support team.");
    expect(dryRun.stdout).toContain('A customer wrote about their Kettle KX-2:');
  });
});
