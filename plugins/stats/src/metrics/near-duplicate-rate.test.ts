import { describe, expect, it } from 'vitest';
import { nearDuplicateRate } from './near-duplicate-rate';

const bees = 'Bees carry pollen between flowers, and a hive can hold tens of thousands of workers in summer.';
const maps = 'Old maps drew sea monsters in the empty corners where the cartographers had no knowledge at all.';

describe('nearDuplicateRate', () => {
  it('finds planted near-duplicate pairs, exactly, and nothing among distinct texts', () => {
    const topics = ['rivers', 'volcanoes', 'bread', 'chess', 'violins', 'glaciers', 'owls', 'tides'];
    const texts = topics.map((topic) => `${topic.toUpperCase()}: ${topic} ${topic} ${topic} are the subject of this record, with its own words.`);
    expect(nearDuplicateRate(texts)).toEqual({ texts: 8, withNearDuplicate: 0, pairs: 0, rate: 0 });
    // Two planted pairs: one differs in one word, one only in case and spacing.
    const planted = [...texts, bees, bees.replace('summer', 'summers'), maps, `  ${maps.toUpperCase().replace(' ', '   ')}\n`];
    expect(nearDuplicateRate(planted)).toEqual({ texts: 12, withNearDuplicate: 4, pairs: 2, rate: 4 / 12 });
  });

  it('uses the threshold inclusively and the shingle size given', () => {
    // "abcdef" and "abcdeg": 3-shingles {abc, bcd, cde, def} and {abc, bcd, cde, deg}: Jaccard 3/5.
    expect(nearDuplicateRate(['abcdef', 'abcdeg'], { shingleSize: 3, threshold: 0.6 }).pairs).toBe(1);
    expect(nearDuplicateRate(['abcdef', 'abcdeg'], { shingleSize: 3, threshold: 0.61 }).pairs).toBe(0);
  });

  it('treats a text shorter than a shingle as one shingle, and empty texts as duplicates', () => {
    expect(nearDuplicateRate(['hi', 'hi', 'ho']).pairs).toBe(1);
    expect(nearDuplicateRate(['', ' ']).pairs).toBe(1);
    expect(nearDuplicateRate([]).rate).toBeNull();
  });
});
