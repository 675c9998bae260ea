import { describe, expect, it } from 'vitest';
import type { PlannedFilterStage } from '../recipe/recipe-plan';
import { createModelGateway } from '../gateway/model-gateway';
import { createFilterContext } from './create-filter-context';
import { RunStatistics } from './run-statistics';

const signal = new AbortController().signal;
const stage = (extra: Partial<PlannedFilterStage> = {}) =>
  ({ kind: 'filter', index: 1, name: 'plain', reference: 'test:plain', declared: {}, models: {}, templates: {}, variables: {}, ...extra }) as unknown as PlannedFilterStage;
const context = (planned: PlannedFilterStage, recordId = 'r1') =>
  createFilterContext({ stage: planned, recordId, seed: 7, signal, gateway: createModelGateway({ statistics: new RunStatistics(), signal }) });

describe('createFilterContext', () => {
  it('gives a filter that declares no model a context whose model calls say what to declare', async () => {
    const plain = context(stage());
    expect([plain.recordId, plain.signal, plain.calls]).toEqual(['r1', signal, []]);
    await expect(async () => plain.generate({ template: 'x', variables: {} })).rejects.toThrow(
      'Filter test:plain asked its context for a language model, and it declares no model roles or templates; declare them on the filter\'s definition',
    );
    expect(() => plain.embed({ texts: ['a'] })).toThrow(/for an embedding model/);
  });

  it('draws the same random numbers for the same seed and record, and others for another record', () => {
    const draws = (recordId: string) => {
      const filterContext = context(stage(), recordId);
      return [filterContext.random(), filterContext.random()];
    };
    expect(draws('r1')).toEqual(draws('r1'));
    expect(draws('r1')).not.toEqual(draws('r2'));
  });

  it('asks for a role only when the filter has several of that kind', async () => {
    const judged = context(stage({ declared: { models: { a: 'A.', b: 'B.' } } } as Partial<PlannedFilterStage>));
    expect(() => judged.model()).toThrow('Filter test:plain made a language-model call without a role, and it declares 2 (a, b) language-model roles');
  });
});
