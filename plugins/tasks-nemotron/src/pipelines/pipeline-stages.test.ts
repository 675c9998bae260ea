import { createHash } from 'node:crypto';
import { definePlugin, defineProvider, languageModelFactory, z } from '@synthkit/core';
import { compilePipeline, stream, type PipelineRecordOf } from '@synthkit/runtime';
import { createTemporaryProject, MockLanguageModelV1, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { closedQAStages } from './closed-qa-stages';
import { mathStages } from './math-stages';
import { openQAStages } from './open-qa-stages';
import { pythonStages } from './python-stages';
import { writingStages } from './writing-stages';

// The pipeline functions return stage lists that compile as a recipe does (compilePipeline of
// @synthkit/runtime), run on the real engine, and type their records.

/**
 * A model that answers like a well-behaved generator and converter: a prompt asking for "exactly N
 * things" gets a numbered list of N items named after the prompt (the same prompt, the same items,
 * in any order of calls); the converter's prompt gets the numbered lines between its markers as a
 * YAML list.
 */
function scriptedModel(modelId: string) {
  return new MockLanguageModelV1({
    provider: 'scripted',
    modelId,
    doGenerate: ({ messages }) => {
      const prompt = messages?.at(-1)?.content ?? '';
      const source = /--- START OF TEXT ---\n([\s\S]*)\n--- END OF TEXT ---/.exec(prompt)?.[1];
      if (source != null) {
        return [...source.matchAll(/^\d+\. (.+)$/gm)].map((match) => `- ${JSON.stringify(match[1])}`).join('\n');
      }
      const [, count = '0', noun = 'items'] = /exactly (\d+) ([a-z ]+?) as a numbered list/.exec(prompt) ?? [];
      const name = createHash('sha256').update(prompt).digest('hex').slice(0, 6);
      return Array.from({ length: Number(count) }, (_, index) => `${index + 1}. ${noun} ${name}.${index + 1}`).join('\n');
    },
  });
}

const testPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: 'synthkit-plugin-scripted', version: '1.0.0', namespace: 'scripted' },
  providers: {
    scripted: defineProvider({
      description: 'Answers list prompts with numbered lists, and conversion prompts with YAML.',
      settings: z.object({}).strict(),
      create: () => ({ specificationVersion: 'v1', languageModel: (modelId) => scriptedModel(modelId) }),
    }),
  },
});
const scripted = languageModelFactory(testPlugin, 'scripted');

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

/** Runs a stage list to the end; returns its records and report. */
async function runStages<const Stages extends ReadonlyArray<Parameters<typeof compilePipeline>[0]['stages'][number]>>(stages: Stages, out: string) {
  const records: Array<PipelineRecordOf<Stages>> = [];
  const run = stream({ models: { default: scripted('m') }, stages, out: `${project.directory}/${out}`, directory: project.directory } as never);
  let next = await run.next();
  while (next.done !== true) {
    records.push(next.value as PipelineRecordOf<Stages>);
    next = await run.next();
  }
  return { records, report: next.value };
}

