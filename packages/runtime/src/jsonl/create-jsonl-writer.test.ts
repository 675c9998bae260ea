import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { JsonRecord } from '@synthkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonlWriter } from './create-jsonl-writer';
import { JsonlWriteError } from './jsonl-write-error';
import { readJsonl } from './read-jsonl';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'synthkit-jsonl-writer-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function readAll(path: string): Promise<JsonRecord[]> {
  const records: JsonRecord[] = [];
  for await (const record of readJsonl(path)) records.push(record);
  return records;
}

async function writeAll(path: string, records: ReadonlyArray<JsonRecord>, options?: { append?: boolean }): Promise<void> {
  const writer = createJsonlWriter(path, options);
  for (const record of records) await writer.write(record);
  await writer.commit();
}

/** Temporary files the writers left in `folder`. */
async function temporaryFiles(folder = directory): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.tmp'));
}

async function rejection(promise: PromiseLike<unknown>): Promise<JsonlWriteError> {
  try {
    await promise;
  } catch (error) {
    expect(JsonlWriteError.isInstance(error)).toBe(true);
    return error as JsonlWriteError;
  }
  throw new Error('expected a JsonlWriteError');
}

describe('createJsonlWriter', () => {
  it('writes one compact JSON object per line with \\n endings', async () => {
    const path = join(directory, 'data.jsonl');
    await writeAll(path, [{ a: 1, b: 'two' }, { nested: { list: [1, null, true], empty: {} } }]);
    expect(await readFile(path, 'utf8')).toBe('{"a":1,"b":"two"}\n{"nested":{"list":[1,null,true],"empty":{}}}\n');
  });

  it('round-trips unicode, escapes and nested objects', async () => {
    const path = join(directory, 'unicode.jsonl');
    const records: JsonRecord[] = [
      { text: '日本語 🙂 é', multiline: 'line one\nline two\r\n\ttabbed', quote: '"\\' },
      { separators: 'a\u2028b\u2029c', deep: { a: { b: { c: [[[{ d: 'e' }]]] } } } },
      { number: -1.5e-7, big: 9007199254740991, empty: '', nothing: null },
    ];
    await writeAll(path, records);
    expect(await readAll(path)).toEqual(records);
  });

  it('round-trips 10,000 records and counts them', async () => {
    const path = join(directory, 'many.jsonl');
    const records = Array.from({ length: 10_000 }, (_, index) => ({ index, text: `record ${index}`, tags: [index % 7] }));
    const writer = createJsonlWriter(path);
    for (const record of records) await writer.write(record);
    expect(writer.count).toBe(10_000);
    await writer.commit();
    expect(await readAll(path)).toEqual(records);
  });

  it('drops fields whose value is undefined, as JSON.stringify does', async () => {
    const path = join(directory, 'undefined.jsonl');
    await writeAll(path, [{ kept: 1, dropped: undefined } as unknown as JsonRecord]);
    expect(await readFile(path, 'utf8')).toBe('{"kept":1}\n');
  });

  it('exposes its path and specification version', () => {
    const path = join(directory, 'x.jsonl');
    const writer = createJsonlWriter(path);
    expect(writer.path).toBe(path);
    expect(writer.specificationVersion).toBe('v1');
    expect(writer.count).toBe(0);
    return writer.abort();
  });

  it('creates missing parent directories', async () => {
    const path = join(directory, 'a', 'b', 'c', 'data.jsonl');
    await writeAll(path, [{ ok: true }]);
    expect(await readAll(path)).toEqual([{ ok: true }]);
  });

  it('commits an empty file when nothing was written, replacing any old content', async () => {
    const path = join(directory, 'empty.jsonl');
    await writeAll(path, []);
    expect(await readFile(path, 'utf8')).toBe('');
    await writeFile(path, '{"old":true}\n');
    await writeAll(path, []);
    expect(await readFile(path, 'utf8')).toBe('');
  });

  describe('atomic commit', () => {
    it('keeps the old content visible until commit, then replaces it in one step', async () => {
      const path = join(directory, 'data.jsonl');
      await writeFile(path, '{"old":1}\n');
      const writer = createJsonlWriter(path);
      await writer.write({ new: 1 });
      await writer.write({ new: 2 });
      expect(await readFile(path, 'utf8')).toBe('{"old":1}\n');
      const [temporary] = await temporaryFiles();
      expect(temporary).toMatch(new RegExp(`^\\.data\\.jsonl\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));

      await writer.commit();
      expect(await readFile(path, 'utf8')).toBe('{"new":1}\n{"new":2}\n');
      expect(await temporaryFiles()).toEqual([]);
    });

    it('leaves no file at the destination before commit when there was none', async () => {
      const path = join(directory, 'fresh.jsonl');
      const writer = createJsonlWriter(path);
      await writer.write({ a: 1 });
      expect(await readdir(directory)).not.toContain('fresh.jsonl');
      await writer.commit();
      expect(await readdir(directory)).toContain('fresh.jsonl');
    });
  });

  describe('commit failure', () => {
    it('keeps a finished temporary file when it cannot be moved into place, and says where it is', async () => {
      const destination = join(directory, 'data.jsonl');
      await mkdir(destination); // a folder in the way: rename fails after the file is complete
      const writer = createJsonlWriter(destination);
      await writer.write({ a: 1 });
      await writer.write({ a: 2 });
      const error = await rejection(writer.commit());
      expect(error.message).toContain('All 2 records are kept in');
      const [kept] = await temporaryFiles();
      expect(kept).toBeDefined();
      expect(error.message).toContain(kept);
      expect(await readAll(join(directory, kept!))).toEqual([{ a: 1 }, { a: 2 }]);
    });
  });

  describe('abort', () => {
    it('removes the temporary file and creates no destination', async () => {
      const path = join(directory, 'aborted.jsonl');
      const writer = createJsonlWriter(path);
      await writer.write({ a: 1 });
      expect(await temporaryFiles()).toHaveLength(1);
      await writer.abort();
      expect(await readdir(directory)).toEqual([]);
    });

    it('leaves an existing destination untouched', async () => {
      const path = join(directory, 'kept.jsonl');
      await writeFile(path, '{"old":1}\n');
      const writer = createJsonlWriter(path);
      await writer.write({ new: 1 });
      await writer.abort();
      expect(await readFile(path, 'utf8')).toBe('{"old":1}\n');
      expect(await temporaryFiles()).toEqual([]);
    });

    it('works right after creation, twice, and after a commit (where it does nothing)', async () => {
      const immediately = createJsonlWriter(join(directory, 'immediate.jsonl'));
      await immediately.abort();
      await immediately.abort();
      expect(await readdir(directory)).toEqual([]);

      const committed = createJsonlWriter(join(directory, 'committed.jsonl'));
      await committed.write({ a: 1 });
      await committed.commit();
      await committed.abort();
      expect(await readAll(join(directory, 'committed.jsonl'))).toEqual([{ a: 1 }]);
    });

    it('rejects writes that were still pending', async () => {
      const writer = createJsonlWriter(join(directory, 'pending.jsonl'));
      const large = { text: 'x'.repeat(1024 * 1024) };
      const pending = Array.from({ length: 20 }, () => writer.write(large));
      const settled = Promise.allSettled(pending);
      await writer.abort();
      const results = await settled;
      expect(results.some((result) => result.status === 'rejected')).toBe(true);
      expect(await readdir(directory)).toEqual([]);
    });
  });

  describe('append mode', () => {
    it('keeps the existing records and adds the new ones after them, atomically', async () => {
      const path = join(directory, 'log.jsonl');
      await writeAll(path, [{ n: 1 }, { n: 2 }]);
      const writer = createJsonlWriter(path, { append: true });
      await writer.write({ n: 3 });
      expect(await readAll(path)).toEqual([{ n: 1 }, { n: 2 }]);
      await writer.commit();
      expect(writer.count).toBe(1);
      expect(await readAll(path)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(await temporaryFiles()).toEqual([]);
    });

    it('creates the file when it does not exist', async () => {
      const path = join(directory, 'new.jsonl');
      await writeAll(path, [{ n: 1 }], { append: true });
      expect(await readFile(path, 'utf8')).toBe('{"n":1}\n');
    });

    it('starts a new line when the existing file does not end with one', async () => {
      const path = join(directory, 'hand-edited.jsonl');
      await writeFile(path, '{"n":1}');
      await writeAll(path, [{ n: 2 }], { append: true });
      expect(await readFile(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    });

    it('leaves the existing file as it was when aborted', async () => {
      const path = join(directory, 'log.jsonl');
      await writeFile(path, '{"n":1}\n');
      const writer = createJsonlWriter(path, { append: true });
      await writer.write({ n: 2 });
      await writer.abort();
      expect(await readFile(path, 'utf8')).toBe('{"n":1}\n');
      expect(await temporaryFiles()).toEqual([]);
    });
  });

  describe('misuse and invalid records', () => {
    it('rejects a write after commit, saying why', async () => {
      const path = join(directory, 'done.jsonl');
      const writer = createJsonlWriter(path);
      await writer.commit();
      const error = await rejection(writer.write({ late: true }));
      expect(error.message).toBe(
        `Cannot write to JSONL writer for "${path}": it was already committed. Create a new writer to write again.`,
      );
    });

    it('rejects a write after abort', async () => {
      const writer = createJsonlWriter(join(directory, 'aborted.jsonl'));
      await writer.abort();
      expect((await rejection(writer.write({ late: true }))).message).toContain('it was aborted');
    });

    it('rejects a second commit and a commit after abort', async () => {
      const writer = createJsonlWriter(join(directory, 'twice.jsonl'));
      const first = writer.commit();
      expect((await rejection(writer.commit())).message).toContain('Cannot commit JSONL writer');
      await first;
      expect((await rejection(writer.commit())).message).toContain('it was already committed');

      const aborted = createJsonlWriter(join(directory, 'aborted.jsonl'));
      await aborted.abort();
      expect((await rejection(aborted.commit())).message).toContain('it was aborted');
    });

    it('names the index of a record with a BigInt, skips it and stays usable', async () => {
      const path = join(directory, 'bigint.jsonl');
      const writer = createJsonlWriter(path);
      await writer.write({ n: 0 });
      const error = await rejection(writer.write({ n: 10n } as unknown as JsonRecord));
      expect(error.recordIndex).toBe(1);
      expect(error.file).toBe(path);
      expect(error.message).toContain(`Cannot write record 1 (counted from 0) to "${path}"`);
      expect(error.message).toContain('BigInt');
      await writer.write({ n: 2 });
      await writer.commit();
      expect(writer.count).toBe(2);
      expect(await readAll(path)).toEqual([{ n: 0 }, { n: 2 }]);
    });

    it('names the index of a record with a cycle', async () => {
      const writer = createJsonlWriter(join(directory, 'cycle.jsonl'));
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = cyclic;
      const error = await rejection(writer.write(cyclic as JsonRecord));
      expect(error.recordIndex).toBe(0);
      expect(error.message).toMatch(/circular/i);
      await writer.abort();
    });

    it('rejects a record that is not an object', async () => {
      const writer = createJsonlWriter(join(directory, 'array.jsonl'));
      const error = await rejection(writer.write([1, 2] as unknown as JsonRecord));
      expect(error.message).toContain('each record must be a JSON object, got [1,2]');
      await writer.abort();
    });

    it('reports a destination it cannot create on the first write and on commit', async () => {
      const blocker = join(directory, 'not-a-directory');
      await writeFile(blocker, 'file');
      const writer = createJsonlWriter(join(blocker, 'data.jsonl'));
      const writeError = await rejection(writer.write({ a: 1 }));
      expect(writeError.message).toContain(`Cannot create "${join(blocker, 'data.jsonl')}"`);
      expect((writeError.cause as NodeJS.ErrnoException).code).toMatch(/^(ENOTDIR|EEXIST)$/);
      await rejection(writer.commit());
      await writer.abort();
    });
  });

  describe('backpressure', () => {
    it('writes many large records in order, waiting for the stream to drain', async () => {
      const path = join(directory, 'large.jsonl');
      const writer = createJsonlWriter(path);
      const size = 256 * 1024;
      for (let index = 0; index < 64; index += 1) {
        await writer.write({ index, text: String.fromCharCode(97 + (index % 26)).repeat(size) });
      }
      await writer.commit();
      const records = await readAll(path);
      expect(records).toHaveLength(64);
      records.forEach((record, index) => {
        expect(record.index).toBe(index);
        expect(record.text).toBe(String.fromCharCode(97 + (index % 26)).repeat(size));
      });
    });

    it('keeps call order when writes are not awaited one by one', async () => {
      const path = join(directory, 'concurrent.jsonl');
      const writer = createJsonlWriter(path);
      const padding = 'p'.repeat(4096);
      await Promise.all(Array.from({ length: 2000 }, (_, index) => writer.write({ index, padding })));
      expect(writer.count).toBe(2000);
      await writer.commit();
      expect((await readAll(path)).map((record) => record.index)).toEqual(Array.from({ length: 2000 }, (_, index) => index));
    });
  });

  describe('gzip output', () => {
    it('compresses when the path ends in .gz, and appends a new gzip member', async () => {
      const path = join(directory, 'data.jsonl.gz');
      await writeAll(path, [{ n: 1 }, { text: 'é' }]);
      expect(gunzipSync(await readFile(path)).toString('utf8')).toBe('{"n":1}\n{"text":"é"}\n');
      await writeAll(path, [{ n: 3 }], { append: true });
      expect(await readAll(path)).toEqual([{ n: 1 }, { text: 'é' }, { n: 3 }]);
    });
  });
});
