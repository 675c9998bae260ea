import type { AggregateContextV1, AggregateItemV1, AggregateVerdictV1, JsonRecord } from '@synthkit/core';
import { MockEmbeddingModelV1, runFilter } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { easinessFilter, type EasinessReport } from './easiness-filter';

/**
 * An embedding whose cosine similarities a test writes: a question `similarity 0.87 ...` points at
 * the angle whose cosine is 0.87 from the x axis, every other text (a passage) along it.
 */
function embedBySimilarity(text: string): number[] {
  const written = /^similarity (-?[\d.]+)/.exec(text)?.[1];
  if (text.startsWith('zero')) return [0, 0];
  if (written == null) return [1, 0];
  const similarity = Number(written);
  return [similarity, Math.sqrt(1 - similarity * similarity)];
}

const similarities = [0.12, 0.87, 0.55, 0.31, 0.99, 0.42, 0.76];
const pairs = (values: ReadonlyArray<number>): JsonRecord[] =>
  values.map((value, index) => ({ _id: `pair-${index}`, question: `similarity ${value}: what does passage ${index} say?`, text: `Passage ${index} of the corpus.` }));

/** Observes the items in the given batches through a context whose embedder embeds with {@link embedBySimilarity}, then gives the verdicts by id. */
async function verdictsById(items: ReadonlyArray<AggregateItemV1>, batchSizes: number, options: object = {}) {
  const filter = easinessFilter.create(easinessFilter.options.parse(options));
  const embedded: string[][] = [];
  const context = {
    embed: async ({ texts }: { texts: ReadonlyArray<string> }) => {
      embedded.push([...texts]);
      return { embeddings: texts.map(embedBySimilarity) };
    },
  } as unknown as AggregateContextV1;
  for (let start = 0; start < items.length; start += batchSizes) {
    await filter.observe(items.slice(start, start + batchSizes).map((item, offset) => ({ ...item, index: start + offset })), context);
  }
  const verdicts = [...(filter.verdicts!(context) as Iterable<AggregateVerdictV1>)];
  const byId = Object.fromEntries(items.map((item, index) => [item.id, verdicts[index]!]));
  return { byId, report: filter.report!() as EasinessReport, summary: filter.summary!(), embedded };
}

const itemsOf = (records: ReadonlyArray<JsonRecord>): AggregateItemV1[] =>
  records.map(({ _id, text, ...fields }, index) => ({ index, id: String(_id), text: String(text), record: { text: text!, ...fields } }));

