// examples/closed-qa end to end offline: a folder of documents as the source, through the built CLI.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
      expect(fieldsOf(record)).toEqual(['document_id', 'openline', 'path', 'text']);
      expect(documents).toContain(record.path);
      expect(record.text.length).toBeGreaterThan(200);
      expect(record.openline).toMatch(/\bdocument\b/);
      // The instruction names its document's record: NeMo's (document index, question) pair.
      expect(record.document_id).toBe(record._meta.parent);
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

  it('refuses a folder with a binary file or no match, naming the file and the fix (exit 2)', async () => {
    // Written beside recipe.yaml so that this folder's plugins are found.
    const here = dirname(fileURLToPath(import.meta.url));
    const folder = `.mock-binary-${process.pid}`;
    const recipe = join(here, `${folder}.yaml`);
    await mkdir(join(here, folder), { recursive: true });
    await writeFile(join(here, folder, 'a.md'), 'A short document about tides and the moon, long enough to ask about.');
    await writeFile(join(here, folder, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    try {
      await writeFile(recipe, `stages:\n  - source: ${folder}/\n  - task: nemotron:closed-qa-instructions\n    options: { n_openlines: 1 }\n`);
      for (const command of [['validate', recipe, '--mock'], ['run', recipe, '--mock', '--dry-run']]) {
        const result = await synthkit(command);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`stages[0].source: source "${folder}/": ${folder}/scan.png is not a text file (a NUL byte at offset 8)`);
        expect(result.stderr).toContain('narrow the pattern to them');
      }
      await writeFile(recipe, `stages:\n  - source: "${folder}/*.txt"\n  - task: nemotron:closed-qa-instructions\n    options: { n_openlines: 1 }\n`);
      const noMatch = await synthkit(['validate', recipe, '--mock']);
      expect(noMatch.code).toBe(2);
      expect(noMatch.stderr).toContain(`matches ${folder}/*.txt, so a run would produce nothing`);
    } finally {
      await rm(recipe, { force: true });
      await rm(join(here, folder), { recursive: true, force: true });
    }
  });
});
