import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { openQARevisionsTask } from './open-qa-revisions-task';

describe('nemotron:open-qa-revisions', () => {
  it('with conversion: llm, asks for n_revisions rewrites of the openline and emits one revision each', async () => {
    const first = "I'm a beginner baker. Why does bread go stale? Answer in three bullet points.";
    const second = 'Why does bread go stale? Explain the chemistry of starch retrogradation in detail.';
    const models = scriptedListModels(`1. ${first}\n2. ${second}`, `- "${first}"\n- "${second}"`);
    const { records, calls, requests } = await runTask(openQARevisionsTask, {
      options: { n_revisions: 2, conversion: 'llm' },
      input: { openline: 'Why does bread go stale?' },
      models,
    });
    expect(records).toEqual([{ revision: first }, { revision: second }]);
    expect(calls.map((call) => [call.role, call.template])).toEqual([
      ['generator', 'open-qa-revisions'],
      ['converter', 'yaml-conversion'],
    ]);
    expect(requests[0]?.variables).toEqual({ openline: 'Why does bread go stale?', n_revisions: 2 });
    const prompt = models.generator.doGenerateCalls[0]?.messages?.[0]?.content;
    expect(prompt).toContain('Why does bread go stale?');
    expect(prompt).toContain('exactly 2 rewrites');
  });
});
