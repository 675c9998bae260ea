import type { AggregateVerdictV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { createExactDedupFilter } from './exact-dedup-filter';
import { createMinhashDedupFilter } from './minhash-dedup-filter';
import { lshComponentMinima } from './test-support/lsh-component-oracle';
import { plantedCorpus, type PlantedRecord } from './test-support/planted-corpus';
import { verdictsById } from './test-support/observe-in-order';
import { shuffled } from './test-support/seeded-random';

const corpus = plantedCorpus();
const byGroup = groupBy(corpus);
const uniqueRecords = [...byGroup.values()].filter((members) => members.length === 1).map((members) => members[0]!);
const nearGroups = [...byGroup.values()].filter((members) => members.some((record) => record.kind === 'edited-copy' || record.kind === 'inserted-copy'));

/** Kept members of each group, by group. */
function keptByGroup(verdicts: ReadonlyMap<string, AggregateVerdictV1>, members: ReadonlyArray<PlantedRecord>): PlantedRecord[] {
  return members.filter((record) => verdicts.get(record.id)!.keep);
}

describe('the planted corpus', () => {
  it('has unique documents, exact copies and near copies', () => {
    expect(byGroup.size).toBe(300);
    expect(uniqueRecords.length).toBeGreaterThan(60);
    expect(nearGroups.length).toBeGreaterThan(100);
    expect(corpus.filter((record) => record.kind === 'exact-copy').length).toBeGreaterThan(50);
    expect(corpus.filter((record) => record.kind === 'spacing-copy').length).toBeGreaterThan(50);
  });
});

describe('dedup:exact on the planted corpus', () => {
  it('keeps exactly one record of each group of equal normalised texts, the smallest _id, and every other record', async () => {
    const verdicts = await verdictsById(createExactDedupFilter({}, { sortBufferBytes: 4096 }), shuffled(corpus, 1));
    for (const members of byGroup.values()) {
      const exactGroup = members.filter((record) => record.kind === 'base' || record.kind === 'exact-copy' || record.kind === 'spacing-copy');
      const smallest = exactGroup.map((record) => record.id).sort()[0]!;
      expect(keptByGroup(verdicts, exactGroup).map((record) => record.id)).toEqual([smallest]);
      for (const record of exactGroup.filter((member) => member.id !== smallest)) {
        expect(verdicts.get(record.id)).toEqual({ keep: false, reason: `same normalised text as ${smallest}`, duplicateOf: smallest });
      }
      for (const record of members.filter((member) => !exactGroup.includes(member))) expect(verdicts.get(record.id)!.keep).toBe(true);
    }
  });

  it('with normalize: false, drops exactly the records whose very characters a record with a smaller _id has', async () => {
    const verdicts = await verdictsById(createExactDedupFilter({ normalize: false }), corpus);
    for (const record of corpus) {
      const smaller = corpus.filter((other) => other.text === record.text && other.id < record.id).map((other) => other.id).sort();
      expect(verdicts.get(record.id)).toEqual(smaller.length === 0 ? { keep: true } : { keep: false, reason: `same text as ${smaller[0]}`, duplicateOf: smaller[0] });
    }
    expect(corpus.filter((record) => !verdicts.get(record.id)!.keep).every((record) => record.kind !== 'spacing-copy' || !record.text.endsWith('\n') || corpus.some((other) => other !== record && other.text === record.text))).toBe(true);
  });
});

describe('dedup:minhash on the planted corpus', () => {
  it.each(['components', 'bucket'] as const)('grouping %s resolves at least nine in ten near-duplicate groups and drops no unique record', async (grouping) => {
    const verdicts = await verdictsById(createMinhashDedupFilter({ grouping }, { sortBufferBytes: 64 << 10 }), shuffled(corpus, 2));
    const resolved = nearGroups.filter((members) => keptByGroup(verdicts, members).length === 1).length;
    const share = resolved / nearGroups.length;
    console.log(`dedup:minhash (${grouping}) resolved ${resolved} of ${nearGroups.length} near-duplicate groups (${(share * 100).toFixed(1)}%)`);
    expect(share).toBeGreaterThanOrEqual(0.9);
    for (const record of uniqueRecords) expect(verdicts.get(record.id), record.id).toEqual({ keep: true });
    for (const members of byGroup.values()) expect(keptByGroup(verdicts, members).length).toBeGreaterThanOrEqual(1);
  });

  it('resolves at least 90% of the groups whose two near copies carry different edits, and every group the LSH connects', async () => {
    // 1,000 base documents: about 270 groups with two near copies, each about 0.87 from the base
    // and 0.77 from each other, so the copies often meet only through the base.
    const twoCopies = plantedCorpus({ seed: 11, bases: 1000, nearCopies: 2 });
    const groupsOfTwo = groupBy(twoCopies);
    const withTwo = [...groupsOfTwo.values()].filter((members) => members.filter((record) => record.kind === 'edited-copy' || record.kind === 'inserted-copy').length === 2);
    const oracle = lshComponentMinima(twoCopies);
    const connected = withTwo.filter((members) => new Set(members.map((record) => oracle.get(record.id))).size === 1);
    const groupOf = new Map(twoCopies.map((record) => [record.id, record.group]));
    const shares: Record<string, number> = {};
    for (const grouping of ['components', 'bucket'] as const) {
      const verdicts = await verdictsById(createMinhashDedupFilter({ grouping }), shuffled(twoCopies, 4));
      const resolved = withTwo.filter((members) => keptByGroup(verdicts, members).length === 1);
      shares[grouping] = resolved.length / withTwo.length;
      console.log(`dedup:minhash (${grouping}) resolved ${resolved.length} of ${withTwo.length} groups with two different near copies (${(shares[grouping]! * 100).toFixed(1)}%)`);
      for (const [id, verdict] of verdicts) if (!verdict.keep) expect(groupOf.get(verdict.duplicateOf!)).toBe(groupOf.get(id));
      for (const members of groupsOfTwo.values()) expect(keptByGroup(verdicts, members).length).toBeGreaterThanOrEqual(1);
      // Components resolve every group the LSH buckets connect; the others have a copy sharing no bucket with its group.
      if (grouping === 'components') expect(resolved).toEqual(connected);
    }
    expect(shares.components).toBeGreaterThanOrEqual(0.9);
    // One step through buckets leaves two copies that meet only through the base: see "Grouping" in the README.
    expect(shares.bucket).toBeLessThan(shares.components!);
  });

  it.each(['components', 'bucket'] as const)('grouping %s with verify resolves as many groups; a record dropped for a record it shares a band with is at least 0.8 alike', async (grouping) => {
    const verdicts = await verdictsById(createMinhashDedupFilter({ verify: true, grouping }), shuffled(corpus, 3));
    const resolved = nearGroups.filter((members) => keptByGroup(verdicts, members).length === 1).length;
    console.log(`dedup:minhash (${grouping}, verify) resolved ${resolved} of ${nearGroups.length} near-duplicate groups (${((resolved / nearGroups.length) * 100).toFixed(1)}%)`);
    expect(resolved / nearGroups.length).toBeGreaterThanOrEqual(0.9);
    for (const record of uniqueRecords) expect(verdicts.get(record.id)!.keep).toBe(true);
    for (const verdict of verdicts.values()) {
      if (verdict.keep) continue;
      if (grouping === 'components' && verdict.reason!.includes('connected through')) {
        // Linked to the kept record only through verified links to others.
        expect(verdict.reason).toMatch(/^near duplicate of [0-9a-f]{16} \(connected through verified LSH buckets to [0-9a-f]{16}, sharing no band with it; Jaccard [01]\.\d+ with it\)$/);
      } else {
        expect(verdict.score).toBeGreaterThanOrEqual(0.8);
        expect(verdict.reason).toMatch(/^near duplicate of [0-9a-f]{16} \(shares LSH bands? [\d, andmore]+; Jaccard [01]\.\d+ ≥ 0\.8\)$/);
      }
    }
  });
});

// --- Internal helpers ---

function groupBy(records: ReadonlyArray<PlantedRecord>): Map<number, PlantedRecord[]> {
  const groups = new Map<number, PlantedRecord[]>();
  for (const record of records) groups.set(record.group, [...(groups.get(record.group) ?? []), record]);
  return groups;
}
