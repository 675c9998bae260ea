import { createHash } from 'node:crypto';
import { definePlugin, defineProvider, languageModelFactory, z, type SourceStageV1 } from '@synthkit/core';
import { compilePipeline, stream, type PipelineRecordOf } from '@synthkit/runtime';
import { createTemporaryProject, MockLanguageModelV1, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { closedQAInstructions, mathEntityClassification } from '../stage-factories';
import { closedQAStages } from './closed-qa-stages';
import { dialogueStages } from './dialogue-stages';
import { mathStages } from './math-stages';
import { openQAStages } from './open-qa-stages';
import { pythonStages } from './python-stages';
import { writingStages } from './writing-stages';

// The pipeline functions return stage lists that compile as a recipe does (compilePipeline of
// @synthkit/runtime), run on the real engine, and type their records.

/**
 * A model that answers like a well-behaved generator and converter (and classifier, user and
 * assistant of a conversation): a prompt asking for "exactly N
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
      // A classifier's question: Yes, except for bread.
      const entity = /<entity>\n([\s\S]*)\n<\/entity>/.exec(prompt)?.[1];
      if (entity != null) return /bread/i.test(entity) ? 'No, that is cooking.' : 'Yes.';
      // The user model of a conversation task: a follow-up naming how many turns it saw.
      if (prompt.includes('<conversation>')) return `User: And then? (after ${(prompt.match(/<\/(?:user|assistant)>/g) ?? []).length} turns)`;
      // Anything else that is not a list or conversion prompt is an assistant turn: an answer naming how many messages it was sent.
      if (!prompt.includes('numbered list') && !prompt.includes('--- START OF TEXT ---')) return `Answer to ${messages?.length ?? 0} messages.`;
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
    // document_id is the document record's id, as _meta.parent is: the seed line's own _id.
    expect(records.map((record) => record.document_id).sort()).toEqual(['doc-0', 'doc-0', 'doc-1', 'doc-1']);
    expect(records.every((record) => record.document_id === record._meta.parent)).toBe(true);
    const byDocument = (id: string) => records.filter((record) => record._meta.parent === id);
    expect(byDocument('doc-0').map((record) => record.document)).toEqual(['Volcanoes erupt when magma rises.', 'Volcanoes erupt when magma rises.']);
    expect(byDocument('doc-1').map((record) => [record.text, (record as Record<string, unknown>).document_index])).toEqual([
      ['Tides follow the moon.', 1],
      ['Tides follow the moon.', 1],
    ]);
  });
});

describe('closedQAStages without seed ids', () => {
  it('gives each question the stable id the engine gave its document, the same on every run', async () => {
    await project.write('documents.jsonl', ['{"text":"Volcanoes erupt when magma rises."}', '{"text":"Tides follow the moon.","document_index":1}'].join('\n'));
    const first = await runStages(closedQAStages({ source: 'documents.jsonl', n_openlines: 2 }), 'first');
    const second = await runStages(closedQAStages({ source: 'documents.jsonl', n_openlines: 2 }), 'second');
    expect(new Set(first.records.map((record) => record.document_id)).size).toBe(2);
    expect(first.records.every((record) => record.document_id === record._meta.parent)).toBe(true);
    expect(second.records.map((record) => record.document_id)).toEqual(first.records.map((record) => record.document_id));
    const byIndex = await runStages(
      [{ kind: 'source', path: 'documents.jsonl' } as SourceStageV1<{ text: string; document_index?: number }>, closedQAInstructions({ n_openlines: 1, document_id_field: 'document_index', ignore_conversion_failure: false })],
      'third',
    ).catch((error: unknown) => error);
    // The first document has no document_index: its record fails, naming the option.
    expect(byIndex).toMatchObject({ records: [expect.objectContaining({ document_id: 1 })] });
    const [failed] = (await readFile(`${project.directory}/third/rejects.jsonl`, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failed).toMatchObject({ kind: 'failed', reason: expect.stringContaining('The document id field "document_index" is missing; set document_id_field') });
  });
});

describe('entity classification through the engine', () => {
  it('writes the parsed verdict with its lineage, and keep: matching rejects the others into rejects.jsonl with the reason', async () => {
    await project.write('topics.jsonl', ['{"_id":"t-0","topic":"Fractions"}', '{"_id":"t-1","topic":"Bread baking"}', '{"_id":"t-2","topic":"Derivatives"}'].join('\n'));
    const stages = [{ kind: 'source', path: 'topics.jsonl' } as SourceStageV1<{ topic: string }>, mathEntityClassification({ keep: 'matching' }, { name: 'is-math' })] as const;
    const { records, report } = await runStages(stages, 'classified');
    expect(records.map(({ topic, is_math }) => ({ topic, is_math })).sort((left, right) => left.topic.localeCompare(right.topic))).toEqual([
      { topic: 'Derivatives', is_math: true },
      { topic: 'Fractions', is_math: true },
    ]);
    const fractions = records.find((record) => record.topic === 'Fractions')!;
    expect(fractions._meta).toMatchObject({ stage: 'is-math', task: 'nemotron:math-entity-classification', parent: 't-0', lineage: [{ stage: 'source', id: 't-0' }] });
    expect(fractions._meta.calls).toEqual([
      expect.objectContaining({
        stage: 'is-math',
        role: 'generator',
        model: 'scripted:m',
        template: 'math-entity-classification',
        templateHash: expect.stringMatching(/^\w{8,}$/),
        params: { temperature: 0 },
      }),
    ]);
    expect(report.requests).toMatchObject({ calls: 3 });
    expect(report.stages.find((stage) => stage.name === 'is-math')).toMatchObject({ received: 3, completed: 2, rejected: 1, emitted: 2, failed: 0 });
    const rejects = (await readFile(`${project.directory}/classified/rejects.jsonl`, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rejects).toEqual([
      expect.objectContaining({
        stage: 'is-math',
        kind: 'rejected',
        reason: 'classified as not math: "Bread baking" (keep: matching)',
        details: { field: 'topic', entity: 'Bread baking', answer_start: 'No, that is cooking.' },
        record: expect.objectContaining({ _id: 't-1', topic: 'Bread baking' }),
      }),
    ]);
  });
});

describe('dialogueStages', () => {
  it('grows a conversation from each opening prompt of the file, with both roles traced in _meta', async () => {
    await project.write('openings.jsonl', ['{"_id":"o-0","revision":"How do tides work?"}', '{"_id":"o-1","revision":"Why is the sky blue?"}'].join('\n'));
    const stages = dialogueStages({ source: 'openings.jsonl', field: 'revision', n_user_turns: 2, user_style: 'concise' });
    const { plan } = await compilePipeline({ models: { default: scripted('m') }, stages, directory: project.directory });
    expect(plan.stages.map((stage) => (stage.kind === 'task' ? [stage.reference, stage.options] : stage.kind))).toEqual([
      'source',
      ['nemotron:dialogue', { field: 'revision', n_user_turns: 2, user_style: 'concise' }],
    ]);
    const { records, report } = await runStages(stages, 'dialogue');
    expect(report.requests).toMatchObject({ calls: 6 });
    const tides = records.find((record) => record._meta.parent === 'o-0')!;
    expect(tides.messages).toEqual([
      { role: 'user', content: 'How do tides work?' },
      { role: 'assistant', content: 'Answer to 1 messages.' },
      { role: 'user', content: 'And then? (after 2 turns)' },
      { role: 'assistant', content: 'Answer to 3 messages.' },
    ]);
    expectTypeOf(tides.messages).toMatchTypeOf<Array<{ role: 'user' | 'assistant'; content: string }>>();
    expect(tides._meta.calls?.map((call) => `${call.role}/${call.template}`)).toEqual(['assistant/assistant-turn', 'user/user-turn', 'assistant/assistant-turn']);
  });
});

// --- Internal helpers ---

function byRevision(left: { revision: string }, right: { revision: string }): number {
  return left.revision.localeCompare(right.revision);
}
