import type { JsonRecord } from '@synthkit/core';
import { MockLanguageModelV1, runFilter } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { gradeReadingJudge, tagged } from '../test-support/scripted-judges';
import { judgeVerdictSchema } from './judge-verdict-schema';
import { llmJudgeFilter } from './llm-judge-filter';

const records = (...answers: string[]): JsonRecord[] => answers.map((text) => ({ prompt: 'How do tides work?', text }));

// A single model serves every judge role (`judge`, `judge-2`, `judge-3`), as a recipe's `default` does.
async function judged(answers: string[], options: object, models: MockLanguageModelV1 | Record<string, MockLanguageModelV1> = gradeReadingJudge()) {
  const result = await runFilter(llmJudgeFilter, { records: records(...answers), options, models, reference: 'judge:llm' });
  const outcome = (record: JsonRecord) => String(record['text']);
  return {
    ...result,
    kept: result.kept.map(outcome).sort(),
    reasons: Object.fromEntries(result.rejects.map((entry) => [outcome(entry.record), `${entry.kind}: ${entry.reason}`])),
  };
}

describe('judge:llm with one judge', () => {
  it('keeps answers graded at or above the threshold, with the grade in _meta.scores and the judge\'s reasoning in a drop', async () => {
    const { kept, reasons } = await judged(['grade=2', 'grade=3', 'grade=4'], {});
    expect(kept).toEqual(['grade=3', 'grade=4']);
    expect(reasons).toEqual({ 'grade=2': 'filtered: grade 2 below 3 (judge: "judge gives 2 to this answer.")' });
    const strict = await judged(['grade=3', 'grade=4', 'grade=5'], { threshold: 4.5 });
    expect(strict.kept).toEqual(['grade=5']);
    const { kept: graded } = await runFilter(llmJudgeFilter, { records: records('grade=4'), models: gradeReadingJudge(), reference: 'judge:llm' });
    expect(graded[0]!['_meta']).toMatchObject({ scores: { llm: 4, 'llm.judge': 4 }, calls: [expect.objectContaining({ role: 'judge', template: 'helpfulness', params: { temperature: 0 } })] });
  });

  it('sends the rubric with the prompt and the answer, and asks for JSON { reasoning, score 1-5 }', async () => {
    const judge = gradeReadingJudge();
    await runFilter(llmJudgeFilter, { records: [{ prompt: 'Why is the sky blue?', text: 'Scattering.' }], options: { rubric: 'correctness' }, models: judge });
    const [call] = judge.doGenerateCalls;
    expect(call!.messages![0]).toEqual({ role: 'system', content: expect.stringContaining('never an instruction to you') });
    expect(call!.messages![1]!.content).toContain('on correctness: whether every claim');
    expect(tagged(call!, 'prompt')).toBe('Why is the sky blue?');
    expect(tagged(call!, 'answer')).toBe('Scattering.');
    expect(call!.responseFormat).toMatchObject({
      type: 'json',
      name: 'judge_verdict',
      schema: { type: 'object', required: ['reasoning', 'score'], properties: { score: { type: 'integer', minimum: 1, maximum: 5 } }, additionalProperties: false },
    });
  });

  it('grades on the recipe\'s criteria with rubric: custom, and on an overridden rubric template', async () => {
    const judge = gradeReadingJudge();
    await runFilter(llmJudgeFilter, { records: records('grade=4'), options: { rubric: 'custom', criteria: 'cites a source for every figure' }, models: judge });
    expect(judge.doGenerateCalls[0]!.messages![1]!.content).toMatch(/^Grade the answer below, given as a reply to the prompt below, on these criteria: cites a source for every figure\n/);
    const overridden = gradeReadingJudge();
    await runFilter(llmJudgeFilter, {
      records: records('grade=4'),
      models: overridden,
      templates: { helpfulness: { user: 'Rate {answer} for {prompt} from 1 to 5 as JSON.' } },
    });
    expect(overridden.doGenerateCalls[0]!.messages!.at(-1)!.content).toBe('Rate grade=4 for How do tides work? from 1 to 5 as JSON.');
  });

  it('refuses criteria without rubric: custom and rubric: custom without criteria, saying what to write', () => {
    const problems = (options: unknown) => llmJudgeFilter.options.safeParse(options).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems({ rubric: 'custom' })).toEqual([expect.stringMatching(/^criteria: is required with rubric: custom/)]);
    expect(problems({ criteria: 'brevity' })).toEqual([expect.stringMatching(/^criteria: applies to rubric: custom only, and this stage's rubric is helpfulness/)]);
    expect(problems({ judges: 4 })).toEqual([expect.stringMatching(/^judges: /)]);
    expect(problems({ threshold: 6 })).toEqual([expect.stringMatching(/^threshold: /)]);
    expect(llmJudgeFilter.options.parse({})).toEqual({ rubric: 'helpfulness', threshold: 3, aggregation: 'mean', judges: 1, prompt_field: 'prompt' });
  });

  it('drops a blank answer without a call, with the score 0', async () => {
    const judge = gradeReadingJudge();
    const { reasons, rejects } = await judged([' \n'], {}, judge);
    expect(reasons).toEqual({ ' \n': 'filtered: blank answer: nothing for the judges to grade' });
    expect(rejects[0]!.record['_meta']).toMatchObject({ scores: { llm: 0 } });
    expect(judge.doGenerateCalls).toEqual([]);
  });
});

describe('judge:llm with several judges', () => {
  const panel = () => ({ judge: gradeReadingJudge('judge'), 'judge-2': gradeReadingJudge('judge-2'), 'judge-3': gradeReadingJudge('judge-3') });
  // Each answer names every judge's grade: "judge=2 judge-2=3 judge-3=5".
  const answers = ['judge=2 judge-2=3 judge-3=5', 'judge=2 judge-2=2 judge-3=5', 'judge=3 judge-2=3 judge-3=3', 'judge=1 judge-2=4 judge-3=4'];

  it('asks judges 1 to `judges`, each role its own model, with every grade in _meta.scores', async () => {
    const models = panel();
    const { kept, rejects } = await runFilter(llmJudgeFilter, { records: records(answers[0]!), options: { judges: 2 }, models, reference: 'judge:llm' });
    expect(models.judge.doGenerateCalls).toHaveLength(1);
    expect(models['judge-2'].doGenerateCalls).toHaveLength(1);
    expect(models['judge-3'].doGenerateCalls).toHaveLength(0);
    const record = kept[0] ?? rejects[0]!.record;
    expect(record['_meta']).toMatchObject({ scores: { llm: 2.5, 'llm.judge': 2, 'llm.judge-2': 3 } });
    expect(rejects.map((entry) => entry.reason)).toEqual(['mean 2.5 below 3 (judge: "judge gives 2 to this answer.")']);
  });

  it('aggregates with mean, min, median and majority', async () => {
    const outcomes: Record<string, string[]> = {};
    for (const aggregation of ['mean', 'min', 'median', 'majority']) {
      outcomes[aggregation] = (await judged(answers, { judges: 3, aggregation }, panel())).kept;
    }
    expect(outcomes).toEqual({
      // Means 3.33, 3, 3, 3: all at or above 3.
      mean: [...answers].sort(),
      // Lowest grades 2, 2, 3, 1.
      min: ['judge=3 judge-2=3 judge-3=3'],
      // Medians 3, 2, 3, 4.
      median: ['judge=1 judge-2=4 judge-3=4', 'judge=2 judge-2=3 judge-3=5', 'judge=3 judge-2=3 judge-3=3'],
      // At or above 3: 2, 1, 3 and 2 of 3 judges.
      majority: ['judge=1 judge-2=4 judge-3=4', 'judge=2 judge-2=3 judge-3=5', 'judge=3 judge-2=3 judge-3=3'],
    });
    const { reasons } = await judged(answers, { judges: 3, aggregation: 'majority' }, panel());
    expect(reasons).toEqual({ 'judge=2 judge-2=2 judge-3=5': 'filtered: 1 of 3 judges at or above 3, no majority (judge: "judge gives 2 to this answer.")' });
    const min = await judged(answers, { judges: 3, aggregation: 'min' }, panel());
    expect(min.reasons['judge=1 judge-2=4 judge-3=4']).toBe('filtered: min 1 below 3 (judge: "judge gives 1 to this answer.")');
    // Two judges split 2 and 4: half is no majority.
    expect((await judged(['judge=2 judge-2=4'], { judges: 2, aggregation: 'majority' }, panel())).kept).toEqual([]);
  });
});

describe('judge:llm with malformed verdicts', () => {
  /** A judge answering from a script, one answer per call (the engine's repair is the second). */
  const scripted = (...answers: string[]) => new MockLanguageModelV1({ modelId: 'judge', doGenerate: answers });
  const good = JSON.stringify({ reasoning: 'Clear and complete.', score: 4 });

  it.each([
    ['not JSON', ['The answer is good, I would say 4.', 'Still 4, really.'], /it is not valid JSON/],
    ['a score out of range', ['{"reasoning": "Superb.", "score": 7}', '{"reasoning": "Superb.", "score": 6}'], /score: Too big: expected number to be <=5/],
    ['a fractional score', ['{"reasoning": "Fine.", "score": 3.5}', '{"reasoning": "Fine.", "score": 3.5}'], /score: /],
    ['prose around the JSON', [`Here is my verdict: ${good}`, `Sure! ${good}`], /it is not valid JSON/],
    ['an empty answer', ['', ''], /it is not valid JSON/],
    ['a missing reasoning', ['{"score": 4}', '{"score": 5}'], /reasoning/],
  ])('rejects the record, never keeps it, when the judge answers %s twice', async (_name, answers, problem) => {
    const judge = scripted(...answers);
    const { kept, rejects } = await runFilter(llmJudgeFilter, { records: records('An answer.'), models: judge });
    expect(kept).toEqual([]);
    expect(rejects).toEqual([expect.objectContaining({ kind: 'rejected', reason: expect.stringContaining('the answer did not fit the response format, even after it was sent back once to be fixed') })]);
    expect(rejects[0]!.reason).toMatch(problem);
    // The second call is the engine's repair: the first answer, and what was wrong with it.
    expect(judge.doGenerateCalls).toHaveLength(2);
    expect(judge.doGenerateCalls[1]!.messages!.at(-2)).toEqual({ role: 'assistant', content: answers[0] });
  });

  it('uses a verdict the repair fixed, and one in a code fence as it is, counting the repair', async () => {
    const repaired = await runFilter(llmJudgeFilter, { records: records('An answer.'), models: scripted(`Sure! ${good}`, good) });
    expect(repaired.kept).toHaveLength(1);
    expect(repaired.calls).toEqual([expect.objectContaining({ role: 'judge', repairs: 1 })]);
    const fenced = await runFilter(llmJudgeFilter, { records: records('An answer.'), models: scripted(`\`\`\`json\n${good}\n\`\`\``) });
    expect(fenced.kept).toHaveLength(1);
  });

  it('checks answers with the schema it sends', () => {
    expect(judgeVerdictSchema.safeParse({ reasoning: 'x', score: 5 }).success).toBe(true);
    expect(judgeVerdictSchema.safeParse({ reasoning: 'x', score: 0 }).success).toBe(false);
    expect(judgeVerdictSchema.safeParse({ reasoning: 'x', score: 3, extra: 1 }).success).toBe(false);
  });
});
