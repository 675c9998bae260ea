import { describe, expect, it } from 'vitest';
import { rewardRule } from './reward-rule';
import { startTestServer } from './test-support/ask-test-server';
import { textRule } from './text-rule';

describe('rewardRule', () => {
  it('answers like a Nemotron reward endpoint: the scores as text and as logprob tokens', async () => {
    const { client } = await startTestServer({
      rules: [rewardRule({ match: /judge/, scores: { helpfulness: 3.5, verbosity: 0.25 } }), textRule({ match: /.*/, answer: 'plain' })],
    });

    const judged = await client.chat.completions.create({ model: 'reward', messages: [{ role: 'user', content: 'judge this' }] });
    expect(judged.choices[0]?.message.content).toBe('helpfulness:3.5,verbosity:0.25');
    expect(judged.choices[0]?.logprobs?.content).toEqual([
      { token: 'helpfulness', logprob: 3.5, bytes: [...Buffer.from('helpfulness')], top_logprobs: [] },
      { token: 'verbosity', logprob: 0.25, bytes: [...Buffer.from('verbosity')], top_logprobs: [] },
    ]);

    const other = await client.chat.completions.create({ model: 'reward', messages: [{ role: 'user', content: 'hello' }] });
    expect(other.choices[0]?.logprobs).toBeNull();
  });
});
