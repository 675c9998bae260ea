// The plugin's tasks in the whole engine: `synthkit validate`'s checks of the fields the options
// name, runs of recipes against scripted models (records, rejects and lineage), and runs under the
// offline mock provider, as `synthkit run --mock` makes them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidRecipeError, type JsonRecord, type RecordMeta } from '@synthkit/core';
import mockPlugin from '@synthkit/provider-mock';
import { compileRecipe, createRegistry, runRecipe, type RejectEntry } from '@synthkit/runtime';
import { createTemporaryProject, MockLanguageModelV1, scriptedProviderPlugin, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import qualityPlugin from './index';
import { choices, tagged } from './test-support/scripted-models';

type OutputRecord = JsonRecord & { _id: string; _meta: RecordMeta };

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
  // What the Nemotron open-QA pipeline ends with: a topic, a question and its revision.
  const questions = [
    { topic: 'Tides', openline: 'What causes tides?', revision: 'Explain what causes tides, in two paragraphs.' },
    { topic: 'Volcanoes', openline: 'Why do volcanoes erupt?', revision: 'Why do volcanoes erupt? Answer for a child.' },
  ];
  await project.write('questions.jsonl', questions.map((record) => JSON.stringify(record)).join('\n') + '\n');
  await project.write('prompts.jsonl', ['{"prompt": "Name three noble gases."}', '{"prompt": "What is 12 squared?"}', '{"prompt": ""}'].join('\n') + '\n');
});
afterEach(async () => {
  await project.remove();
});

/**
 * A model that answers choice i of a prompt `Answer <i exclamation marks>to <prompt>`, and as a judge
 * grades an answer 1 + 3 per exclamation mark.
 */
function scriptedModel(modelId: string) {
  return new MockLanguageModelV1({
    provider: 'scripted',
    modelId,
    doGenerate: (options) => {
      if (options.responseFormat != null) return JSON.stringify({ reason: 'emphasis', score: 1 + 3 * (tagged(options, 'answer').match(/!/g)?.length ?? 0) });
      const prompt = options.messages?.at(-1)?.content ?? '';
      return choices(...Array.from({ length: options.params.n ?? 1 }, (_, index) => `Answer ${'!'.repeat(index)}to ${prompt}`));
    },
  });
}

async function planOf(document: Record<string, unknown>, overrides: { model?: string; scoringModel?: string } = {}) {
  const models = new Map<string, MockLanguageModelV1>();
  const registry = await createRegistry({
    plugins: [qualityPlugin, mockPlugin, scriptedProviderPlugin((modelId) => models.get(modelId) ?? models.set(modelId, scriptedModel(modelId)).get(modelId)!)],
    discover: false,
  });
  return compileRecipe({ registry, directory: project.directory, document, overrides });
}

