import { MockLanguageModelV1, MockRewardModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { choices, scoreReadingJudge } from '../test-support/scripted-models';
import { preferencePairsTask } from './preference-pairs-task';

const input = { openline: 'Give one tip for sleeping better.' };
const options = { prompt_field: 'openline' };

describe('quality:preference-pairs', () => {
  it('pairs the best candidate with the worst, in the layout DPO trainers read, with both scores', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('Keep a fixed bedtime. score=8', 'Drink coffee. score=1', 'Dim the lights. score=6', 'Sleep. score=3') });
    const judge = scoreReadingJudge();
    const { records, calls } = await runTask(preferencePairsTask, { options, input, models: { generator, judge } });
    expect(records).toEqual([
      { prompt: 'Give one tip for sleeping better.', chosen: 'Keep a fixed bedtime. score=8', rejected: 'Drink coffee. score=1', score_chosen: 8, score_rejected: 1 },
    ]);
    expect(generator.doGenerateCalls[0]?.params.n).toBe(4);
    expect(judge.doGenerateCalls).toHaveLength(4);
    expect(calls.filter((call) => call.role === 'judge')).toHaveLength(4);
  });

  it('with pairs: all, emits every pair at least margin apart, best chosen first', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('A score=8', 'B score=1', 'C score=6', 'D score=7') });
    const { records } = await runTask(preferencePairsTask, { options: { ...options, pairs: 'all', margin: 2 }, input, models: { generator, judge: scoreReadingJudge() } });
    expect(records.map((record) => [record.chosen, record.rejected])).toEqual([
      ['A score=8', 'C score=6'],
      ['A score=8', 'B score=1'],
      ['D score=7', 'B score=1'],
      ['C score=6', 'B score=1'],
    ]);
  });

  it('rejects the record when no pair is margin apart, with the scores', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('A score=7', 'B score=6.5') });
    const { records, rejections } = await runTask(preferencePairsTask, { options: { ...options, n: 2 }, input, models: { generator, judge: scoreReadingJudge() } });
    expect(records).toEqual([]);
    expect(rejections).toEqual([{ reason: 'no pair of candidates is at least margin 1 apart in score (scores: 7, 6.5)' }]);
  });

  it('never pairs an answer with itself: identical candidates count once', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('Same. score=9', 'Same. score=9', ['Cut', 'length']) });
    const judge = scoreReadingJudge();
    const { rejections } = await runTask(preferencePairsTask, { options: { ...options, n: 3 }, input, models: { generator, judge } });
    expect(judge.doGenerateCalls).toHaveLength(1);
    expect(rejections).toEqual([
      { reason: 'fewer than 2 distinct usable candidates among 3 (1; the others: answer cut off at max_tokens (finish reason length): raise params.generator.max_tokens in the recipe, or leave it unset)' },
    ]);
    const same = await runTask(preferencePairsTask, { options: { ...options, n: 2 }, input, models: { generator: new MockLanguageModelV1({ doGenerate: 'Same.' }), judge } });
    expect(same.rejections).toEqual([{ reason: 'fewer than 2 distinct usable candidates among 2 (1, the others were the same answer)' }]);
  });

  it('checks its options: n of at least 2, a positive margin (by default 1 with the judge, 0.5 with a reward model)', () => {
    const issues = (value: unknown) => preferencePairsTask.options.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ n: 1 })).toEqual(['n']);
    expect(issues({ margin: 0 })).toEqual(['margin']);
    expect(issues({ pairs: 'best-rest' })).toEqual(['pairs']);
    expect(preferencePairsTask.options.parse({})).toEqual({ n: 4, pairs: 'best-worst', prompt_field: 'prompt', scorer: 'judge' });
  });
});

describe('quality:preference-pairs with scorer: reward', () => {
  it('pairs by the reward model\'s helpfulness, with a default margin of 0.5', async () => {
    const generator = new MockLanguageModelV1({ doGenerate: choices('Keep a fixed bedtime.', 'Sleep.', 'Dim the lights.') });
    const helpfulness: Record<string, number> = { 'Keep a fixed bedtime.': 3.6, 'Sleep.': 3.2, 'Dim the lights.': 3.4 };
    const reward = new MockRewardModelV1({ doScore: (messages) => ({ helpfulness: helpfulness[messages.at(-1)!.content]! }) });
    const { records } = await runTask(preferencePairsTask, { options: { ...options, n: 3, scorer: 'reward', pairs: 'all' }, input, models: generator, rewardModels: { reward } });
    // The widest gap, 3.6 - 3.2 = 0.4, is under the default margin: no pair.
    expect(records).toEqual([]);
    const wider = new MockRewardModelV1({ doScore: (messages) => ({ helpfulness: helpfulness[messages.at(-1)!.content]! * (messages.at(-1)!.content === 'Sleep.' ? 0.5 : 1) }) });
    const kept = await runTask(preferencePairsTask, { options: { ...options, n: 3, scorer: 'reward' }, input, models: generator, rewardModels: { reward: wider } });
    expect(kept.records).toEqual([{ prompt: 'Give one tip for sleeping better.', chosen: 'Keep a fixed bedtime.', rejected: 'Sleep.', score_chosen: 3.6, score_rejected: 1.6 }]);
  });
});
