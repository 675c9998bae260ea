// examples/dialogue end to end offline, through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, runExampleWithMock, tokensOf } from '../run-example.mjs';

let run;
beforeAll(async () => {
  run = await runExampleWithMock('dialogue');
});
afterAll(() => run?.remove());

describe('examples/dialogue with --mock', () => {
  it('grows each opening prompt into 6 alternating turns, starting with the prompt, with 6 calls per record', () => {
    expect(run.code).toBe(0);
    expect(run.rejects).toEqual([]);
    expect(run.records).toHaveLength(4);
    for (const record of run.records) {
      expect(fieldsOf(record)).toEqual(['id', 'messages', 'openline']);
      expect(record.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
      expect(record.messages[0].content).toBe(record.openline);
      for (const message of record.messages) expect(message.content.trim().length).toBeGreaterThan(0);
      // 3 assistant answers and 2 impersonated follow-ups (the first user turn is the prompt itself).
      expect(record._meta.calls.map((call) => call.role)).toEqual(['assistant', 'user', 'assistant', 'user', 'assistant']);
      expect(record._meta.calls.every((call) => call.model === 'mock:offline')).toBe(true);
      expect(tokensOf(record).input).toBeGreaterThan(0);
    }
    // The follow-ups differ: the user model sees a different conversation each time.
    const followUps = run.records.flatMap((record) => [record.messages[2].content, record.messages[4].content]);
    expect(new Set(followUps).size).toBe(followUps.length);
    expect(run.report.requests).toMatchObject({ calls: 20, failedCalls: 0 });
  });
});
