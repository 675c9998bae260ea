import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonRecord } from '@synthkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonlReader } from './create-jsonl-reader';
import { JsonlParseError } from './jsonl-parse-error';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'synthkit-jsonl-reader-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('createJsonlReader', () => {
  it('is a DatasetReaderV1 that streams the file, and can be read again', async () => {
    const path = join(directory, 'seed.jsonl');
    await writeFile(path, '{"topic":"tides"}\n{"topic":"volcanoes"}\n');
    const reader = createJsonlReader({ path });
    expect(reader.specificationVersion).toBe('v1');
    expect(reader.path).toBe(path);
    for (let pass = 0; pass < 2; pass += 1) {
      const records: JsonRecord[] = [];
      for await (const record of reader.read({})) records.push(record);
      expect(records).toEqual([{ topic: 'tides' }, { topic: 'volcanoes' }]);
    }
  });

  it('passes the abort signal on', async () => {
    const path = join(directory, 'seed.jsonl');
    await writeFile(path, '{"a":1}\n{"a":2}\n{"a":3}\n');
    const controller = new AbortController();
    const records: JsonRecord[] = [];
    const reading = (async () => {
      for await (const record of createJsonlReader({ path }).read({ signal: controller.signal })) {
        records.push(record);
        controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(records).toEqual([{ a: 1 }]);
  });

  it('raises the errors of readJsonl while iterating', async () => {
    const path = join(directory, 'bad.jsonl');
    await writeFile(path, '{"a":1}\nnot json\n');
    const iterate = async () => {
      for await (const record of createJsonlReader({ path }).read({})) expect(record).toEqual({ a: 1 });
    };
    await expect(iterate()).rejects.toSatisfy((error: unknown) => JsonlParseError.isInstance(error) && error.line === 2);
  });
});
