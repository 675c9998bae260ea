// The plugin's tasks in the whole engine: `synthkit validate`'s checks of a recipe's prompt
// placeholders and the fields the options name (compileRecipe), and runs of recipes and of a
// pipeline written in code against a scripted model, with the records, rejects and lineage they write.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidRecipeError, languageModelFactory, type JsonRecord, type RecordMeta } from '@synthkit/core';
import { compileRecipe, createRegistry, run, runRecipe, source, type Registry, type RejectEntry } from '@synthkit/runtime';
import { createTemporaryProject, MockLanguageModelV1, scriptedProviderPlugin, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import transformPlugin, { prompt } from './index';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
  await project.write(
    'docs.jsonl',
    [
      { title: 'Volcanoes', text: 'Volcanoes erupt when gas-rich magma rises.' },
      { title: 'Tides', text: 'Tides follow the pull of the Moon.' },
    ]
      .map((record) => JSON.stringify(record))
      .join('\n') + '\n',
  );
});
afterEach(async () => {
  await project.remove();
});

/** A model that answers from what it is asked: summaries, translations and extractions. */
function teacherModel(extraction: (text: string, attempt: number) => string = () => '{"subject": "nature"}') {
  const attempts = new Map<string, number>();
  return new MockLanguageModelV1({
    modelId: 'teacher',
    doGenerate: ({ messages }) => {
      const prompt = messages?.find((message) => message.role === 'user')?.content ?? '';
      const summary = /^For (.+): summarise "(.+)" \((.+)\)$/.exec(prompt);
      if (summary != null) return `Summary of ${summary[3]} for ${summary[1]}`;
      const translation = /into (.+)\.\n[^]*<text>\n(.+)\n<\/text>/.exec(prompt);
      if (translation != null) return `[${translation[1]}] ${translation[2]}`;
      const text = /<text>\n(.+)\n<\/text>/.exec(prompt)?.[1] ?? '';
      const attempt = (attempts.get(text) ?? 0) + 1;
      attempts.set(text, attempt);
      return extraction(text, attempt);
    },
  });
}

async function registryWith(model: MockLanguageModelV1): Promise<Registry> {
  return createRegistry({ plugins: [transformPlugin, scriptedProviderPlugin(model)], discover: false });
}