describe('openQAStages', () => {
  const options = {
    n_macro_topics: 2,
    n_subtopics: 2,
    n_openlines: 2,
    n_revisions: 2,
    additional_macro_topics: ['Gardening'],
    additional_subtopics: ['Composting'],
  } as const;

  it('compiles to the four open QA stages, with NeMo names mapped to the options of the stages', async () => {
    const { plan } = await compilePipeline({ models: { default: scripted('m') }, stages: openQAStages({ ...options, combine_topics: false, conversion: 'llm', ignore_conversion_failure: true }) });
    expect(plan.stages.map((stage) => (stage.kind === 'task' ? [stage.reference, stage.options] : stage.kind))).toEqual([
      ['nemotron:macro-topics', { n_macro_topics: 2, additional_macro_topics: ['Gardening'], additional_subtopics: ['Composting'], conversion: 'llm', ignore_conversion_failure: true, trim_to_length: false }],
      ['nemotron:subtopics', { n_subtopics: 2, include_macro_topic: false, conversion: 'llm', ignore_conversion_failure: true, trim_to_length: false }],
      ['nemotron:open-qa-questions', { n_openlines: 2, conversion: 'llm', ignore_conversion_failure: true, trim_to_length: false }],
      ['nemotron:open-qa-revisions', { n_revisions: 2, conversion: 'llm', ignore_conversion_failure: true, trim_to_length: false }],
    ]);
  });

  it('types its records: every field the stages add', () => {
    expectTypeOf<PipelineRecordOf<ReturnType<typeof openQAStages>>>().toMatchTypeOf<{ macro_topic: string; topic: string; openline: string; revision: string }>();
  });

  it('runs end to end; conversion auto sends half the requests of conversion llm, for the same records', async () => {
    const auto = await runStages(openQAStages(options), 'auto');
    const llm = await runStages(openQAStages({ ...options, conversion: 'llm' }), 'llm');
    // Calls: macro topics 1, subtopics 3 (2 generated + Gardening; Composting passes through),
    // questions 10 (3 × (2 + the macro topic) + Composting), revisions 20.
    expect(auto.report.requests).toMatchObject({ calls: 34, total: 34 });
    expect(llm.report.requests).toMatchObject({ calls: 68, total: 68 });
    expect(auto.records).toHaveLength(40);
    const fields = (records: typeof auto.records) => records.map(({ macro_topic, topic, openline, revision }) => ({ macro_topic, topic, openline, revision }));
    expect(fields(llm.records).sort(byRevision)).toEqual(fields(auto.records).sort(byRevision));

    // Which way each list was read is in the record's call trace: no converter call in auto mode.
    const record = auto.records.find((candidate) => candidate.topic !== candidate.macro_topic && candidate.macro_topic !== 'Gardening');
    expect(record?._meta.calls?.map((call) => `${call.stage}/${call.role}`)).toEqual([
      'macro-topics/generator',
      'subtopics/generator',
      'open-qa-questions/generator',
      'open-qa-revisions/generator',
    ]);
    expect(record?._meta.lineage.map((entry) => entry.stage)).toEqual(['macro-topics', 'subtopics', 'open-qa-questions']);
    const llmRecord = llm.records.find((candidate) => candidate.topic !== 'Composting');
    expect(llmRecord?._meta.calls?.map((call) => call.role)).toEqual(['generator', 'converter', 'generator', 'converter', 'generator', 'converter', 'generator', 'converter']);

    // The additional subtopic was asked about once, with no subtopics call of its own.
    const composting = auto.records.filter((candidate) => candidate.topic === 'Composting');
    expect(composting).toHaveLength(4);
    expect(composting[0]?._meta.calls?.map((call) => call.stage)).toEqual(['macro-topics', 'open-qa-questions', 'open-qa-revisions']);
    const macroTopics = [...new Set(auto.records.map((candidate) => candidate.macro_topic))];
    expect(macroTopics).toHaveLength(4);
    expect(macroTopics).toEqual(expect.arrayContaining(['Gardening', 'Composting', expect.stringMatching(/^topics \w{6}\.1$/)]));
  });
});

