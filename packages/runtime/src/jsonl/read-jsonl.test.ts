import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InvalidArgumentError, SynthkitError, type JsonRecord } from '@synthkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlParseError } from './jsonl-parse-error';
import { readJsonl } from './read-jsonl';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'synthkit-read-jsonl-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function readAll(path: string, signal?: AbortSignal): Promise<JsonRecord[]> {
  const records: JsonRecord[] = [];
  for await (const record of readJsonl(path, signal == null ? {} : { signal })) records.push(record);
  return records;
}

/** Reads until the reader throws; returns what was read before the error, and the error. */
async function readUntilError(path: string): Promise<{ records: JsonRecord[]; caught: unknown }> {
  const records: JsonRecord[] = [];
  try {
    for await (const record of readJsonl(path)) records.push(record);
  } catch (caught) {
    return { records, caught };
  }
  throw new Error(`expected reading ${path} to fail`);
}

async function readError(path: string): Promise<unknown> {
  try {
    await readAll(path);
  } catch (error) {
    return error;
  }
  throw new Error(`expected reading ${path} to fail`);
}

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

describe('readJsonl', () => {
  it('yields one record per line, in order, skipping blank and whitespace-only lines', async () => {
    const path = await fileWith('data.jsonl', '{"a":1}\n\n   \t\n{"b":{"c":[1,"two",null]}}\n{"d":"日本語 🙂"}');
    expect(await readAll(path)).toEqual([{ a: 1 }, { b: { c: [1, 'two', null] } }, { d: '日本語 🙂' }]);
  });

  it('reads \\r\\n line endings', async () => {
    const path = await fileWith('windows.jsonl', '{"a":1}\r\n{"a":2}\r\n');
    expect(await readAll(path)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('ignores a UTF-8 byte order mark at the start of the file', async () => {
    const path = await fileWith('bom.jsonl', '\uFEFF{"a":1}\n{"a":2}\n');
    expect(await readAll(path)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('yields nothing for an empty file', async () => {
    expect(await readAll(await fileWith('empty.jsonl', ''))).toEqual([]);
    expect(await readAll(await fileWith('empty.jsonl.gz', ''))).toEqual([]);
    // One byte: the file ends while its start is peeked at (it used to wait forever).
    expect(await readAll(await fileWith('newline.jsonl', '\n'))).toEqual([]);
    await expect(readAll(await fileWith('one.jsonl', '7'))).rejects.toThrow('one.jsonl:1: expected a JSON object on each line, got a number');
  });

  it('opens nothing until iteration starts', async () => {
    const iterable = readJsonl(join(directory, 'created-later.jsonl'));
    await fileWith('created-later.jsonl', '{"late":true}\n');
    const records: JsonRecord[] = [];
    for await (const record of iterable) records.push(record);
    expect(records).toEqual([{ late: true }]);
  });

  describe('gzip', () => {
    const lines = Array.from({ length: 1000 }, (_, index) => JSON.stringify({ index, text: `é${index}` })).join('\n');
    const expected = Array.from({ length: 1000 }, (_, index) => ({ index, text: `é${index}` }));

    it('decompresses a file whose name ends in .gz', async () => {
      expect(await readAll(await fileWith('data.jsonl.gz', gzipSync(lines)))).toEqual(expected);
    });

    it('detects gzip by the magic bytes 1f 8b when the name does not end in .gz', async () => {
      expect(await readAll(await fileWith('data.jsonl', gzipSync(lines)))).toEqual(expected);
    });

    it('reads concatenated gzip members as one file', async () => {
      const path = await fileWith('parts.gz', Buffer.concat([gzipSync('{"part":1}\n'), gzipSync('{"part":2}\n')]));
      expect(await readAll(path)).toEqual([{ part: 1 }, { part: 2 }]);
    });

    it('rejects a .gz file that is not gzip data', async () => {
      const error = await readError(await fileWith('plain.jsonl.gz', '{"a":1}\n'));
      expect(JsonlParseError.isInstance(error)).toBe(true);
      expect((error as JsonlParseError).line).toBe(1);
      expect((error as Error).message).toContain('does not start with the gzip magic bytes 1f 8b');
    });

    it('reports truncated gzip data as a parse error after the records that could be read', async () => {
      const compressed = gzipSync(Array.from({ length: 50_000 }, (_, index) => `{"i":${index}}`).join('\n'));
      const path = await fileWith('truncated.jsonl.gz', compressed.subarray(0, Math.floor(compressed.length / 2)));
      const { records, caught } = await readUntilError(path);
      expect(JsonlParseError.isInstance(caught)).toBe(true);
      expect((caught as Error).message).toContain('the gzip data is corrupt or truncated');
      expect((caught as JsonlParseError).line).toBeGreaterThan(1);
      expect(((caught as Error).cause as NodeJS.ErrnoException).code).toMatch(/^Z_/);
      expect(records.length).toBeGreaterThan(0);
      expect(records.at(-1)).toEqual({ i: records.length - 1 });
    });
  });

  describe('errors', () => {
    it('names the file and the line (counting blank lines) of invalid JSON', async () => {
      const path = await fileWith('data.jsonl', '{"a":1}\n\n   \n{"a": oops}\n{"a":2}\n');
      const { records, caught } = await readUntilError(path);
      expect(records).toEqual([{ a: 1 }]);
      expect(JsonlParseError.isInstance(caught)).toBe(true);
      expect(SynthkitError.isInstance(caught)).toBe(true);
      const error = caught as JsonlParseError;
      expect(error.name).toBe('SYNTHKIT_JsonlParseError');
      expect(error.file).toBe(path);
      expect(error.line).toBe(4);
      expect(error.message).toMatch(new RegExp(`^${escapeRegExp(path)}:4: .+ \\(line starts: \\{"a": oops\\}\\)$`));
      expect(error.cause).toBeInstanceOf(SyntaxError);
    });

    it('counts the line after a byte order mark and \\r\\n endings correctly', async () => {
      const error = await readError(await fileWith('bom.jsonl', '\uFEFF{"a":1}\r\n\r\n{oops\r\n'));
      expect((error as JsonlParseError).line).toBe(3);
    });

    it('rejects lines that are JSON but not objects, saying what they are', async () => {
      const cases: Array<[string, string]> = [
        ['[1,2]', 'an array'],
        ['42', 'a number'],
        ['null', 'null'],
        ['"text"', 'a string'],
        ['true', 'a boolean'],
      ];
      for (const [line, description] of cases) {
        const path = await fileWith('values.jsonl', `{"ok":true}\n${line}\n`);
        const error = await readError(path);
        expect(JsonlParseError.isInstance(error)).toBe(true);
        expect((error as Error).message).toBe(
          `${path}:2: expected a JSON object on each line, got ${description} (line starts: ${line})`,
        );
      }
    });

    it('quotes only the start of a long bad line', async () => {
      const line = `{"text": "${'x'.repeat(500)}`;
      const error = await readError(await fileWith('long.jsonl', `${line}\n`));
      expect((error as Error).message).toContain(`(line starts: ${line.slice(0, 40)}…)`);
    });

    it('names the path of a missing file and keeps the system error as the cause', async () => {
      const path = join(directory, 'missing.jsonl');
      const error = await readError(path);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('path');
      expect((error as Error).message).toBe(`Cannot read JSONL file "${path}": no such file (looked for ${path}).`);
      expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    });

    it('says so when the path is a directory', async () => {
      const path = join(directory, 'folder.jsonl');
      await mkdir(path);
      const error = await readError(path);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('it is a directory, not a file');
    });
  });

  describe('abort signal', () => {
    it('throws the abort reason before opening anything when already aborted', async () => {
      const controller = new AbortController();
      controller.abort(new Error('stopped by test'));
      await expect(readAll(join(directory, 'missing.jsonl'), controller.signal)).rejects.toThrow('stopped by test');
    });

    it('stops a read in progress', async () => {
      const lines = Array.from({ length: 20_000 }, (_, index) => JSON.stringify({ index })).join('\n');
      const path = await fileWith('big.jsonl', lines);
      const controller = new AbortController();
      const records: JsonRecord[] = [];
      let caught: unknown;
      try {
        for await (const record of readJsonl(path, { signal: controller.signal })) {
          records.push(record);
          if (records.length === 5) controller.abort();
        }
      } catch (error) {
        caught = error;
      }
      expect((caught as Error).name).toBe('AbortError');
      expect(records).toHaveLength(5);
    });

    it.skipIf(process.platform === 'win32')('stops while waiting for more data', async () => {
      const path = join(directory, 'waiting.fifo');
      execFileSync('mkfifo', [path]);
      const controller = new AbortController();
      const writerOpened = open(path, 'w');
      const iterator = readJsonl(path, { signal: controller.signal })[Symbol.asyncIterator]();
      const firstRecord = iterator.next();
      const writer = await writerOpened;
      try {
        await writer.write('{"first":1}\n');
        expect((await firstRecord).value).toEqual({ first: 1 });
        const pending = iterator.next();
        controller.abort();
        await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      } finally {
        await writer.close();
      }
    });
  });

  it.skipIf(process.platform === 'win32')('streams: yields records before the file is complete', async () => {
    const path = join(directory, 'stream.fifo');
    execFileSync('mkfifo', [path]);
    const writerOpened = open(path, 'w');
    const iterator = readJsonl(path)[Symbol.asyncIterator]();
    const firstRecord = iterator.next();
    const writer = await writerOpened;
    await writer.write('{"n":1}\n');
    expect(await firstRecord).toEqual({ done: false, value: { n: 1 } });
    await writer.write('{"n":2}\n');
    await writer.close();
    expect(await iterator.next()).toEqual({ done: false, value: { n: 2 } });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
