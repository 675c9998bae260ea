// examples/preference-pairs end to end offline, through the built CLI: --mock binds the reward role
// to the mock provider's reward model, as it binds the chat roles to its language model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('preference-pairs');
});
afterAll(() => run?.remove());

describe('examples/preference-pairs with --mock', () => {
  it('writes one chosen/rejected pair per prompt, ranked by the reward model, in the conversational layout', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    expect(run.records).toHaveLength(4);
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['chosen', 'id', 'prompt', 'rejected', 'score_chosen', 'score_rejected']);
      expect(record.prompt).toEqual([{ role: 'user', content: expect.any(String) }]);
      expect(record.chosen).toEqual([{ role: 'assistant', content: expect.any(String) }]);
      expect(record.rejected).toEqual([{ role: 'assistant', content: expect.any(String) }]);
      expect(record.chosen[0].content).not.toBe(record.rejected[0].content);
      expect(record.score_chosen - record.score_rejected).toBeGreaterThanOrEqual(0.5);
      // One generator call for the 4 candidates, then one reward call per candidate, each with its scores.
      const calls = record._meta.calls;
      expect(calls.map((call) => call.role)).toEqual(['generator', 'reward', 'reward', 'reward', 'reward']);
      expect(calls[0].params.n).toBe(4);
      const helpfulness = calls.slice(1).map((call) => call.scores.helpfulness);
      expect(calls.slice(1).every((call) => call.kind === 'reward' && call.model === 'mock:offline')).toBe(true);
      // best-worst: the chosen answer has the best helpfulness of the 4, the rejected the worst.
      expect(record.score_chosen).toBe(Math.max(...helpfulness));
      expect(record.score_rejected).toBe(Math.min(...helpfulness));
      // The pair's margin is also kept where every stage's scores go.
      expect(record._meta.scores).toEqual({ 'preference-pairs': record.score_chosen - record.score_rejected });
    }
    expect(run.report.requests).toMatchObject({ calls: 20, failedCalls: 0 });
  });
});