describe('mathStages and pythonStages', () => {
  it('compile to three stages each, with the level, school level and language where they belong', async () => {
    const math = await compilePipeline({
      models: { default: scripted('m') },
      stages: mathStages({ n_macro_topics: 3, school_level: 'high school', n_subtopics: 2, n_openlines: 4, level: 'beginner' }),
    });
    expect(math.plan.stages.map((stage) => (stage.kind === 'task' ? [stage.reference, stage.options] : stage.kind))).toEqual([
      ['nemotron:math-macro-topics', expect.objectContaining({ n_macro_topics: 3, school_level: 'high school', additional_macro_topics: [], conversion: 'auto' })],
      ['nemotron:math-subtopics', expect.objectContaining({ n_subtopics: 2, include_macro_topic: true })],
      ['nemotron:math-problems', expect.objectContaining({ n_openlines: 4, level: 'beginner' })],
    ]);
    const python = await compilePipeline({
      models: { default: scripted('m') },
      stages: pythonStages({ n_macro_topics: 3, n_subtopics: 2, n_openlines: 4, language: 'Rust', level: 'advanced', trim_to_length: true }),
    });
    expect(python.plan.stages.map((stage) => (stage.kind === 'task' ? [stage.reference, stage.options] : stage.kind))).toEqual([
      ['nemotron:python-macro-topics', expect.objectContaining({ language: 'Rust', trim_to_length: true })],
      ['nemotron:python-subtopics', expect.objectContaining({ language: 'Rust', trim_to_length: true })],
      ['nemotron:python-problems', expect.objectContaining({ language: 'Rust', level: 'advanced', trim_to_length: true })],
    ]);
  });

  it('run end to end, each subtopic asked about once (NeMo quirk 15.1)', async () => {
    const { records, report } = await runStages(pythonStages({ n_macro_topics: 2, n_subtopics: 2, n_openlines: 1, combine_topics: false }), 'python');
    // 1 + 2 + 4 calls; 4 topics, one problem each.
    expect(report.requests).toMatchObject({ calls: 7 });
    expect(records).toHaveLength(4);
    expect(new Set(records.map((record) => record.topic)).size).toBe(4);
    expectTypeOf(records[0]!).toMatchTypeOf<{ macro_topic: string; topic: string; openline: string }>();
    const math = await runStages(mathStages({ n_macro_topics: 1, n_subtopics: 2, n_openlines: 2 }), 'math');
    expect(math.records).toHaveLength(6);
  });
});

describe('writingStages', () => {
  it('pairs each topic of the source file with each kind of text, or with its own, then revises each task', async () => {
    await project.write('topics.jsonl', ['{"topic":"The sea"}', '{"topic":"Trains","text_material_type":"limerick"}'].join('\n'));
    const stages = writingStages({ source: 'topics.jsonl', text_material_types: ['poem', 'email'], n_openlines: 2, n_revisions: 1 });
    const { plan } = await compilePipeline({ models: { default: scripted('m') }, stages, directory: project.directory });
    expect(plan.stages.map((stage) => (stage.kind === 'task' ? stage.reference : stage.kind))).toEqual(['source', 'nemotron:writing-tasks', 'nemotron:writing-task-revisions']);
    const { records, report } = await runStages(stages, 'writing');
    // Tasks: The sea × (poem, email) + Trains × limerick = 3 calls, 6 tasks; 6 revision calls.
    expect(report.requests).toMatchObject({ calls: 9 });
    expect(records).toHaveLength(6);
    expect(records.map((record) => `${record.topic}/${record.text_material_type}`).sort()).toEqual(
      ['The sea/email', 'The sea/email', 'The sea/poem', 'The sea/poem', 'Trains/limerick', 'Trains/limerick'],
    );
    expectTypeOf(records[0]!).toMatchTypeOf<{ topic: string; text_material_type: string; openline: string; revision: string }>();
  });
});

describe('closedQAStages', () => {
  it('keeps each question with its document: the document record is its parent, and its fields stay', async () => {
    await project.write(
      'documents.jsonl',
      ['{"_id":"doc-0","document":"Volcanoes erupt when magma rises."}', '{"_id":"doc-1","text":"Tides follow the moon.","document_index":1}'].join('\n'),
    );
    const stages = closedQAStages({ source: 'documents.jsonl', n_openlines: 2 });
    const { plan } = await compilePipeline({ models: { default: scripted('m') }, stages, directory: project.directory });
    expect(plan.stages.map((stage) => (stage.kind === 'task' ? stage.reference : stage.kind))).toEqual(['source', 'nemotron:closed-qa-instructions']);
    const { records } = await runStages(stages, 'closed-qa');
    expect(records).toHaveLength(4);
    const byDocument = (id: string) => records.filter((record) => record._meta.parent === id);
    expect(byDocument('doc-0').map((record) => record.document)).toEqual(['Volcanoes erupt when magma rises.', 'Volcanoes erupt when magma rises.']);
    expect(byDocument('doc-1').map((record) => [record.text, (record as Record<string, unknown>).document_index])).toEqual([
      ['Tides follow the moon.', 1],
      ['Tides follow the moon.', 1],
    ]);
  });
});

// --- Internal helpers ---

function byRevision(left: { revision: string }, right: { revision: string }): number {
  return left.revision.localeCompare(right.revision);
}