async function issuesOf(stages: unknown[]): Promise<Array<{ path: string; message: string }>> {
  try {
    await planOf({ models: { default: 'scripted:model' }, stages });
  } catch (error) {
    if (InvalidRecipeError.isInstance(error)) return error.issues.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

async function lines<Line>(file: string): Promise<Line[]> {
  const text = await readFile(join(project.directory, 'out', file), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);
}

describe('validate, on recipes with quality tasks', () => {
  it('checks the fields the options name against what reaches the stage, and later stages against what the tasks write', async () => {
    expect(
      await issuesOf([
        { source: 'questions.jsonl' },
        { task: 'quality:best-of-n', options: { prompt_field: 'revision' } },
        { task: 'quality:messages', options: { prompt_field: 'revision' } },
        { fields: { select: ['revision', 'response', 'score', 'candidate_scores', 'messages'] } },
      ]),
    ).toEqual([]);
    expect(await issuesOf([{ source: 'questions.jsonl' }, { task: 'quality:answer', options: { prompt_field: 'revison' } }])).toEqual([
      { path: 'stages[1].task', message: expect.stringMatching(/^quality:answer reads the field "revison", but no earlier stage produces it.*Did you mean "revision"\?/) },
    ]);
    expect(await issuesOf([{ source: 'questions.jsonl' }, { task: 'quality:messages', options: { layout: 'preference', prompt_field: 'revision' } }])).toEqual([
      { path: 'stages[1].task', message: expect.stringContaining('quality:messages reads the field "chosen", but no earlier stage produces it') },
      { path: 'stages[1].task', message: expect.stringContaining('quality:messages reads the field "rejected", but no earlier stage produces it') },
    ]);
  });

  it('needs a reward model bound by name with scorer: reward only', async () => {
    expect(await issuesOf([{ source: 'questions.jsonl' }, { task: 'quality:preference-pairs', options: { prompt_field: 'revision', scorer: 'reward' } }])).toEqual([
      {
        path: 'stages[1].models.reward',
        message: expect.stringContaining('task quality:preference-pairs needs a reward model for its role "reward"'),
      },
    ]);
  });

  it('reports options that do not fit together at their paths', async () => {
    expect(await issuesOf([{ source: 'questions.jsonl' }, { task: 'quality:best-of-n', options: { prompt_field: 'revision', keep: 'above' } }])).toEqual([
      { path: 'stages[1].options.threshold', message: 'is required with keep: above; set the lowest score to keep, such as threshold: 7.' },
    ]);
  });
});

describe('runs of recipes with quality tasks', () => {
  it('ends the open-QA pipeline in prompt/response pairs, as chat messages, with their lineage', async () => {
    const plan = await planOf({
      models: { default: 'scripted:model' },
      stages: [
        { source: 'questions.jsonl' },
        { name: 'answers', task: 'quality:answer', options: { prompt_field: 'revision' } },
        { fields: { select: ['revision', 'response'], rename: { revision: 'prompt' } } },
        { task: 'quality:messages' },
      ],
    });
    expect((await runRecipe({ plan, out: join(project.directory, 'out') })).status).toBe('completed');
    const records = await lines<OutputRecord>('data.jsonl');
    const tides = records.find((record) => String(record['prompt']).includes('tides'));
    expect(tides).toMatchObject({
      prompt: 'Explain what causes tides, in two paragraphs.',
      response: 'Answer to Explain what causes tides, in two paragraphs.',
      messages: [
        { role: 'user', content: 'Explain what causes tides, in two paragraphs.' },
        { role: 'assistant', content: 'Answer to Explain what causes tides, in two paragraphs.' },
      ],
    });
    expect(Object.keys(tides!).sort()).toEqual(['_id', '_meta', 'messages', 'prompt', 'response']);
    expect(tides?._meta).toMatchObject({ stage: 'messages', task: 'quality:messages' });
    expect(tides?._meta.lineage.map((step) => step.stage)).toEqual(['source', 'answers']);
    expect(tides?._meta.calls?.map((call) => [call.stage, call.role, call.model])).toEqual([['answers', 'generator', 'scripted:model']]);
  });

  it('distils a JSONL prompt set into SFT pairs, the teacher in each record and in its lineage, a blank prompt rejected', async () => {
    const plan = await planOf({
      models: { default: 'scripted:student', teacher: 'scripted:teacher' },
      stages: [{ source: 'prompts.jsonl' }, { name: 'teacher-answers', task: 'quality:distill', options: { messages: true } }],
    });
    expect((await runRecipe({ plan, out: join(project.directory, 'out') })).status).toBe('completed');
    const records = await lines<OutputRecord>('data.jsonl');
    expect(records.map(({ _id, _meta, messages, ...fields }) => fields).sort((first, second) => String(first['prompt']).localeCompare(String(second['prompt'])))).toEqual([
      { prompt: 'Name three noble gases.', response: 'Answer to Name three noble gases.', teacher: 'scripted:teacher' },
      { prompt: 'What is 12 squared?', response: 'Answer to What is 12 squared?', teacher: 'scripted:teacher' },
    ]);
    for (const record of records) expect(record._meta.calls?.map((call) => [call.stage, call.role, call.model])).toEqual([['teacher-answers', 'teacher', 'scripted:teacher']]);
    const rejects = await lines<RejectEntry>('rejects.jsonl');
    expect(rejects.map((reject) => [reject.stage, reject.kind, reject.reason])).toEqual([
      ['teacher-answers', 'rejected', 'blank prompt: the field "prompt" is empty, so there is nothing to answer'],
    ]);
  });

  it('turns n candidates into the best answer and into preference pairs, the judge calls in the lineage', async () => {
    const plan = await planOf({
      models: { default: 'scripted:model' },
      stages: [
        { source: 'questions.jsonl' },
        { name: 'pairs', task: 'quality:preference-pairs', options: { prompt_field: 'revision', n: 3 } },
        { task: 'quality:messages', options: { layout: 'preference' } },
      ],
    });
    expect((await runRecipe({ plan, out: join(project.directory, 'out') })).status).toBe('completed');
    const records = await lines<OutputRecord>('data.jsonl');
    expect(records).toHaveLength(2);
    const tides = records.find((record) => record['topic'] === 'Tides');
    expect(tides).toMatchObject({
      prompt: [{ role: 'user', content: 'Explain what causes tides, in two paragraphs.' }],
      chosen: [{ role: 'assistant', content: 'Answer !!to Explain what causes tides, in two paragraphs.' }],
      rejected: [{ role: 'assistant', content: 'Answer to Explain what causes tides, in two paragraphs.' }],
      score_chosen: 7,
      score_rejected: 1,
    });
    expect(tides?._meta.calls?.map((call) => call.role)).toEqual(['generator', 'judge', 'judge', 'judge']);
  });
});

describe('under the offline mock provider (synthkit run --mock)', () => {
  it('scores candidates with the mock reward model under scorer: reward, its scores in the lineage', async () => {
    const plan = await planOf(
      {
        models: { default: 'openai:gpt-4o-mini', reward: 'openai:nvidia/nemotron-4-340b-reward' },
        stages: [{ source: 'questions.jsonl' }, { name: 'pairs', task: 'quality:preference-pairs', options: { prompt_field: 'revision', n: 4, scorer: 'reward', pairs: 'all' } }],
      },
      { model: 'mock:offline', scoringModel: 'mock:offline' },
    );
    expect((await runRecipe({ plan, out: join(project.directory, 'out') })).status).toBe('completed');
    const records = await lines<OutputRecord>('data.jsonl');
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record['score_chosen'] as number).toBeGreaterThanOrEqual((record['score_rejected'] as number) + 0.5);
      const rewardCalls = record._meta.calls?.filter((call) => call.kind === 'reward') ?? [];
      expect(rewardCalls.map((call) => call.model)).toEqual(['mock:offline', 'mock:offline', 'mock:offline', 'mock:offline']);
      expect(rewardCalls.map((call) => call.scores?.['helpfulness'])).toContain(record['score_chosen']);
    }
  });

  it('grades the candidates differently, so best-of-n and preference pairs are not trivial', async () => {
    const plan = await planOf(
      {
        models: { default: 'openai:gpt-4o-mini' },
        stages: [
          { source: 'questions.jsonl' },
          { name: 'best', task: 'quality:best-of-n', options: { prompt_field: 'revision', n: 4 } },
          { name: 'pairs', task: 'quality:preference-pairs', options: { prompt_field: 'revision', n: 4, pairs: 'all' } },
        ],
      },
      { model: 'mock:offline' },
    );
    expect((await runRecipe({ plan, out: join(project.directory, 'out') })).status).toBe('completed');
    const records = await lines<OutputRecord>('data.jsonl');
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const scores = record['candidate_scores'] as number[];
      expect(new Set(scores).size, `candidate scores ${scores.join(', ')}`).toBeGreaterThan(1);
      expect(record['score']).toBe(Math.max(...scores));
      expect(record['score_chosen'] as number).toBeGreaterThanOrEqual((record['score_rejected'] as number) + 1);
      expect(record['chosen']).not.toBe(record['rejected']);
      // Each grading stage's score is also in _meta.scores, where filter stages keep theirs.
      expect(record._meta.scores).toEqual({
        best: record['score'],
        pairs: (record['score_chosen'] as number) - (record['score_rejected'] as number),
      });
      for (const value of [...scores, record['score_chosen'], record['score_rejected']] as number[]) {
        expect(value).toBeGreaterThanOrEqual(1);
        expect(value).toBeLessThanOrEqual(10);
      }
    }
  });
});
