import { defineAggregateFilter, defineFilter, z, type AggregateVerdictV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { describeFilterConformance } from './describe-filter-conformance';
import { MockLanguageModelV1 } from './mock-language-model-v1';
import { runFilter } from './run-filter';

/** Keeps the first record of each text it sees: order-dependent, which the conformance kit must catch. */
const firstComeDedup = defineAggregateFilter({
  description: 'Keeps the first record of each text to arrive.',
  options: z.strictObject({}),
  create: () => {
    const seen = new Map<string, string>();
    const verdicts: AggregateVerdictV1[] = [];
    return {
      observe(items) {
        for (const { text, id } of items) {
          const first = seen.get(text);
          verdicts.push(first == null ? { keep: true } : { keep: false, reason: `same text as ${first}`, duplicateOf: first });
          if (first == null) seen.set(text, id);
        }
      },
      verdicts: () => verdicts,
    };
  },
});

/** The same, but keeping the smallest `_id` of each text: order-free. */
const smallestIdDedup = defineAggregateFilter({
  description: 'Keeps the record with the smallest _id of each text.',
  options: z.strictObject({}),
  create: () => {
    const smallest = new Map<string, string>();
    const observed: Array<[string, string]> = [];
    return {
      observe(items) {
        for (const { text, id } of items) {
          observed.push([text, id]);
          const seen = smallest.get(text);
          if (seen == null || id < seen) smallest.set(text, id);
        }
      },
      *verdicts(): Iterable<AggregateVerdictV1> {
        for (const [text, id] of observed) yield smallest.get(text) === id ? { keep: true } : { keep: false, reason: `same text as ${smallest.get(text)}`, duplicateOf: smallest.get(text)! };
      },
      report: () => ({ groups: smallest.size }),
      summary: () => `${smallest.size} groups`,
    };
  },
});

/** A judge: keeps texts the model answers "yes" about. */
const judge = defineFilter({
  description: 'Keeps texts the judge approves.',
  options: z.strictObject({}),
  models: { judge: 'Approves or not.' },
  templates: { ask: { user: 'Approve? {text}', variables: ['text'] } },
  create: () => ({
    score: async (text, _record, context) => (await context!.generate({ template: 'ask', variables: { text } })).text.trim() === 'yes',
    keep: (approved) => approved,
    describe: () => 'the judge did not approve it',
  }),
});

describe('runFilter', () => {
  const records = [
    { _id: 'c', text: 'same' },
    { _id: 'a', text: 'same' },
    { _id: 'b', text: 'other' },
  ];

  it('runs an aggregate filter through the engine: kept records, rejects naming the duplicated record, report and summary', async () => {
    const result = await runFilter(smallestIdDedup, { records });
    expect(result.kept.map((record) => record['_id']).sort()).toEqual(['a', 'b']);
    expect(result.rejects).toEqual([expect.objectContaining({ stage: 'filter', kind: 'filtered', reason: 'same text as a', details: { duplicate_of: 'a' } })]);
    expect([result.report, result.summary]).toEqual([{ groups: 2 }, '2 groups']);
  });

  it('shows an order-dependent filter for what it is: its verdicts change with the arrival order', async () => {
    const forward = await runFilter(firstComeDedup, { records });
    const backward = await runFilter(firstComeDedup, { records: [...records].reverse() });
    expect(forward.kept.map((record) => record['_id']).sort()).not.toEqual(backward.kept.map((record) => record['_id']).sort());
  });

  it('binds models to the filter\'s roles and traces its calls; says which model is missing', async () => {
    const model = new MockLanguageModelV1({ doGenerate: (request) => (String(request.messages?.at(-1)?.content).includes('good') ? 'yes' : 'no') });
    const result = await runFilter(judge, { records: [{ text: 'a good text' }, { text: 'a bad text' }], models: { judge: model } });
    expect(result.kept.map((record) => record['text'])).toEqual(['a good text']);
    expect(result.rejects.map((entry) => entry.reason)).toEqual(['the judge did not approve it']);
    expect(result.calls).toEqual([expect.objectContaining({ role: 'judge', template: 'ask' }), expect.objectContaining({ role: 'judge', template: 'ask' })]);
    await expect(runFilter(judge, { records })).rejects.toThrow(/No model for the role judge of test:filter/);
  });
});

describeFilterConformance({ name: 'test:smallest-id-dedup', definition: smallestIdDedup });
describeFilterConformance({
  name: 'test:judge',
  definition: judge,
  models: new MockLanguageModelV1({ doGenerate: (request) => (String(request.messages?.at(-1)?.content).length % 2 === 0 ? 'yes' : 'no') }),
});
