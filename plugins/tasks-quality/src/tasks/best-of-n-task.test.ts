import { ModelCallError } from '@synthkit/runtime';
import { MockLanguageModelV1, MockRewardModelV1, runTask } from '@synthkit/testkit';
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

describe('quality:best-of-n with scorer: reward', () => {
  /** A reward model whose helpfulness is the number after `h=` in the answer, correctness after `c=`, verbosity its length / 10. */
  const rewardModel = () =>
    new MockRewardModelV1({
      modelId: 'nemotron-reward',
      doScore: (messages) => {
        const answer = messages.at(-1)?.content ?? '';
        const read = (key: string) => Number(new RegExp(`${key}=(\\d+(?:\\.\\d+)?)`).exec(answer)?.[1] ?? 0);
        return { helpfulness: read('h'), correctness: read('c'), coherence: 3, complexity: 1, verbosity: answer.length / 10 };
      },
    });

  it('scores each candidate as a [user, assistant] conversation with the reward model, ranks by helpfulness, and calls no judge', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('Sydney. h=0.5 c=0', 'Canberra. h=3.9 c=4', 'Canberra, since 1913. h=3.2 c=4') });
    const reward = rewardModel();
    const { records, calls } = await runTask(bestOfNTask, { options: { n: 3, scorer: 'reward' }, input, models: generator, rewardModels: { reward } });
    expect(records).toEqual([{ response: 'Canberra. h=3.9 c=4', score: 3.9, candidate_scores: [0.5, 3.9, 3.2] }]);
    // One model serves both language roles here: only the generator's call reached it.
    expect(generator.doGenerateCalls).toHaveLength(1);
    expect(reward.doScoreCalls[0]).toEqual([
      { role: 'user', content: 'What is the capital of Australia?' },
      { role: 'assistant', content: 'Sydney. h=0.5 c=0' },
    ]);
    // Every attribute's score is in the lineage, on the reward calls.
    expect(calls.map((call) => [call.role, call.kind, call.model])).toEqual([
      ['generator', undefined, 'mock:mock-model'],
      ...Array.from({ length: 3 }, () => ['reward', 'reward', 'mock:nemotron-reward']),
    ]);
    expect(calls.find((call) => call.kind === 'reward')?.scores).toMatchObject({ helpfulness: 0.5, correctness: 0, coherence: 3 });
  });

  it('ranks by reward_attribute, or by the weighted sum of reward_weights', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('A h=4 c=1', 'B h=2 c=4 and much longer') });
    const byCorrectness = await runTask(bestOfNTask, { options: { n: 2, scorer: 'reward', reward_attribute: 'correctness' }, input, models: generator, rewardModels: { reward: rewardModel() } });
    expect(byCorrectness.records[0]?.['response']).toBe('B h=2 c=4 and much longer');
    const weighted = await runTask(bestOfNTask, {
      options: { n: 2, scorer: 'reward', reward_weights: { helpfulness: 1, correctness: 1, verbosity: -1 } },
      input,
      models: generator,
      rewardModels: { reward: rewardModel() },
    });
    // A: 4 + 1 - 0.9 = 4.1; B: 2 + 4 - 2.5 = 3.5 (verbosity is the length / 10).
    expect(weighted.records[0]).toMatchObject({ response: 'A h=4 c=1' });
    expect((weighted.records[0]?.['candidate_scores'] as number[]).map((score) => Math.round(score * 100) / 100)).toEqual([4.1, 3.5]);
  });

  it('fails the record when the reward model gives no score for the attribute, naming the ones it gives', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: 'Canberra.' });
    await expect(
      runTask(bestOfNTask, { options: { n: 1, scorer: 'reward', reward_attribute: 'harmlessness' }, input, models: generator, rewardModels: { reward: rewardModel() } }),
    ).rejects.toThrowError(
      'the reward model gave no score for "harmlessness" (it gave: helpfulness, correctness, coherence, complexity, verbosity); set the stage\'s options.reward_attribute to attributes it scores.',
    );
  });

  it('checks that each scoring option fits the scorer, and names the reward role only with scorer: reward', () => {
    const issues = (options: unknown) => bestOfNTask.options.safeParse(options).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues({ reward_attribute: 'correctness' })).toEqual([
      ['reward_attribute', 'applies to scorer: reward only, and this stage\'s scorer is judge; remove it, or set scorer: reward.'],
    ]);
    expect(issues({ scorer: 'reward', criteria: 'accuracy' })).toEqual([['criteria', 'applies to scorer: judge only, and this stage\'s scorer is reward; remove it, or set scorer: judge.']]);
    expect(issues({ scorer: 'reward', reward_attribute: 'correctness', reward_weights: { helpfulness: 1 } })).toEqual([
      ['reward_weights', 'is set, and so is reward_attribute; keep one: rank by one attribute, or by a weighted sum.'],
    ]);
    expect(issues({ scorer: 'reward', reward_weights: {} })?.[0]?.[0]).toBe('reward_weights');
    expect(bestOfNTask.scoringRoles?.(bestOfNTask.options.parse({}))).toEqual([]);
    expect(bestOfNTask.scoringRoles?.(bestOfNTask.options.parse({ scorer: 'reward' }))).toEqual(['reward']);
  });
});
