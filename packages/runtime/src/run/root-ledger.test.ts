import { describe, expect, it } from 'vitest';
import type { PipelineRecord } from '../engine/pipeline-record';
import { RootLedger, rootIdOf } from './root-ledger';

const root = (id: string) => ({ _id: id, _meta: { stage: 'source', lineage: [] } }) as unknown as PipelineRecord;
const child = (id: string, rootId: string) =>
  ({ _id: id, _meta: { stage: 'ask', lineage: [{ stage: 'source', id: rootId }] } }) as unknown as PipelineRecord;

describe('RootLedger', () => {
  it('finishes a root when every record descending from it has settled', () => {
    let finished = 0;
    const ledger = new RootLedger(new Set(), () => finished++);
    const a = root('a');
    ledger.created(a);
    const [first, second] = [child('a1', 'a'), child('a2', 'a')];
    ledger.created(first);
    ledger.created(second);
    ledger.settled(a);
    ledger.settled(first);
    expect(ledger.takeFinished()).toEqual([]);
    ledger.settled(second);
    expect(ledger.takeFinished()).toEqual(['a']);
    expect(finished).toBe(1);
    expect(ledger.takeFinished()).toEqual([]);
  });

  it('never finishes a root cut short, and keeps counting where its lines start', () => {
    const ledger = new RootLedger();
    const [a, b] = [root('a'), root('b')];
    ledger.created(a);
    ledger.created(b);
    ledger.wrote('a', 'data', 100);
    ledger.wrote('b', 'data', 40);
    ledger.cut(b);
    ledger.settled(b);
    ledger.settled(a);
    expect(ledger.takeFinished()).toEqual(['a']);
    // b's lines start at 40: a resume must look at them, though nothing of b is live any more.
    expect(ledger.unfinishedFrom('data', 500)).toBe(40);
    expect(ledger.unfinishedFrom('rejects', 70)).toBe(70);
  });

  it('never counts a reject of the first task\'s empty input as final: it is done again on resume', () => {
    const ledger = new RootLedger();
    ledger.wrote('', 'rejects', 0);
    ledger.wrote('', 'rejects', 300);
    expect(ledger.unfinishedFrom('rejects', 600)).toBe(0);
    expect(ledger.unfinishedFrom('data', 50)).toBe(50);
  });

  it('knows the roots of earlier sessions, and the root of any record', () => {
    const ledger = new RootLedger(new Set(['done']));
    expect(ledger.isFinishedBefore('done')).toBe(true);
    expect(ledger.isFinishedBefore('other')).toBe(false);
    expect(rootIdOf(child('x', 'r'))).toBe('r');
    expect(rootIdOf(root('r'))).toBe('r');
    expect(rootIdOf({ _id: 'synthetic', _meta: { stage: '', lineage: [] } })).toBe('');
  });
});