describe('judge:easiness', () => {
  it('keeps pairs whose similarity is at or below the percentile of all of them (numpy\'s linear interpolation), drops the easier ones', async () => {
    const { byId, report, summary } = await verdictsById(itemsOf(pairs(similarities)), 3);
    // numpy.percentile(similarities, 70) = 0.782: 0.12, 0.31, 0.42, 0.55 and 0.76 are kept.
    expect(report).toEqual({ percentile: 0.7, cutoff: expect.closeTo(0.782, 12), scored: 7, kept: 5, too_easy: 2, not_scored: 0 });
    expect(Object.entries(byId).filter(([, verdict]) => verdict.keep).map(([id]) => id)).toEqual(['pair-0', 'pair-2', 'pair-3', 'pair-5', 'pair-6']);
    expect(byId['pair-1']).toEqual({ keep: false, score: expect.closeTo(0.87, 12), reason: 'too easy: question-passage similarity 0.87 above the cut-off 0.782 (percentile 0.7 of 7 pairs)' });
    expect(byId['pair-0']).toEqual({ keep: true, score: expect.closeTo(0.12, 12) });
    expect(summary).toBe('kept 5 of 7 question-passage pairs with similarity at or below 0.782 (percentile 0.7), dropped 2 as too easy');
  });

  it('reads percentile on a 0-1 scale: NeMo\'s 0.7 (numpy\'s 0-100 scale) is 0.007 here', async () => {
    const nemo = await verdictsById(itemsOf(pairs(similarities)), 7, { percentile: 0.007 });
    // numpy.percentile(similarities, 0.7) = 0.12 + 0.19 * 0.042 = 0.12798: only the least similar pair is kept.
    expect(nemo.report).toMatchObject({ cutoff: expect.closeTo(0.12798, 12), kept: 1 });
    expect((await verdictsById(itemsOf(pairs(similarities)), 7, { percentile: 1 })).report).toMatchObject({ cutoff: expect.closeTo(0.99, 12), kept: 7 });
    expect((await verdictsById(itemsOf(pairs(similarities)), 7, { percentile: 0 })).report).toMatchObject({ cutoff: expect.closeTo(0.12, 12), kept: 1 });
    expect(easinessFilter.options.safeParse({ percentile: 70 }).success).toBe(false);
  });

  it('keeps every pair tied at the cut-off', async () => {
    const { report } = await verdictsById(itemsOf(pairs([0.5, 0.5, 0.5, 0.9])), 4, { percentile: 0.5 });
    expect(report).toMatchObject({ cutoff: expect.closeTo(0.5, 12), kept: 3, too_easy: 1 });
  });

  it('gives the same verdicts whatever the order and batching of the records', async () => {
    const records = pairs([...similarities, 0.33, 0.64, 0.64, 0.05, 0.91]);
    const items = itemsOf(records);
    const outcomes = await Promise.all(
      [
        [items, 1],
        [[...items].reverse(), 5],
        [[...items.filter((_, index) => index % 2 === 1), ...items.filter((_, index) => index % 2 === 0)], 256],
      ].map(async ([order, batch]) => (await verdictsById(order as AggregateItemV1[], batch as number)).byId),
    );
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });

  it('drops records with no question, a blank question or passage, or a vector with no direction, with the reason, outside the percentile', async () => {
    const records: JsonRecord[] = [
      ...pairs([0.2, 0.4, 0.6]),
      { _id: 'no-question', text: 'A passage.', query: 'similarity 0.1: ?' },
      { _id: 'list-question', text: 'A passage.', question: ['similarity 0.1'] },
      { _id: 'blank-question', text: 'A passage.', question: '  ' },
      { _id: 'blank-passage', text: '', question: 'similarity 0.1: ?' },
      { _id: 'zero-vector', text: 'A passage.', question: 'zero: what is this?' },
    ];
    const { byId, report, summary } = await verdictsById(itemsOf(records), 4, { percentile: 0.5 });
    expect(report).toEqual({ percentile: 0.5, cutoff: expect.closeTo(0.4, 12), scored: 3, kept: 2, too_easy: 1, not_scored: 5 });
    expect(byId['no-question']).toEqual({ keep: false, reason: 'the record has no field "question"; set the stage\'s options.question_field to the field holding the question (the record\'s fields: text, query)' });
    expect(byId['list-question']!.keep === false && byId['list-question']!.reason).toMatch(/^the field "question" holds a list, not text;/);
    expect(byId['blank-question']).toEqual({ keep: false, reason: 'blank question in "question": nothing to compare with the passage' });
    expect(byId['blank-passage']).toEqual({ keep: false, reason: 'blank passage: nothing to compare with the question' });
    expect(byId['zero-vector']!.keep === false && byId['zero-vector']!.reason).toContain('a vector with no direction');
    expect(summary).toBe('kept 2 of 3 question-passage pairs with similarity at or below 0.4 (percentile 0.5), dropped 1 as too easy; 5 not scored');
  });

  it('embeds each distinct text of a batch once', async () => {
    const records = [
      { _id: 'a', text: 'The same passage.', question: 'similarity 0.3: first?' },
      { _id: 'b', text: 'The same passage.', question: 'similarity 0.6: second?' },
    ];
    const { embedded } = await verdictsById(itemsOf(records), 2);
    expect(embedded).toEqual([['similarity 0.3: first?', 'The same passage.', 'similarity 0.6: second?']]);
  });

  it('runs through the engine: the similarity in _meta.scores, the embedding calls traced, the cut-off in the report', async () => {
    const embedder = new MockEmbeddingModelV1({ modelId: 'embedder', doEmbed: embedBySimilarity });
    const { kept, rejects, calls, report, summary } = await runFilter(easinessFilter, { records: pairs(similarities), embeddingModels: { embedder }, reference: 'judge:easiness', concurrency: 3 });
    expect(kept.map((record) => record['_id']).sort()).toEqual(['pair-0', 'pair-2', 'pair-3', 'pair-5', 'pair-6']);
    expect(kept.find((record) => record['_id'] === 'pair-6')!['_meta']).toMatchObject({ scores: { easiness: expect.closeTo(0.76, 12) }, calls: [expect.objectContaining({ kind: 'embedding', role: 'embedder', model: 'mock:embedder' })] });
    expect(rejects.map((entry) => [entry.record['_id'], entry.kind, entry.reason]).sort()).toEqual([
      ['pair-1', 'filtered', 'too easy: question-passage similarity 0.87 above the cut-off 0.782 (percentile 0.7 of 7 pairs)'],
      ['pair-4', 'filtered', 'too easy: question-passage similarity 0.99 above the cut-off 0.782 (percentile 0.7 of 7 pairs)'],
    ]);
    expect(calls.length).toBeGreaterThan(0);
    expect(embedder.doEmbedCalls.flat().sort()).toEqual(pairs(similarities).flatMap((record) => [record['question'], record['text']]).sort());
    expect(report).toMatchObject({ cutoff: expect.closeTo(0.782, 12), kept: 5 });
    expect(summary).toContain('kept 5 of 7 question-passage pairs');
  });
});