async function issuesOf(stages: unknown[], variables?: JsonRecord): Promise<Array<{ path: string; message: string }>> {
  try {
    compileRecipe({
      registry: await registryWith(teacherModel()),
      directory: project.directory,
      document: { models: { default: 'scripted:teacher' }, ...(variables == null ? {} : { variables }), stages },
    });
  } catch (error) {
    if (InvalidRecipeError.isInstance(error)) return error.issues.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

async function lines<Record>(file: string): Promise<Record[]> {
  const text = await readFile(join(project.directory, 'out', file), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record);
}

describe('validate, on recipes with transform tasks', () => {
  const summarise = (user: string, options: object = { output: 'summary' }) => ({ task: 'transform:prompt', options, templates: { prompt: { user } } });

  it('accepts a prompt quoting the seed fields and the recipe variables, and checks later stages against its output', async () => {
    const translate = (field: string) => ({ task: 'transform:translate', options: { field, languages: ['French'] } });
    expect(await issuesOf([{ source: 'docs.jsonl' }, summarise('For {audience}: {title}. {text}'), translate('summary')], { audience: 'children' })).toEqual([]);
    expect(await issuesOf([{ source: 'docs.jsonl' }, summarise('{title}: {text}'), translate('sumary')])).toEqual([
      {
        path: 'stages[2].task',
        message: expect.stringMatching(/^transform:translate reads the field "sumary", but no earlier stage produces it; the records that reach it have: title, text, summary .*Did you mean "summary"\?/),
      },
    ]);
  });

  it('reports a placeholder naming a field no earlier stage produces, at the template, with the closest field', async () => {
    expect(await issuesOf([{ source: 'docs.jsonl' }, summarise('Summarise {txt} ({title})')])).toEqual([
      {
        path: 'stages[1].templates.prompt',
        message:
          'template "prompt" uses {txt}, which nothing supplies. The task supplies: json_schema; the records reaching this stage have: title, text. ' +
          'Add it under stages[1].variables, or write {{txt}} for literal braces. Did you mean "text"?',
      },
    ]);
  });

  it('reports a field a ready-made transform reads that does not reach it, at the task', async () => {
    expect(await issuesOf([{ source: 'docs.jsonl' }, { task: 'transform:paraphrase', options: { field: 'body' } }])).toEqual([
      { path: 'stages[1].task', message: expect.stringContaining('transform:paraphrase reads the field "body", but no earlier stage produces it; the records that reach it have: title, text') },
    ]);
    expect(await issuesOf([{ source: 'docs.jsonl' }, { task: 'transform:explain', options: { answer_field: 'answer' } }])).toEqual([
      { path: 'stages[1].task', message: expect.stringContaining('transform:explain reads the field "answer"') },
    ]);
  });

  it('reports a JSON Schema the engine cannot check answers with, and format text with a schema, at their options', async () => {
    expect(
      await issuesOf([
        { source: 'docs.jsonl' },
        { task: 'transform:extract', options: { schema: { type: 'object', properties: { when: { type: 'date' } } } } },
        { task: 'transform:prompt', options: { format: 'text', schema: { type: 'object' } } },
      ]),
    ).toEqual([
      {
        path: 'stages[1].options.schema',
        message: 'is not a JSON Schema the engine can check answers against: Unsupported type: date. Write it with the standard keywords (type, properties, required, items, enum, $defs and $ref).',
      },
      { path: 'stages[2].options.format', message: 'is text, but a schema is set, and answers checked against a schema are JSON. Remove `format: text` or the schema.' },
    ]);
  });
});

describe('runs of recipes with transform tasks', () => {
  it('fills the prompt from the records and the variables, and emits n records per record with their lineage, then one per language', async () => {
    const model = teacherModel();
    const plan = compileRecipe({
      registry: await registryWith(model),
      directory: project.directory,
      document: {
        models: { default: 'scripted:teacher' },
        variables: { audience: 'children' },
        stages: [
          { source: 'docs.jsonl' },
          { name: 'summaries', task: 'transform:prompt', options: { output: 'summary', n: 2 }, templates: { prompt: { user: 'For {audience}: summarise "{text}" ({title})' } } },
          { name: 'french', task: 'transform:translate', options: { field: 'summary', output: 'summary_translated', languages: ['French'] } },
        ],
      },
    });
    const report = await runRecipe({ plan, out: join(project.directory, 'out') });
    expect(report.status).toBe('completed');
    const records = await lines<JsonRecord & { _id: string; _meta: RecordMeta }>('data.jsonl');
    const fields = records.map(({ _id, _meta, ...rest }) => rest).sort((left, right) => String(left['title']).localeCompare(String(right['title'])));
    expect(fields).toEqual([
      ...Array.from({ length: 2 }, () => ({
        title: 'Tides',
        text: 'Tides follow the pull of the Moon.',
        summary: 'Summary of Tides for children',
        language: 'French',
        summary_translated: '[French] Summary of Tides for children',
      })),
      ...Array.from({ length: 2 }, () => ({
        title: 'Volcanoes',
        text: 'Volcanoes erupt when gas-rich magma rises.',
        summary: 'Summary of Volcanoes for children',
        language: 'French',
        summary_translated: '[French] Summary of Volcanoes for children',
      })),
    ]);
    // Two answers of one record are two records with their own ids, each traced to its parent.
    expect(new Set(records.map((record) => record._id)).size).toBe(4);
    const [first] = records;
    expect(first?._meta).toMatchObject({ stage: 'french', task: 'transform:translate', parent: first?._meta.lineage.at(-1)?.id });
    expect(first?._meta.lineage.map((step) => step.stage)).toEqual(['source', 'summaries']);
    expect(first?._meta.calls?.map((call) => [call.stage, call.template])).toEqual([
      ['summaries', 'prompt'],
      ['french', 'translate'],
    ]);
    expect(first?._meta.calls?.[1]?.params).toMatchObject({ temperature: 0 });
    expect(model.doGenerateCalls.filter((call) => call.params.n === 2)).toHaveLength(2);
  });

  it('keeps the extractions that fit the schema (one after a repair) and rejects the record whose answer never does', async () => {
    const model = teacherModel((text, attempt) =>
      text.startsWith('Tides') ? 'I would rather not.' : attempt === 1 ? '{"subject": 42}' : '{"subject": "volcanoes"}',
    );
    const plan = compileRecipe({
      registry: await registryWith(model),
      directory: project.directory,
      document: {
        models: { default: 'scripted:teacher' },
        stages: [
          { source: 'docs.jsonl' },
          {
            task: 'transform:extract',
            options: { schema: { type: 'object', properties: { subject: { type: 'string' } }, required: ['subject'], additionalProperties: false } },
          },
        ],
      },
    });
    const report = await runRecipe({ plan, out: join(project.directory, 'out') });
    expect(report.status).toBe('completed');
    const [kept, ...others] = await lines<JsonRecord & { _meta: RecordMeta }>('data.jsonl');
    expect(others).toEqual([]);
    expect(kept).toMatchObject({ title: 'Volcanoes', extracted: { subject: 'volcanoes' } });
    expect(kept?._meta.calls?.[0]?.repairs).toBe(1);
    const [rejected, ...otherRejects] = await lines<RejectEntry>('rejects.jsonl');
    expect(otherRejects).toEqual([]);
    expect(rejected).toMatchObject({ stage: 'extract', kind: 'rejected', record: { title: 'Tides' } });
    expect(rejected?.reason).toContain('did not fit the response format, even after it was sent back once to be fixed: it is not valid JSON');
  });
});

describe('a pipeline written in code', () => {
  it('takes a zod schema and a prompt through the stage factory, and checks its placeholders as a recipe is', async () => {
    const model = new MockLanguageModelV1({ doGenerate: '{"subject": "tides", "keywords": ["moon"]}' });
    const scripted = languageModelFactory(scriptedProviderPlugin(model), 'scripted');
    const schema = z.object({ subject: z.string(), keywords: z.array(z.string()).max(3) });
    const report = await run({
      models: { default: scripted('teacher') },
      directory: project.directory,
      stages: [
        source<{ title: string; text: string }>('docs.jsonl'),
        prompt({ output: 'facts', schema }, { templates: { prompt: { user: 'What is "{title}" about? {text}' } } }),
      ],
      out: join(project.directory, 'out'),
    });
    expect(report.status).toBe('completed');
    const records = await lines<{ title: string; facts: unknown }>('data.jsonl');
    expect(records.map(({ title, facts }) => ({ title, facts })).sort((left, right) => left.title.localeCompare(right.title))).toEqual([
      { title: 'Tides', facts: { subject: 'tides', keywords: ['moon'] } },
      { title: 'Volcanoes', facts: { subject: 'tides', keywords: ['moon'] } },
    ]);
    expect(model.doGenerateCalls[0]?.responseFormat?.schema).toMatchObject({ type: 'object', required: ['subject', 'keywords'] });

    const invalid = run({
      models: { default: scripted('teacher') },
      directory: project.directory,
      stages: [source('docs.jsonl'), prompt({ schema }, { templates: { prompt: { user: 'About {titel}' } } })],
      out: join(project.directory, 'out-invalid'),
    });
    await expect(invalid).rejects.toThrowError(/stages\[1\]\.templates\.prompt: template "prompt" uses \{titel\}[^]*Did you mean "title"\?/);
  });
});
