import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validatePluginManifest } from '../../plugin/v1/define-plugin';
import { defineAggregateFilter, isAggregateFilter } from './define-aggregate-filter';
import { defineFilter } from './define-filter';
import type { AggregateVerdictV1 } from './filter-v1';

const exact = defineAggregateFilter({
  description: 'Keeps one record of each group with the same text: the one with the smallest _id.',
  options: z.object({}),
  create: () => {
    const smallest = new Map<string, string>();
    const observed: Array<{ text: string; id: string }> = [];
    return {
      observe(items) {
        for (const { text, id } of items) {
          observed.push({ text, id });
          const seen = smallest.get(text);
          if (seen == null || id < seen) smallest.set(text, id);
        }
      },
      *verdicts(): Iterable<AggregateVerdictV1> {
        for (const { text, id } of observed) {
          const first = smallest.get(text)!;
          yield first === id ? { keep: true } : { keep: false, reason: `same text as ${first}`, duplicateOf: first };
        }
      },
    };
  },
});

describe('defineAggregateFilter', () => {
  it('makes a filter definition whose filters are marked v1 aggregates, and order does not change the verdicts', async () => {
    expect(validatePluginManifest({ specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, filters: { exact } })).toEqual([]);
    const verdictsFor = async (order: Array<[string, string]>) => {
      const filter = exact.create({});
      expect([filter.specificationVersion, filter.kind, isAggregateFilter(filter)]).toEqual(['v1', 'aggregate', true]);
      await filter.observe(order.map(([id, text], index) => ({ index, id, text, record: { text } })), {} as never);
      const verdicts = [...(filter.verdicts!({} as never) as Iterable<AggregateVerdictV1>)];
      return Object.fromEntries(order.map(([id], index) => [id, verdicts[index]]));
    };
    const records: Array<[string, string]> = [['b', 'x'], ['a', 'x'], ['c', 'y']];
    const forward = await verdictsFor(records);
    expect(forward).toEqual(await verdictsFor([...records].reverse()));
    expect(forward).toEqual({ a: { keep: true }, b: { keep: false, reason: 'same text as a', duplicateOf: 'a' }, c: { keep: true } });
  });

  it('keeps a frozen filter object usable by wrapping it', () => {
    const frozen = defineAggregateFilter({ description: 'Frozen.', options: z.object({}), create: () => Object.freeze({ passThrough: true, observe() {} }) });
    const filter = frozen.create({});
    expect([filter.kind, filter.passThrough, typeof filter.observe]).toEqual(['aggregate', true, 'function']);
    expect(isAggregateFilter(defineFilter({ description: 'x', options: z.object({}), create: () => ({ score: () => 1, keep: () => true }) }).create({}))).toBe(false);
  });
});

describe('filter definitions with model roles', () => {
  it('carry their roles and templates named by key, and a role of two kinds is refused', () => {
    const judge = defineFilter({
      description: 'Keeps answers a judge grades 3 or more.',
      options: z.object({}),
      models: { judge: 'Grades the answer.' },
      templates: { grade: { user: 'Grade: {text}', variables: ['text'] } },
      create: () => ({ score: async (text, _record, context) => Number((await context!.generate({ template: 'grade', variables: { text } })).text), keep: (score) => score >= 3 }),
    });
    expect(judge.models).toEqual({ judge: 'Grades the answer.' });
    expect(judge.templates?.grade).toEqual({ specificationVersion: 'v1', name: 'grade', user: 'Grade: {text}', variables: ['text'] });
    const manifest = { specificationVersion: 'v1', meta: { name: 'p', version: '1.0.0', namespace: 'p' }, filters: { judge } };
    expect(validatePluginManifest(manifest)).toEqual([]);
    expect(validatePluginManifest({ ...manifest, filters: { judge: { ...judge, embeddingModels: { judge: 'Embeds.' } } } })).toEqual([
      expect.objectContaining({ path: 'filters.judge.embeddingModels.judge', message: expect.stringContaining('declared in both models and embeddingModels') }),
    ]);
  });
});
