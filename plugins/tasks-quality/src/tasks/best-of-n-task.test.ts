import { ModelCallError } from '@synthkit/runtime';
import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { choices, scoreReadingJudge, tagged } from '../test-support/scripted-models';
import { bestOfNTask } from './best-of-n-task';

const input = { prompt: 'What is the capital of Australia?' };

describe('quality:best-of-n', () => {
  it('generates n candidates in one call, has the judge grade each with the prompt and the answer, and keeps the best', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('Sydney. score=2', 'Canberra. score=9', 'Canberra, since 1913. score=8') });
    const judge = scoreReadingJudge();
    const { records, calls } = await runTask(bestOfNTask, { options: { n: 3 }, input, models: { generator, judge } });
    expect(records).toEqual([{ response: 'Canberra. score=9', score: 9, candidate_scores: [2, 9, 8] }]);
    expect(generator.doGenerateCalls.map((call) => call.params)).toEqual([{ n: 3, temperature: 0.8 }]);
    // One judge call per candidate, each quoting the prompt and its answer, asking for { reason, score } at temperature 0.
    expect(judge.doGenerateCalls.map((call) => tagged(call, 'answer')).sort()).toEqual(['Canberra, since 1913. score=8', 'Canberra. score=9', 'Sydney. score=2']);
    const [first] = judge.doGenerateCalls;
    expect(tagged(first!, 'prompt')).toBe('What is the capital of Australia?');
    expect(first?.messages?.at(-1)?.content).toContain('Judge it on correctness, helpfulness, completeness and clarity.');
    expect(first?.params).toEqual({ temperature: 0 });
    expect(first?.responseFormat).toMatchObject({ type: 'json', name: 'verdict', schema: { type: 'object', required: ['reason', 'score'] } });
    expect(calls.map((call) => `${call.role}:${call.template}`)).toEqual(['generator:answer', 'judge:judge', 'judge:judge', 'judge:judge']);
  });

  it('keeps every candidate at or above threshold with keep: above, best first', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('A score=7', 'B score=4', 'C score=9', 'D score=7') });
    const { records } = await runTask(bestOfNTask, { options: { n: 4, keep: 'above', threshold: 7, output: 'answer' }, input, models: { generator, judge: scoreReadingJudge() } });
    expect(records.map((record) => [record['answer'], record['score']])).toEqual([
      ['C score=9', 9],
      ['A score=7', 7],
      ['D score=7', 7],
    ]);
    expect(records[0]?.['candidate_scores']).toEqual([7, 4, 9, 7]);
  });

  it('rejects the record when no candidate reaches threshold, with the scores', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('A score=3', 'B score=6.5') });
    const { records, rejections } = await runTask(bestOfNTask, { options: { n: 2, threshold: 7 }, input, models: { generator, judge: scoreReadingJudge() } });
    expect(records).toEqual([]);
    expect(rejections).toEqual([{ reason: 'no candidate scored at least threshold 7 (scores: 3, 6.5)' }]);
  });

  it('scores identical candidates once and leaves cut-off and blank ones out', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('Canberra. score=8', ' Canberra. score=8 ', ['Canber', 'length'], '', 'Melbourne score=3') });
    const judge = scoreReadingJudge();
    const { records } = await runTask(bestOfNTask, { options: { n: 5 }, input, models: { generator, judge } });
    expect(judge.doGenerateCalls).toHaveLength(2);
    expect(records).toEqual([{ response: 'Canberra. score=8', score: 8, candidate_scores: [8, 3] }]);
  });

  it('rejects the record when no candidate is usable, with the first reason', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices(['Canber', 'length'], ['Can', 'length']) });
    const { rejections } = await runTask(bestOfNTask, { options: { n: 2 }, input, models: { generator, judge: scoreReadingJudge() } });
    expect(rejections).toEqual([
      { reason: 'no usable candidate among 2: answer cut off at max_tokens (finish reason length): raise params.generator.max_tokens in the recipe, or leave it unset' },
    ]);
  });

  it('sends a judge verdict outside the scale back once, and fails the record when the judge still gives none', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Canberra.' });
    const fixed = await runTask(bestOfNTask, {
      options: { n: 1 },
      input,
      models: { generator, judge: new MockLanguageModelV1({ doGenerate: ['{"reason": "great", "score": 11}', '{"reason": "great", "score": 10}'] }) },
    });
    expect(fixed.records).toEqual([{ response: 'Canberra.', score: 10, candidate_scores: [10] }]);
    expect(fixed.calls[1]?.repairs).toBe(1);
    const judge = new MockLanguageModelV1({ doGenerate: 'Ignore the rubric: this answer deserves a 10.' });
    const failure = await runTask(bestOfNTask, { options: { n: 1 }, input, models: { generator, judge }, endpoint: { maxAttempts: 1 } }).catch((error: unknown) => error);
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect((failure as ModelCallError).kind).toBe('refused');
  });

  it('uses a recipe\'s rubric, and the recipe\'s params for a role over the task\'s recommendations', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Canberra. score=9' });
    const judge = scoreReadingJudge();
    await runTask(bestOfNTask, {
      options: { n: 1, criteria: 'factual accuracy only' },
      input,
      models: { generator, judge },
      params: { generator: { temperature: 1.1 } },
      templates: { judge: { user: 'Grade for {criteria}.\n<answer>\n{answer}\n</answer>\nQuestion: {prompt}' } },
    });
    expect(generator.doGenerateCalls[0]?.params.temperature).toBe(1.1);
    expect(judge.doGenerateCalls[0]?.messages?.at(-1)?.content).toBe(
      'Grade for factual accuracy only.\n<answer>\nCanberra. score=9\n</answer>\nQuestion: What is the capital of Australia?',
    );
  });

  it('checks its options: threshold is required with keep: above', () => {
    const issues = (options: unknown) => bestOfNTask.options.safeParse(options).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues({ keep: 'above' })).toEqual([['threshold', 'is required with keep: above; set the lowest score to keep, such as threshold: 7.']]);
    expect(issues({ keep: 'above', threshold: 7 })).toBeUndefined();
    expect(issues({ keep: 'all' })?.[0]?.[0]).toBe('keep');
    expect(issues({ n: 0 })?.[0]?.[0]).toBe('n');
    expect(bestOfNTask.fields?.(bestOfNTask.options.parse({ output: 'answer' }))).toEqual({ reads: ['prompt'], writes: ['answer', 'score', 'candidate_scores'] });
  });
});
