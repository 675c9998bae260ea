// examples/closed-qa end to end offline: a folder of documents as the source, through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock, synthkit } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('closed-qa');
});
afterAll(() => run?.remove());

const documents = ['documents/bicycle-maintenance.md', 'documents/community-garden.md', 'documents/notes/library-card.txt'];

describe('examples/closed-qa with --mock', () => {
  it('reads each file of documents/ as one record, in path order, and writes 3 instructions per document', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    expect(run.records).toHaveLength(9);
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['openline', 'path', 'text']);
      expect(documents).toContain(record.path);
      expect(record.text.length).toBeGreaterThan(200);
      expect(record.openline).toMatch(/\bdocument\b/);
      // The instruction's parent is its document's record: NeMo's (document index, question) pair.
      expect(record._meta.lineage).toEqual([{ stage: 'source', id: record._meta.parent }]);
    }
    for (const path of documents) expect(run.records.filter((record) => record.path === path)).toHaveLength(3);
    expect(run.report.stages.map((stage) => [stage.name, stage.emitted])).toEqual([
      ['source', 3],
      ['closed-qa-instructions', 9],
    ]);
    expect(run.report.requests).toMatchObject({ calls: 3, total: 3, failedCalls: 0 });
  });

  it('validate knows the documents: 3 files, and the fields text and path', async () => {
    const result = await synthkit(['validate', 'examples/closed-qa/recipe.yaml', '--mock']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('is valid');
    const dryRun = await synthkit(['run', 'examples/closed-qa/recipe.yaml', '--mock', '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('"path":"documents/bicycle-maintenance.md"');
    expect(dryRun.stdout).toContain('# Looking after a bicycle chain');
  });
});
