import { InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { createExactDedupFilter, exactDedupFilter, normalizeForExactMatch } from './exact-dedup-filter';
import { verdictsById, type TestRecord } from './test-support/observe-in-order';

describe('dedup:exact', () => {
  const records: TestRecord[] = [
    { id: 'b2', text: 'Hello  World' },
    { id: 'a7', text: ' HELLO\tworld\n' },
    { id: 'c0', text: 'hello world' },
    { id: 'd1', text: 'Hello world!' },
    { id: 'e5', text: 'ﬁne print' },
    { id: 'e4', text: 'fine print' },
    { id: 'f9', text: '' },
    { id: 'f8', text: '   ' },
    { id: 'g3', text: 'unique' },
  ];

  it('keeps the smallest _id of each group of texts equal after normalisation, and names it in the others', async () => {
    const verdicts = await verdictsById(createExactDedupFilter(), records);
    expect(Object.fromEntries(verdicts)).toEqual({
      a7: { keep: true },
      b2: { keep: false, reason: 'same normalised text as a7', duplicateOf: 'a7' },
      c0: { keep: false, reason: 'same normalised text as a7', duplicateOf: 'a7' },
      d1: { keep: true },
      e4: { keep: true },
      e5: { keep: false, reason: 'same normalised text as e4', duplicateOf: 'e4' },
      f8: { keep: true },
      f9: { keep: false, reason: 'same normalised text as f8', duplicateOf: 'f8' },
      g3: { keep: true },
    });
  });

  it('with normalize: false, drops only records with the very same characters (empty texts included)', async () => {
    const verdicts = await verdictsById(createExactDedupFilter({ normalize: false }), [
      ...records,
      { id: 'a1', text: 'hello world' },
      { id: 'z0', text: '' },
    ]);
    expect([...verdicts].filter(([, verdict]) => !verdict.keep)).toEqual([
      ['c0', { keep: false, reason: 'same text as a1', duplicateOf: 'a1' }],
      ['z0', { keep: false, reason: 'same text as f9', duplicateOf: 'f9' }],
    ]);
  });

  it('orders any _id by plain string comparison, beyond the 16 characters it keeps in memory', async () => {
    const ids = ['document-0000000000002', 'document-0000000000010', 'document-0000000000001', 'é-1', 'é-0', '\u{1f600}', 'z', 'a\u0000', 'a'];
    const verdicts = await verdictsById(createExactDedupFilter({}, { sortBufferBytes: 64 }), ids.map((id) => ({ id, text: 'same' })));
    const smallest = [...ids].sort()[0]!;
    expect(smallest).toBe('a');
    for (const id of ids) {
      expect(verdicts.get(id)).toEqual(id === smallest ? { keep: true } : { keep: false, reason: 'same normalised text as a', duplicateOf: 'a' });
    }
  });

  it('reports its counts and sums them up in one line', async () => {
    const filter = createExactDedupFilter();
    await verdictsById(filter, records);
    expect(filter.report()).toEqual({ records: 9, duplicatesRemoved: 4, groups: 3, normalize: true });
    expect(filter.summary()).toBe('4 of 9 records were exact duplicates after normalisation (of 3 texts); 5 kept');
  });

  it('gives no verdict and zero counts when it observed nothing', async () => {
    const filter = createExactDedupFilter();
    expect(await verdictsById(filter, [])).toEqual(new Map());
    expect(filter.report()).toMatchObject({ records: 0, duplicatesRemoved: 0, groups: 0 });
    expect(filter.summary()).toBe('no exact duplicates after normalisation among 0 records');
  });

  it('refuses unknown options and indexes with gaps, saying what to fix', async () => {
    expect(() => createExactDedupFilter({ normalise: true } as never)).toThrow(InvalidArgumentError);
    expect(() => createExactDedupFilter({ normalise: true } as never)).toThrow(/unknown option "normalise"; valid options: normalize/);
    expect(exactDedupFilter.options.safeParse({ normalize: 'yes' }).error?.issues[0]?.message).toBe('must be true or false');
    const filter = createExactDedupFilter();
    expect(() => filter.observe([{ index: 1, id: 'a', text: 'x', record: {} }], {} as never)).toThrow(/index 1 where 0 was expected/);
  });

  it('normalises with NFKC, lower case and collapsed whitespace', () => {
    expect(normalizeForExactMatch('  Ｆｕｌｌ\u00a0WIDTH\n\n ﬁle\t')).toBe('full width file');
  });
});
