// examples/quality-pipeline end to end offline, through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('quality-pipeline');
});
afterAll(() => run?.remove());

describe('examples/quality-pipeline with --mock', () => {
  it('generates questions, drops near duplicates before answering, judges the answers, and reports the diversity of the rest', () => {
    expect(run.code).toBe(0);
    const stages = Object.fromEntries(run.report.stages.map((stage) => [stage.name, stage]));
    // 4 topics × (3 subtopics + the topic) × 3 questions.
    expect(stages['open-qa-questions'].emitted).toBe(48);

    // Dedup: the repeated topic's questions come out twice; one of each group is kept.
    const duplicates = run.rejects.filter((entry) => entry.stage === 'dedup');
    expect(duplicates.length).toBeGreaterThan(0);
    expect(stages['dedup']).toMatchObject({ received: 48, filtered: duplicates.length, emitted: 48 - duplicates.length });
    expect(stages['dedup'].report).toMatchObject({ records: 48, duplicatesRemoved: duplicates.length });
    const keptQuestions = new Map();
    for (const entry of duplicates) {
      expect(entry.reason).toMatch(/^near duplicate of [0-9a-f]+ /);
      // The record it duplicates was kept by dedup (it is not among the duplicates) and has a smaller _id.
      const kept = entry.details.duplicate_of;
      expect(duplicates.some((other) => other.record._id === kept)).toBe(false);
      expect(kept < entry.record._id).toBe(true);
      keptQuestions.set(kept, entry.record.openline);
    }
    // Only the questions that passed dedup were answered: no answer call for a duplicate.
    expect(stages['answer'].received).toBe(48 - duplicates.length);

    // Judge: every kept answer is graded 3 or more; every dropped one has the grade and the judge's words.
    const judged = run.rejects.filter((entry) => entry.stage === 'judge');
    expect(judged.length).toBeGreaterThan(0);
    for (const entry of judged) expect(entry.reason).toMatch(/^grade [12] below 3 \(judge: ".+"\)$/);
    expect(run.records.length).toBe(48 - duplicates.length - judged.length);
    const prompts = new Set();
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['prompt', 'response', 'topic']);
      expect(record._meta.scores.judge).toBeGreaterThanOrEqual(3);
      expect(record._meta.calls.map((call) => call.stage)).toEqual(['subtopics', 'open-qa-questions', 'answer', 'judge']);
      expect(record._meta.calls.at(-1)).toMatchObject({ role: 'judge', template: 'helpfulness' });
      prompts.add(record.prompt);
    }
    // No question twice among the pairs.
    expect(prompts.size).toBe(run.records.length);
    expect(run.rejects.filter((entry) => entry.kind === 'failed')).toEqual([]);

    // Diversity of what is left, in run.json and at the end of the output.
    const report = stages['diversity'].report;
    expect(report.records).toBe(run.records.length);
    expect(report.distinctNgrams.map((entry) => entry.n)).toEqual([1, 2, 3, 4]);
    for (const entry of report.distinctNgrams) expect(entry.ratio).toBeGreaterThan(0);
    expect(report.selfBleu).toBeGreaterThan(0);
    expect(report.selfBleu).toBeLessThanOrEqual(1);
    expect(report.sample).toMatchObject({ size: run.records.length, seed: 0 });
    expect(run.stderr).toMatch(/dedup: \d+ of 48 records were near duplicates/);
    expect(run.stderr).toMatch(/diversity: \d+ records; median length/);

    // 4 subtopic lists + 16 question lists + one answer and one verdict per question kept by dedup.
    expect(run.report.requests).toMatchObject({ calls: 4 + 16 + 2 * (48 - duplicates.length), failedCalls: 0 });
  });
});
