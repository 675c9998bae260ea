import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentSourceError } from './document-source-error';
import { listDocumentFiles } from './list-document-files';
import { parseSourcePath } from './parse-source-path';
import { readDocuments } from './read-documents';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

const collect = async <Item>(items: AsyncIterable<Item>): Promise<Item[]> => {
  const result: Item[] = [];
  for await (const item of items) result.push(item);
  return result;
};

const failureOf = async (work: () => Promise<unknown> | unknown): Promise<DocumentSourceError> => {
  try {
    await work();
  } catch (error) {
    expect(DocumentSourceError.isInstance(error)).toBe(true);
    return error as DocumentSourceError;
  }
  throw new Error('expected a DocumentSourceError');
};

describe('parseSourcePath: what a source: value names, by its spelling alone', () => {
  it('a trailing slash is a folder, a glob character a glob, anything else a JSONL file', () => {
    expect(parseSourcePath('docs/')).toEqual({ kind: 'documents', pattern: 'docs/**/*' });
    expect(parseSourcePath('../shared/docs/')).toEqual({ kind: 'documents', pattern: '../shared/docs/**/*' });
    expect(parseSourcePath('docs/**/*.md')).toEqual({ kind: 'documents', pattern: 'docs/**/*.md' });
    expect(parseSourcePath('notes/chapter-?.txt')).toEqual({ kind: 'documents', pattern: 'notes/chapter-?.txt' });
    expect(parseSourcePath('docs/{a,b}.md')).toEqual({ kind: 'documents', pattern: 'docs/{a,b}.md' });
    expect(parseSourcePath('docs/[ab].md')).toEqual({ kind: 'documents', pattern: 'docs/[ab].md' });
    expect(parseSourcePath('seeds.jsonl')).toEqual({ kind: 'jsonl', path: 'seeds.jsonl' });
    expect(parseSourcePath('data/seeds (v2).jsonl.gz')).toEqual({ kind: 'jsonl', path: 'data/seeds (v2).jsonl.gz' });
    // A folder without the slash is a JSONL path; validate says how to write a folder (see compile tests).
    expect(parseSourcePath('docs')).toEqual({ kind: 'jsonl', path: 'docs' });
  });
});

describe('readDocuments', () => {
  it('yields one { text, path } per file, sorted by path, relative to the folder given, hidden files skipped', async () => {
    await project.write('recipes/docs/b.md', '# B\n\nSecond.\n');
    await project.write('recipes/docs/a.md', '\uFEFFFirst, with a byte order mark that is dropped.');
    await project.write('recipes/docs/guide/Z.md', 'Upper case sorts first.');
    await project.write('recipes/docs/guide/intro.txt', 'Naïve café, 東京, emoji 🙂.');
    await project.write('recipes/docs/.draft.md', 'hidden');
    await project.write('recipes/docs/.git/HEAD', 'hidden folder');
    await project.write('shared/x.md', 'Outside the recipe folder.');
    const directory = `${project.directory}/recipes`;

    expect(await collect(readDocuments('docs/', 'docs/**/*', directory))).toEqual([
      { text: 'First, with a byte order mark that is dropped.', path: 'docs/a.md' },
      { text: '# B\n\nSecond.\n', path: 'docs/b.md' },
      { text: 'Upper case sorts first.', path: 'docs/guide/Z.md' },
      { text: 'Naïve café, 東京, emoji 🙂.', path: 'docs/guide/intro.txt' },
    ]);
    expect(listDocumentFiles('docs/*.md', 'docs/*.md', directory)).toEqual(['docs/a.md', 'docs/b.md']);
    expect(listDocumentFiles('docs/**/*.txt', 'docs/**/*.txt', directory)).toEqual(['docs/guide/intro.txt']);
    expect(listDocumentFiles('../shared/*.md', '../shared/*.md', directory)).toEqual(['../shared/x.md']);
  });

  it('streams: a file is read only when its record is asked for', async () => {
    await project.write('docs/1.txt', 'one');
    await project.write('docs/2.txt', 'two');
    const documents = readDocuments('docs/', 'docs/**/*', project.directory);
    expect((await documents.next()).value).toEqual({ text: 'one', path: 'docs/1.txt' });
    // Removed after listing and before being read: the error comes at that record, not before the first.
    await unlink(`${project.directory}/docs/2.txt`);
    const error = await failureOf(() => documents.next());
    expect(error.file).toBe('docs/2.txt');
    expect(error.message).toMatch(/^source "docs\/": cannot read docs\/2\.txt: .*ENOENT.* Check that the file still exists and is readable\.$/);
  });

  it('says what is wrong, where and how to fix it: a missing folder, a file for a folder, no match', async () => {
    await project.write('docs/a.md', 'text');
    await project.write('seeds.jsonl', '{"text":"x"}\n');
    const missing = await failureOf(() => listDocumentFiles('papers/', 'papers/**/*', project.directory));
    expect(missing.message).toBe(
      `source "papers/": no folder at ${project.directory}/papers; paths are relative to the recipe file: fix the path, or create the folder and put the documents in it.`,
    );
    const file = await failureOf(() => listDocumentFiles('seeds.jsonl/', 'seeds.jsonl/**/*', project.directory));
    expect(file.message).toContain('it is a file: to read a JSONL file of records, write its path without a trailing slash or glob characters (source: seeds.jsonl).');
    const none = await failureOf(() => listDocumentFiles('docs/*.pdf', 'docs/*.pdf', project.directory));
    expect(none.message).toBe(
      `source "docs/*.pdf": no file in ${project.directory}/docs matches docs/*.pdf, so a run would produce nothing. ` +
        'Check the pattern (`*` matches within one folder, `**/` any depth of folders; names starting with "." are skipped), or add documents.',
    );
  });

  it('refuses a binary file and a file that is not UTF-8, naming it and the offset', async () => {
    await project.write('docs/a.txt', 'fine');
    await project.write('docs/b.png', '\x89PNG\r\n\x1a\n\u0000\u0000\u0000\rIHDR');
    const binary = await failureOf(() => collect(readDocuments('docs/', 'docs/**/*', project.directory)));
    expect(binary.file).toBe('docs/b.png');
    expect(binary.message).toBe(
      'source "docs/": docs/b.png is not a text file (a NUL byte at offset 9). A source of documents reads text files only: ' +
        'narrow the pattern to them (e.g. "docs/**/*.md"), or convert the file to plain text (PDF and Word files need a text extractor first).',
    );
    // "café" in Latin-1: é is the single byte 0xE9.
    await mkdir(`${project.directory}/latin`);
    await writeFile(`${project.directory}/latin/c.txt`, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]));
    const latin = await failureOf(() => collect(readDocuments('latin/*.txt', 'latin/*.txt', project.directory)));
    expect(latin.message).toBe(
      'source "latin/*.txt": latin/c.txt is not UTF-8 text (invalid byte at offset 3). Save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`), or leave it out of the pattern.',
    );
  });
});
