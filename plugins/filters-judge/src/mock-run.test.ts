// The four filters in a recipe under the offline mock provider, as `synthkit run --mock` runs it:
// every role (reward and embedding ones too) answered by mock:offline, every answer usable.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonRecord, ModelCallMeta } from '@synthkit/core';
import mockPlugin from '@synthkit/provider-mock';
import { compileRecipe, createRegistry, runRecipe } from '@synthkit/runtime';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import judgePlugin from './index';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

const topics = ['tides', 'volcanoes', 'photosynthesis', 'the printing press', 'black holes', 'coral reefs', 'the immune system', 'glaciers', 'bread yeast', 'lightning'];
const records = topics.flatMap((topic, index) => [
  {
    text: `A short passage about ${topic}. It explains how ${topic} work and why they matter, with two examples from everyday life.`,
    question: `How do ${topic} work?`,
    prompt: `Explain ${topic} to a curious student.`,
    response: `Here is an explanation of ${topic}: they follow a few simple rules, shown by examples ${index} and ${index + 1}.`,
  },
  {
    text: `Notes on ${topic} for a science class, with a definition, a diagram description and three review questions.`,
    question: `What is the definition of ${topic} in the notes?`,
    prompt: `Summarise what matters about ${topic}.`,
    response: `${topic} in one sentence: a process worth knowing.`,
  },
]);

describe('the judge filters under --mock', () => {
  it('run a whole recipe offline: every answer fits its format, records are kept and dropped with reasons, none fails', async () => {
    await project.write('records.jsonl', records.map((record) => JSON.stringify(record)).join('\n') + '\n');
    const document = {
      stages: [
        { source: 'records.jsonl' },
        { filter: 'judge:reward', field: 'response', options: { thresholds: { helpfulness: 1 } } },
        { filter: 'judge:llm', field: 'response', options: { judges: 2, aggregation: 'min', threshold: 2 } },
        { filter: 'judge:answerability' },
        { filter: 'judge:easiness', options: { percentile: 0.7 } },
      ],
    };
    const registry = await createRegistry({ plugins: [judgePlugin, mockPlugin], discover: false });
    // What --mock sets: the mock provider for every role, reward and embedding roles included.
    const plan = await compileRecipe({ registry, directory: project.directory, document, overrides: { model: 'mock:offline', scoringModel: 'mock:offline' } });
    const report = await runRecipe({ plan, out: join(project.directory, 'out') });
    expect(report.status).toBe('completed');
    for (const stage of report.stages.slice(1)) {
      expect([stage.name, stage.failed, stage.rejected], 'no record fails, no answer is refused').toEqual([stage.name, 0, 0]);
      expect(stage.completed + stage.filtered).toBe(stage.received);
    }
    const filtered = report.stages.slice(1).map((stage) => stage.filtered);
    expect(filtered.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect(report.output.records).toBeGreaterThan(0);
    const [kept] = (await readFile(join(project.directory, 'out/data.jsonl'), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as JsonRecord);
    const meta = kept!['_meta'] as unknown as { scores: Record<string, number | boolean>; calls: ModelCallMeta[] };
    expect(Object.keys(meta.scores)).toEqual(expect.arrayContaining(['reward.helpfulness', 'llm.judge', 'llm.judge-2', 'answerability.criterion_4', 'easiness']));
    expect(new Set(meta.calls.map((call) => `${call.stage} ${call.role} ${call.model}`))).toEqual(
      new Set(['reward reward mock:offline', 'llm judge mock:offline', 'llm judge-2 mock:offline', 'answerability judge mock:offline', 'easiness embedder mock:offline']),
    );
    expect(meta.calls.every((call) => (call.repairs ?? 0) === 0)).toBe(true);
    expect(report.stages.at(-1)!.summary).toMatch(/^kept \d+ of \d+ question-passage pairs with similarity at or below/);
  });
});
