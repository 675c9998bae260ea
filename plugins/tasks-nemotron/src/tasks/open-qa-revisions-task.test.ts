import { describe, expect, it } from 'vitest';
import { runTask } from '../testing/run-task';
import { openQARevisionsTask } from './open-qa-revisions-task';

describe('nemotron:open-qa-revisions', () => {
  it('asks for n_revisions rewrites of the openline and emits one revision each', async () => {
    const first = "I'm a beginner baker. Why does bread go stale? Answer in three bullet points.";
    const second = 'Why does bread go stale? Explain the chemistry of starch retrogradation in detail.';
    const { records, context } = await runTask(openQARevisionsTask, {
      options: { n_revisions: 2 },
      input: { openline: 'Why does bread go stale?' },
      script: [
        { role: 'generator', template: 'open-qa-revisions', text: `1. ${first}\n2. ${second}` },
        { role: 'converter', template: 'yaml-conversion', text: `- "${first}"\n- "${second}"` },
      ],
    });
    expect(records).toEqual([{ revision: first }, { revision: second }]);
    expect(context.calls[0]?.variables).toEqual({ openline: 'Why does bread go stale?', n_revisions: 2 });
    expect(context.calls[0]?.messages[0]?.content).toContain('Why does bread go stale?');
    expect(context.calls[0]?.messages[0]?.content).toContain('exactly 2 rewrites');
  });
});
