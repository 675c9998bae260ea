import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlParseError } from './jsonl-parse-error';
import { sampleJsonlRecords } from './sample-jsonl-records';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

const lines = (count: number) => Array.from({ length: count }, (_, index) => JSON.stringify({ topic: `topic ${index}`, index })).join('\n');

describe('sampleJsonlRecords', () => {
  it('reads a whole small file, skipping a byte order mark, blank lines and \\r', async () => {
    const path = await project.write('seeds.jsonl', `\uFEFF{"a":1}\r\n\n   \n{"a":2}\n`);
    expect(sampleJsonlRecords(path)).toEqual({ records: [{ a: 1 }, { a: 2 }], complete: true });
  });

  it('stops at maxRecords and at maxBytes, leaving out a line the limit cuts', async () => {
    const path = await project.write('seeds.jsonl', `${lines(50)}\n`);
    expect(sampleJsonlRecords(path, { maxRecords: 3 })).toEqual({
      records: [{ topic: 'topic 0', index: 0 }, { topic: 'topic 1', index: 1 }, { topic: 'topic 2', index: 2 }],
      complete: false,
    });
    const cut = sampleJsonlRecords(path, { maxBytes: 70 });
    expect(cut.complete).toBe(false);
    expect(cut.records).toEqual([{ topic: 'topic 0', index: 0 }, { topic: 'topic 1', index: 1 }]);
  });

  it('reads the start of a gzip file, whole or cut by the byte limit', async () => {
    const path = join(project.directory, 'seeds.jsonl.gz');
    await writeFile(path, gzipSync(`${lines(2000)}\n`));
    const whole = sampleJsonlRecords(path, { maxRecords: 5000, maxBytes: 10 * 1024 * 1024 });
    expect(whole).toMatchObject({ complete: true });
    expect(whole.records).toHaveLength(2000);
    const start = sampleJsonlRecords(path, { maxBytes: 2000 });
    expect(start.complete).toBe(false);
    expect(start.records.length).toBeGreaterThan(10);
    expect(start.records[10]).toEqual({ topic: 'topic 10', index: 10 });
  });

  it('names the file and line of a line that is not a JSON object', async () => {
    const path = await project.write('seeds.jsonl', '{"a":1}\n\n[1,2]\n');
    const error = (() => {
      try {
        sampleJsonlRecords(path);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(JsonlParseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(`${path}:3: expected a JSON object on each line, got an array (line starts: [1,2])`);
  });
});
