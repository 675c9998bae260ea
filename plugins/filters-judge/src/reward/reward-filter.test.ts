import type { JsonRecord } from '@synthkit/core';
import { MockRewardModelV1, runFilter } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { rewardFilter } from './reward-filter';

/** A reward model whose scores are written in the answer: `helpfulness=3.2 correctness=2.1`. */
function scoresInAnswer(): MockRewardModelV1 {
  return new MockRewardModelV1({
    modelId: 'nemotron-reward',
    doScore: (messages) => Object.fromEntries([...messages.at(-1)!.content.matchAll(/(\w+)=(-?[\d.]+)/g)].map(([, name, value]) => [name!, Number(value)])),
  });
}

const run = (records: JsonRecord[], options: object, reward = scoresInAnswer()) =>
  runFilter(rewardFilter, { records, options, rewardModels: { reward }, reference: 'judge:reward' });

const byText = (records: ReadonlyArray<JsonRecord>) => records.map((record) => record['text']);

describe('judge:reward', () => {
  it('keeps answers at or above each minimum and at or below each maximum, inclusive', async () => {
    const answers = ['helpfulness=2.99 verbosity=1', 'helpfulness=3 verbosity=2.5', 'helpfulness=3.01 verbosity=2.51', 'helpfulness=4 verbosity=0'];
    const { kept, rejects } = await run(
      answers.map((text) => ({ prompt: 'Explain tides.', text })),
      { thresholds: { helpfulness: 3, verbosity: { max: 2.5 } } },
    );
    expect(byText(kept).sort()).toEqual(['helpfulness=3 verbosity=2.5', 'helpfulness=4 verbosity=0']);
    expect(rejects.map((entry) => [entry.record['text'], entry.kind, entry.reason]).sort()).toEqual([
      ['helpfulness=2.99 verbosity=1', 'filtered', 'helpfulness 2.99 below 3'],
      ['helpfulness=3.01 verbosity=2.51', 'filtered', 'verbosity 2.51 above 2.5'],
    ]);
    const both = await run([{ prompt: 'p', text: 'complexity=1.9' }, { prompt: 'p', text: 'complexity=2' }, { prompt: 'p', text: 'complexity=3.1' }], {
      thresholds: { complexity: { min: 2, max: 3 } },
    });
    expect(byText(both.kept)).toEqual(['complexity=2']);
    expect(both.rejects.map((entry) => entry.reason).sort()).toEqual(['complexity 1.9 below 2', 'complexity 3.1 above 3']);
  });

  it('keeps every attribute the model returned in _meta.scores as <stage>.<attribute>, and names every failure', async () => {
    const { kept, rejects, calls } = await run(
      [
        { prompt: 'Name a noble gas.', text: 'helpfulness=3.9 correctness=4.1 coherence=3.8 complexity=1.2 verbosity=1.5' },
        { prompt: 'Name a noble gas.', text: 'helpfulness=2.5 correctness=2.1 coherence=3.8 complexity=1.2 verbosity=3.2' },
      ],
      { thresholds: { helpfulness: 3, correctness: 3, verbosity: { max: 2.5 } } },
    );
    expect(kept[0]!['_meta']).toMatchObject({
      scores: { reward: true, 'reward.helpfulness': 3.9, 'reward.correctness': 4.1, 'reward.coherence': 3.8, 'reward.complexity': 1.2, 'reward.verbosity': 1.5 },
    });
    expect(rejects).toEqual([
      expect.objectContaining({
        kind: 'filtered',
        reason: 'helpfulness 2.5 below 3; correctness 2.1 below 3; verbosity 3.2 above 2.5',
        record: expect.objectContaining({ _meta: expect.objectContaining({ scores: expect.objectContaining({ reward: false, 'reward.correctness': 2.1 }) }) }),
      }),
    ]);
    expect(calls).toEqual([
      expect.objectContaining({ kind: 'reward', role: 'reward', model: 'mock:nemotron-reward', scores: expect.objectContaining({ helpfulness: 3.9 }) }),
      expect.objectContaining({ kind: 'reward', role: 'reward', scores: expect.objectContaining({ helpfulness: 2.5 }) }),
    ]);
  });

  it('scores the conversation [user: prompt, assistant: answer], or the turns of messages_field with the answer last', async () => {
    const reward = scoresInAnswer();
    await run([{ question: 'Why is the sky blue?', text: 'Rayleigh scattering. helpfulness=4' }], { thresholds: { helpfulness: 3 }, prompt_field: 'question' }, reward);
    expect(reward.doScoreCalls[0]).toEqual([
      { role: 'user', content: 'Why is the sky blue?' },
      { role: 'assistant', content: 'Rayleigh scattering. helpfulness=4' },
    ]);
    const sft = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Why is the sky blue?' },
      { role: 'assistant', content: 'An older answer.' },
    ];
    const turns = scoresInAnswer();
    const { kept } = await run([{ messages: sft, response: 'Scattering. helpfulness=4' }], { thresholds: { helpfulness: 3 }, messages_field: 'messages' }, turns).catch(() => ({ kept: [] }));
    // The stage's field is `text` here: the record has none, so it fails before scoring.
    expect(kept).toEqual([]);
    const { kept: scored } = await runFilter(rewardFilter, {
      records: [{ messages: sft, response: 'Scattering. helpfulness=4' }, { messages: sft.slice(0, 2), response: 'Scattering. helpfulness=4' }],
      field: 'response',
      options: { thresholds: { helpfulness: 3 }, messages_field: 'messages' },
      rewardModels: { reward: turns },
    });
    expect(scored).toHaveLength(2);
    // The SFT conversation's last assistant turn is replaced by the scored answer: both send the same turns.
    expect(turns.doScoreCalls).toEqual([
      [...sft.slice(0, 2), { role: 'assistant', content: 'Scattering. helpfulness=4' }],
      [...sft.slice(0, 2), { role: 'assistant', content: 'Scattering. helpfulness=4' }],
    ]);
  });

  it('drops a record when a threshold names an attribute the model did not return, naming it and those it gave', async () => {
    const { rejects } = await run([{ prompt: 'p', text: 'helpfulness=3.5 correctness=3' }], { thresholds: { helpfulness: 3, helpfullness: 3 } });
    expect(rejects.map((entry) => [entry.kind, entry.reason])).toEqual([
      ['filtered', 'the reward model gave no score for "helpfullness" (it gave: helpfulness, correctness); set the stage\'s options.thresholds to attributes it scores'],
    ]);
  });

  it('drops a blank answer without a call; fails a record whose prompt or messages field is missing or malformed, saying which option to set', async () => {
    const reward = scoresInAnswer();
    const { rejects } = await run(
      [
        { prompt: 'p', text: '  \n' },
        { text: 'helpfulness=4' },
        { prompt: 'p', text: 'helpfulness=4', messages: [{ role: 'robot', content: 'x' }] },
      ],
      { thresholds: { helpfulness: 3 } },
      reward,
    );
    const reasons = rejects.map((entry) => [entry.kind, entry.reason]);
    expect(reasons).toContainEqual(['filtered', 'blank answer: nothing for the reward model to score']);
    expect(reasons).toContainEqual(['failed', expect.stringMatching(/^the record has no field "prompt" \(its fields: text, .*\); set the stage's options\.prompt_field/)]);
    expect(reward.doScoreCalls).toHaveLength(1);
    const malformed = await run([{ text: 'helpfulness=4', messages: [{ role: 'robot', content: 'x' }] }], { thresholds: { helpfulness: 3 }, messages_field: 'messages' });
    expect(malformed.rejects[0]).toMatchObject({ kind: 'failed', reason: expect.stringContaining('turn 1 of the field "messages" is not { role: system | user | assistant, content: text }') });
    const noUser = await run([{ text: 'helpfulness=4', messages: [{ role: 'system', content: 'x' }] }], { thresholds: { helpfulness: 3 }, messages_field: 'messages' });
    expect(noUser.rejects[0]!.reason).toContain('the field "messages" has no user turn');
  });

  it('requires at least one threshold, each a number or { min, max }, and says how to write one', () => {
    const problems = (options: unknown) => {
      const result = rewardFilter.options.safeParse(options);
      return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(problems({})).toEqual([expect.stringMatching(/^thresholds: is required: give at least one attribute .* e\.g\. thresholds: \{ helpfulness: 3 \}/)]);
    expect(problems({ thresholds: {} })).toEqual([expect.stringContaining('thresholds: is empty: give at least one attribute')]);
    expect(problems({ thresholds: { verbosity: {} } })).toEqual([expect.stringContaining('gives neither min nor max')]);
    expect(problems({ thresholds: { verbosity: { min: 3, max: 2 } } })).toEqual([expect.stringContaining('has min above max')]);
    expect(problems({ thresholds: { helpfulness: 'high' } })).toEqual([expect.stringContaining('must be a number (the minimum) or { min, max }')]);
    expect(problems({ thresholds: { helpfulness: 3 }, treshold: 1 })).toEqual([expect.stringContaining('treshold')]);
    expect(rewardFilter.options.parse({ thresholds: { helpfulness: 3, verbosity: { max: 2.5 } } })).toEqual({
      thresholds: { helpfulness: { min: 3 }, verbosity: { max: 2.5 } },
      prompt_field: 'prompt',
    });
  });

  it('scores only through the engine', async () => {
    const filter = rewardFilter.create(rewardFilter.options.parse({ thresholds: { helpfulness: 3 } }));
    await expect(filter.score('an answer', { prompt: 'p' })).rejects.toThrow('judge:reward calls a model, so it scores only through the engine');
  });
});
