// The plugin's tasks in a real run: a JSONL source cut into segments, each segment rephrased, through
// the engine (record merging, lineage, rejects.jsonl), written in code and as a recipe file.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin, defineProvider, languageModelFactory, z, type LanguageModelV1CallOptions } from '@synthkit/core';
import { prepareRecipe, run, runRecipe, source } from '@synthkit/runtime';
import { MockLanguageModelV1 } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import plugin, { rephrase, rephraseDocument, segments } from './index';
import { tideDocument } from './test-support/sample-texts';

/** A provider whose model rephrases by echoing the document of the prompt after the expected prefix. */
const echoPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'echo-provider', version: '1.0.0', namespace: 'echo' },
  providers: {
    echo: defineProvider({
      description: 'Echoes the document of a Nemotron-CC prompt as a rephrasing.',
      settings: z.object({}).strict(),
      create: () => ({
        specificationVersion: 'v1',
        languageModel: (modelId) =>
          new MockLanguageModelV1({ provider: 'echo', modelId, doGenerate: (options) => `Here is a paraphrased version:\n${documentOf(options)}` }),
      }),
    }),
  },
});
const echo = languageModelFactory(echoPlugin, 'echo');

const documents = [
  { id: 'doc-1', url: 'https://tides.example/1', text: [tideDocument, tideDocument, tideDocument, tideDocument].join('\n') },
  { id: 'doc-2', url: 'https://tides.example/2', text: 'Too short to rewrite.' },
];

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tasks-nemotron-cc-pipeline-'));
  await writeFile(join(scratch, 'documents.jsonl'), documents.map((document) => JSON.stringify(document)).join('\n') + '\n');
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const lines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { _meta: Record<string, unknown> });

describe('segments then rephrase, in a run', () => {
  it('keeps the document\'s fields, replaces its text with each segment, and links every record to its document', async () => {
    const report = await run({
      models: { default: echo('v1') },
      directory: scratch,
      stages: [source('documents.jsonl'), segments({ target_task: 'rephrase' }), rephrase()],
      out: join(scratch, 'out'),
    });
    expect(report.status).toBe('completed');
    const records = await lines(join(scratch, 'out/data.jsonl'));
    // About 480 tokens of text: two segments within rephrase's 383-token budget.
    expect(records.map((record) => [record.id, record.url, record.segment_index])).toEqual([
      ['doc-1', 'https://tides.example/1', 0],
      ['doc-1', 'https://tides.example/1', 1],
    ]);
    expect(records.map((record) => record.text).join('\n')).toBe(documents[0]!.text);
    for (const record of records) {
      expect(record.rephrased).toBe(record.text);
      expect(record.segment_tokens).toBeLessThanOrEqual(383);
      expect(record._meta).toMatchObject({ stage: 'rephrase', task: 'nemotron-cc:rephrase', lineage: [{ stage: 'source' }, { stage: 'segments' }] });
      expect((record._meta.calls as Array<Record<string, unknown>>).map((call) => [call.stage, call.template, call.model])).toEqual([
        ['rephrase', 'rephrase', 'echo:v1'],
      ]);
    }
    // Both segments come from the same document record (what a later stage can regroup them by), each by its own segment record.
    const lineage = records.map((record) => (record._meta.lineage as Array<{ id: string }>).map((step) => step.id));
    expect(new Set(lineage.map(([documentId]) => documentId)).size).toBe(1);
    expect(new Set(lineage.map(([, segmentId]) => segmentId)).size).toBe(2);
    const rejects = await lines(join(scratch, 'out/rejects.jsonl'));
    expect(rejects).toMatchObject([
      { stage: 'segments', kind: 'rejected', reason: 'document too short: 5 tokens (llama-3), fewer than min_document_tokens 30', record: { id: 'doc-2' } },
    ]);
  });

  it('runs the same from a recipe file', async () => {
    await writeFile(
      join(scratch, 'recipe.yaml'),
      [
        'models: { default: echo:v1 }',
        'stages:',
        '  - source: documents.jsonl',
        '  - task: nemotron-cc:segments',
        '    options: { target_task: rephrase }',
        '  - task: nemotron-cc:rephrase',
        '    params: { generator: { max_tokens: 400 } }',
        '',
      ].join('\n'),
    );
    const { plan } = await prepareRecipe(join(scratch, 'recipe.yaml'), { plugins: [plugin, echoPlugin] });
    const report = await runRecipe({ plan, out: join(scratch, 'recipe-out') });
    expect(report.output.records).toBe(2);
    const records = await lines(join(scratch, 'recipe-out/data.jsonl'));
    expect((records[0]!._meta.calls as Array<{ params: Record<string, unknown> }>)[0]!.params).toEqual({
      temperature: 0.5,
      topP: 0.9,
      maxTokens: 400,
      stop: ['</s>'],
    });
  });

  it('checks the document field an input_field names against the fields that reach the stage', async () => {
    await writeFile(
      join(scratch, 'recipe.yaml'),
      [
        'models: { default: echo:v1 }',
        'stages:',
        '  - source: documents.jsonl',
        '  - task: nemotron-cc:segments',
        '    options: { target_task: distill, input_field: raw_content }',
        '',
      ].join('\n'),
    );
    await expect(prepareRecipe(join(scratch, 'recipe.yaml'), { plugins: [plugin, echoPlugin] })).rejects.toThrow(
      /nemotron-cc:segments reads the field "raw_content"/,
    );
  });

  it('reports a segments stage without a target or a budget when the recipe is checked, before any request', async () => {
    await writeFile(join(scratch, 'recipe.yaml'), 'models: { default: echo:v1 }\nstages:\n  - source: documents.jsonl\n  - task: nemotron-cc:segments\n');
    await expect(prepareRecipe(join(scratch, 'recipe.yaml'), { plugins: [plugin, echoPlugin] })).rejects.toThrow(
      /stages\[1\]\.options\.target_task.*give target_task/s,
    );
  });
});

