import { describe, expect, it } from 'vitest';
import { createPassRateCounter } from './pass-rates';

/** A reject line as a run writes it: the record with the `_meta` of the stages it went through. */
const reject = (stage: string, kind: string, passed: { task?: string; scores?: string[] } = {}) => ({
  stage,
  kind,
  reason: 'some reason',
  record: {
    text: 'x',
    _meta: { stage: passed.task ?? 'generate', lineage: [{ stage: 'topics', id: 'a' }], scores: Object.fromEntries((passed.scores ?? []).map((name) => [name, 1])) },
  },
});

describe('createPassRateCounter', () => {
  it('takes "reached" from run.json when it has the stage', () => {
    const counter = createPassRateCounter();
    for (let index = 0; index < 8; index++) counter.add(reject('word-count', 'filtered', { scores: ['word-count'] }));
    for (let index = 0; index < 11; index++) counter.add(reject('non-alpha', 'filtered', { scores: ['word-count', 'non-alpha'] }));
    counter.add(reject('generate', 'failed'));
    const runReport = {
      stages: [
        { name: 'topics', received: 1 },
        { name: 'generate', received: 37 },
        { name: 'word-count', received: 36 },
        { name: 'non-alpha', received: 28 },
      ],
    };
    expect(counter.result(17, runReport).stages).toEqual([
      { stage: 'generate', rejected: 1, kinds: { filtered: 0, rejected: 0, failed: 1 }, reached: 37, reachedFrom: 'run.json', passRate: 36 / 37 },
      { stage: 'word-count', rejected: 8, kinds: { filtered: 8, rejected: 0, failed: 0 }, reached: 36, reachedFrom: 'run.json', passRate: 28 / 36 },
      { stage: 'non-alpha', rejected: 11, kinds: { filtered: 11, rejected: 0, failed: 0 }, reached: 28, reachedFrom: 'run.json', passRate: 17 / 28 },
    ]);
  });

  it('without run.json (or after a resume), counts kept + rejected at or after the stage, from each record\'s _meta', () => {
    const counter = createPassRateCounter();
    for (let index = 0; index < 8; index++) counter.add(reject('word-count', 'filtered', { scores: ['word-count'] }));
    for (let index = 0; index < 11; index++) counter.add(reject('non-alpha', 'filtered', { scores: ['word-count', 'non-alpha'] }));
    const expected = [
      { stage: 'word-count', rejected: 8, kinds: { filtered: 8, rejected: 0, failed: 0 }, reached: 36, reachedFrom: 'kept-and-later', passRate: 28 / 36 },
      { stage: 'non-alpha', rejected: 11, kinds: { filtered: 11, rejected: 0, failed: 0 }, reached: 28, reachedFrom: 'kept-and-later', passRate: 17 / 28 },
    ];
    expect(counter.result(17).stages).toEqual(expected);
    // A resumed run's stage counts are its last session's: they are not used.
    expect(counter.result(17, { resumed: { sessions: 2 }, stages: [{ name: 'word-count', received: 5 }] }).stages).toEqual(expected);
  });

  it('counts records without _meta at their own stage only', () => {
    const counter = createPassRateCounter();
    counter.add({ stage: 'banned', kind: 'filtered', record: { text: 'lorem' } });
    counter.add({ stage: 'banned', kind: 'odd' });
    expect(counter.result(3).stages).toEqual([
      { stage: 'banned', rejected: 2, kinds: { filtered: 1, rejected: 0, failed: 1 }, reached: 5, reachedFrom: 'kept-and-later', passRate: 0.6 },
    ]);
    expect(createPassRateCounter().result(0).stages).toEqual([]);
  });
});
