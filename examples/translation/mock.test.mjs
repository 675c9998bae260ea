// examples/translation end to end offline, through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('translation');
});
afterAll(() => run?.remove());

describe('examples/translation with --mock', () => {
  it('writes one record per instruction and language, in the order of languages, with one request each', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    expect(run.records).toHaveLength(9);
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['id', 'language', 'text', 'translation']);
      // The mock cannot translate: it marks the text with the language it was asked for.
      expect(record.translation).toBe(`[${record.language}] ${record.text}`);
    }
    for (const id of ['ins-1', 'ins-2', 'ins-3']) {
      expect(run.records.filter((record) => record.id === id).map((record) => record.language)).toEqual(['French', 'German', 'Spanish']);
    }
    expect(run.report.requests).toMatchObject({ calls: 9, failedCalls: 0 });
  });
});