describe('rephrase-document, in a run', () => {
  it('writes one record per document, rephrased segment by segment and joined back, with a call per segment', async () => {
    const report = await run({
      models: { default: echo('v1') },
      directory: scratch,
      stages: [source('documents.jsonl'), rephraseDocument()],
      out: join(scratch, 'out'),
    });
    expect(report.status).toBe('completed');
    expect(report.requests).toMatchObject({ calls: 2, failedCalls: 0 });
    const records = await lines(join(scratch, 'out/data.jsonl'));
    expect(records).toHaveLength(1);
    const [record] = records as [Record<string, unknown> & { _meta: Record<string, unknown> }];
    // The document's own fields stay; the echo gives back each segment, so joining them gives back the document.
    expect(record).toMatchObject({ id: 'doc-1', url: 'https://tides.example/1', text: documents[0]!.text, segments: 2, segments_rephrased: 2 });
    expect(record.rephrased).toBe(documents[0]!.text);
    expect(record.dropped_segments).toBeUndefined();
    expect(record._meta).toMatchObject({ stage: 'rephrase-document', task: 'nemotron-cc:rephrase-document', lineage: [{ stage: 'source' }] });
    expect((record._meta.calls as Array<Record<string, unknown>>).map((call) => [call.stage, call.template, call.model])).toEqual([
      ['rephrase-document', 'rephrase', 'echo:v1'],
      ['rephrase-document', 'rephrase', 'echo:v1'],
    ]);
    const rejects = await lines(join(scratch, 'out/rejects.jsonl'));
    expect(rejects).toMatchObject([
      { stage: 'rephrase-document', kind: 'rejected', reason: 'document too short: 5 tokens (llama-3), fewer than min_document_tokens 30', record: { id: 'doc-2' } },
    ]);
  });
});

// --- Internal helpers ---

/** The document of a Nemotron-CC prompt: what follows "Text:" up to the blank line before the instructions. */
function documentOf(options: LanguageModelV1CallOptions): string {
  const prompt = options.messages?.at(-1)?.content ?? '';
  const text = typeof prompt === 'string' ? prompt : '';
  return text.slice(text.indexOf('Text:\n') + 'Text:\n'.length, text.lastIndexOf('\n\n'));
}
