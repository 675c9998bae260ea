import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  defineAggregateFilter,
  type AggregateContextV1,
  type AggregateFilterV1,
  type AggregateItemV1,
  type AggregateVerdictV1,
  type JsonRecord,
  strictOptionsObject,
} from '@synthkit/core';
import { z } from 'zod';
import { checkObservedIndex } from './internal/check-observed-index';
import { createDedupFilter } from './internal/create-dedup-filter';
import { openDedupWorkspace, type DedupWorkspace } from './internal/dedup-workspace';
import { formatCount } from './internal/format-count';
import { formatSimilarity } from './internal/format-similarity';
import { AppendOnlyStringStore } from './storage/append-only-string-store';
import { sorterSizes, type DedupStorageOptions } from './storage/dedup-storage-options';
import { DistinctValueCounter } from './storage/distinct-value-counter';
import { BestMatchFile } from './storage/best-match-file';
import { compareIds } from './storage/id-prefix';
import { readFully, writeFully } from './storage/whole-file-io';

/** Options of `dedup:semantic`. */
export interface SemanticDedupFilterOptions {
  /**
   * Least cosine similarity between the embeddings of two texts for the one with the larger `_id`
   * to be dropped. Default 0.9. NeMo Curator's `eps_to_extract` is 1 − this (its 0.01 is 0.99 here).
   */
  readonly threshold?: number;
}

/** What `dedup:semantic` found, as written under its stage in `run.json`. */
export interface SemanticDedupReport extends JsonRecord {
  readonly records: number;
  /** Records dropped for an embedding as close as `threshold` to one of a record with a smaller `_id`. */
  readonly duplicatesRemoved: number;
  /** Distinct records the dropped ones were matched to. */
  readonly groups: number;
  /** Length of the embeddings (0 when nothing was observed). */
  readonly dimensions: number;
  /** Record pairs compared: n (n − 1) / 2. */
  readonly comparisons: number;
  readonly threshold: number;
}

const semanticDedupOptionsSchema: z.ZodType<Required<SemanticDedupFilterOptions>, SemanticDedupFilterOptions | undefined> = strictOptionsObject({
  threshold: z
    .number({ error: 'must be a cosine similarity from -1 to 1, e.g. 0.9' })
    .min(-1, { error: 'must be -1 or more' })
    .max(1, { error: 'must be 1 or less' })
    .default(0.9)
    .describe('Least cosine similarity for a record to be dropped as a duplicate of one with a smaller _id.'),
}).prefault({});

/**
 * `dedup:semantic`: drops records whose meaning repeats another's, by the cosine similarity of
 * their embeddings (the model bound to the `embedder` role, called through the engine, one
 * request per observed batch of up to 256 texts).
 *
 * Rule: a record R is dropped when some record with a smaller `_id` (plain string comparison) has
 * a cosine similarity of at least `threshold` with it; the reject names the most similar such
 * record (`cosine 0.97 ≥ 0.95 with 3f2a…`; on equal similarity the smaller `_id`), and `score` is
 * that similarity. Every pair is compared exactly (blockwise, unit vectors on disk as float32), so
 * the verdicts depend only on the set of records, never on their order, at a cost of n²/2 dot
 * products: right up to about 100,000 records (see the README for timings); NeMo Curator clusters
 * with k-means first and compares within clusters only, which scales further but can miss pairs.
 */
export const semanticDedupFilter = defineAggregateFilter({
  description:
    'Drops a record when an embedding of a record with a smaller _id has cosine similarity ≥ threshold with its own (exact pairwise comparison; up to ~100,000 records).',
  options: semanticDedupOptionsSchema,
  embeddingModels: { embedder: 'Embeds each text; texts of the same meaning should get a cosine similarity near 1.' },
  create: (options) => new SemanticDeduplicator(options),
});

/**
 * Creates a `dedup:semantic` filter without the plugin registry, to call `observe` and `verdicts`
 * directly with a context whose `embed` embeds texts (see {@link semanticDedupFilter} for the rule).
 *
 * @param options `threshold` (default 0.9).
 * @param storage where the working files go and the block size (`sortBufferBytes`: bytes of
 *   vectors compared per block, default 4 MiB).
 * @throws InvalidArgumentError when an option is unknown, of the wrong type or out of range.
 */
export function createSemanticDedupFilter(
  options?: SemanticDedupFilterOptions,
  storage: DedupStorageOptions = {},
): AggregateFilterV1 & SemanticDeduplicator {
  return createDedupFilter(semanticDedupFilter, options, 'dedup:semantic', (parsed) => new SemanticDeduplicator(parsed, storage));
}

/** The filter object of one `dedup:semantic` stage. */
export class SemanticDeduplicator {
  /** Records per `observe` call, and so texts per embedding request (the engine splits it further if the model takes fewer). */
  readonly batchSize = 256;
  readonly #options: Required<SemanticDedupFilterOptions>;
  readonly #storage: DedupStorageOptions;
  #workspace: DedupWorkspace | undefined;
  #ids: AppendOnlyStringStore | undefined;
  #vectorsPath = '';
  #vectorsFile: number | undefined;
  #vectorsWritten = 0;
  #dimensions = 0;
  #observed = 0;
  #report: SemanticDedupReport | undefined;

  constructor(options: Required<SemanticDedupFilterOptions>, storage: DedupStorageOptions = {}) {
    this.#options = options;
    this.#storage = storage;
  }

  /** Embeds the batch's texts through `context.embed` and stores them as unit vectors. */
  async observe(items: ReadonlyArray<AggregateItemV1>, context: AggregateContextV1): Promise<void> {
    if (items.length === 0) return;
    if (typeof context?.embed !== 'function') {
      throw new Error(
        'dedup:semantic needs context.embed to embed texts: run it in a stage whose embedder role is bound to an embedding model (models: { embedder: provider:model }), or pass a context with embed() when calling observe() directly.',
      );
    }
    items.forEach((item, position) => checkObservedIndex(item.index, this.#observed + position, 'dedup:semantic'));
    const { embeddings } = await context.embed({ role: 'embedder', texts: items.map((item) => item.text) });
    if (embeddings.length !== items.length) {
      throw new Error(`dedup:semantic: the embedder returned ${embeddings.length} vectors for ${items.length} texts; it must return one per text.`);
    }
    if (this.#vectorsFile == null) this.#open(context.directory, embeddings[0]!.length);
    const vectors = new Float32Array(items.length * this.#dimensions);
    embeddings.forEach((embedding, position) => {
      writeUnitVector(embedding, vectors, position * this.#dimensions, this.#dimensions, items[position]!.index);
    });
    writeFully(this.#vectorsFile!, vectors, vectors.byteLength, this.#vectorsWritten);
    this.#vectorsWritten += vectors.byteLength;
    for (const item of items) this.#ids!.append(item.id);
    this.#observed += items.length;
  }

  /**
   * One verdict per observed record, in index order. Compares every pair of records once, a block
   * of vectors against each later block, keeping for each record its most similar record with a
   * smaller `_id` (on disk); a block's verdicts go out as soon as it has met every other block.
   */
  async *verdicts(): AsyncGenerator<AggregateVerdictV1> {
    let states: BestMatchFile | undefined;
    let groups: DistinctValueCounter | undefined;
    try {
      const count = this.#observed;
      if (count === 0 || this.#vectorsFile == null) {
        this.#report = this.#makeReport(0, 0);
        return;
      }
      const ids = this.#ids!;
      const dimensions = this.#dimensions;
      const directory = this.#workspace!.path;
      const blockRecords = Math.max(1, Math.floor((this.#storage.sortBufferBytes ?? 4 << 20) / (4 * Math.max(1, dimensions))));
      states = new BestMatchFile(join(directory, 'semantic-best-matches.bin'), count);
      groups = new DistinctValueCounter(directory, 'semantic-groups', this.#storage.sortBufferBytes);
      const threshold = this.#options.threshold;
      let duplicatesRemoved = 0;
      for (let rowStart = 0; rowStart < count; rowStart += blockRecords) {
        const rows = this.#loadBlock(rowStart, Math.min(blockRecords, count - rowStart), states);
        for (let columnStart = rowStart; columnStart < count; columnStart += blockRecords) {
          const columns = columnStart === rowStart ? rows : this.#loadBlock(columnStart, Math.min(blockRecords, count - columnStart), states);
          compareBlocks(rows, columns, dimensions, ids);
          if (columns !== rows) states.write(columns.start, columns.best, columns.candidate);
          await nextTurn();
        }
        states.write(rows.start, rows.best, rows.candidate);
        // Every pair involving this block has been compared: its verdicts are final.
        for (let row = 0; row < rows.count; row++) {
          const best = rows.best[row]!;
          const candidate = rows.candidate[row]!;
          if (candidate < 0) {
            yield { keep: true };
          } else if (best >= threshold) {
            const duplicateOf = ids.read(candidate);
            duplicatesRemoved++;
            groups.add(candidate);
            yield { keep: false, reason: `cosine ${formatSimilarity(best, threshold)} ≥ ${threshold} with ${duplicateOf}`, duplicateOf, score: best };
          } else {
            yield { keep: true, score: best };
          }
        }
      }
      this.#report = this.#makeReport(duplicatesRemoved, await groups.count());
    } finally {
      states?.close();
      groups?.close();
      this.#close();
    }
  }

  /** Counts once the verdicts are given: records, duplicates removed, groups, comparisons. */
  report(): SemanticDedupReport {
    return this.#report ?? this.#makeReport(0, 0);
  }

  /** One line for the terminal, e.g. `412 of 5,000 records were semantic duplicates (cosine ≥ 0.9) of 380 records; 4,588 kept`. */
  summary(): string {
    const { records, duplicatesRemoved, groups, threshold } = this.report();
    if (duplicatesRemoved === 0) return `no semantic duplicates (cosine ≥ ${threshold}) among ${formatCount(records)} ${records === 1 ? 'record' : 'records'}`;
    return `${formatCount(duplicatesRemoved)} of ${formatCount(records)} records were semantic duplicates (cosine ≥ ${threshold}) of ${formatCount(groups)} ${groups === 1 ? 'record' : 'records'}; ${formatCount(records - duplicatesRemoved)} kept`;
  }

  #loadBlock(start: number, count: number, states: BestMatchFile): Block {
    const dimensions = this.#dimensions;
    const vectors = new Float32Array(count * dimensions);
    readFully(this.#vectorsFile!, vectors, vectors.byteLength, start * dimensions * 4);
    const { best, candidate } = states.read(start, count);
    return { start, count, vectors, ids: this.#ids!.readRange(start, count), best, candidate };
  }

  #makeReport(duplicatesRemoved: number, groups: number): SemanticDedupReport {
    const records = this.#observed;
    return { records, duplicatesRemoved, groups, dimensions: this.#dimensions, comparisons: (records * (records - 1)) / 2, threshold: this.#options.threshold };
  }

  #open(directory: string | undefined, dimensions: number): void {
    if (!Number.isInteger(dimensions) || dimensions < 1) {
      throw new Error(`dedup:semantic: the embedder returned a vector of ${dimensions} numbers; embeddings need at least one.`);
    }
    this.#dimensions = dimensions;
    this.#workspace = openDedupWorkspace(directory ?? this.#storage.directory, 'dedup-semantic');
    this.#ids = new AppendOnlyStringStore(this.#workspace.path, 'semantic-ids');
    this.#vectorsPath = join(this.#workspace.path, 'semantic-vectors.f32');
    this.#vectorsFile = openSync(this.#vectorsPath, 'w+');
  }

  #close(): void {
    this.#ids?.close();
    if (this.#vectorsFile != null) {
      closeSync(this.#vectorsFile);
      rmSync(this.#vectorsPath, { force: true });
    }
    this.#workspace?.release();
    this.#ids = undefined;
    this.#vectorsFile = undefined;
    this.#workspace = undefined;
  }
}

// --- Internal helpers ---

/** A block of records in memory: their unit vectors, ids, and best matches so far. */
interface Block {
  readonly start: number;
  readonly count: number;
  readonly vectors: Float32Array;
  readonly ids: ReadonlyArray<string>;
  /** Per record: the highest cosine with a record of smaller `_id` seen so far (−Infinity: none). */
  readonly best: Float64Array;
  /** Per record: that record's index, or −1. */
  readonly candidate: Float64Array;
}

/**
 * Compares every record of `rows` with every record of `columns` (each pair once when they are the
 * same block) and updates the best match of the one with the larger `_id` in each pair. A row meets
 * four columns at a time, reading its vector once for the four (about twice as fast).
 */
function compareBlocks(rows: Block, columns: Block, dimensions: number, ids: AppendOnlyStringStore): void {
  const same = rows === columns;
  const similarities = new Float64Array(4);
  // The ids of both blocks ranked together (equal ids, equal ranks): an integer comparison per pair.
  const [rowRanks, columnRanks] = rankIds(rows.ids, columns.ids);
  const settle = (row: number, rowRank: number, column: number, similarity: number): void => {
    const columnRank = columnRanks[column]!;
    if (rowRank < columnRank) {
      if (similarity >= columns.best[column]!) updateBest(columns, column, similarity, rows.start + row, rows.ids[row]!, ids);
    } else if (columnRank < rowRank && similarity >= rows.best[row]!) {
      updateBest(rows, row, similarity, columns.start + column, columns.ids[column]!, ids);
    }
  };
  for (let row = 0; row < rows.count; row++) {
    const rowOffset = row * dimensions;
    const rowRank = rowRanks[row]!;
    let column = same ? row + 1 : 0;
    for (; column + 4 <= columns.count; column += 4) {
      dotProductsOfFour(rows.vectors, rowOffset, columns.vectors, column * dimensions, dimensions, similarities);
      settle(row, rowRank, column, similarities[0]!);
      settle(row, rowRank, column + 1, similarities[1]!);
      settle(row, rowRank, column + 2, similarities[2]!);
      settle(row, rowRank, column + 3, similarities[3]!);
    }
    for (; column < columns.count; column++) settle(row, rowRank, column, dotProduct(rows.vectors, rowOffset, columns.vectors, column * dimensions, dimensions));
  }
}

/** Ranks of the ids of two blocks in one order (plain string comparison; equal ids share a rank). */
function rankIds(rowIds: ReadonlyArray<string>, columnIds: ReadonlyArray<string>): [Int32Array, Int32Array] {
  const rowRanks = new Int32Array(rowIds.length);
  const columnRanks = rowIds === columnIds ? rowRanks : new Int32Array(columnIds.length);
  const entries: Array<[string, Int32Array, number]> = rowIds.map((id, index) => [id, rowRanks, index]);
  if (columnRanks !== rowRanks) columnIds.forEach((id, index) => entries.push([id, columnRanks, index]));
  entries.sort(([left], [right]) => compareIds(left, right));
  let rank = 0;
  entries.forEach(([id, ranks, index], position) => {
    if (position > 0 && id !== entries[position - 1]![0]) rank++;
    ranks[index] = rank;
  });
  return [rowRanks, columnRanks];
}

/** Keeps the most similar smaller-`_id` record; on equal similarity, the one with the smaller `_id`. */
function updateBest(block: Block, position: number, similarity: number, candidate: number, candidateId: string, ids: AppendOnlyStringStore): void {
  const best = block.best[position]!;
  if (similarity > best || (similarity === best && candidateId < ids.read(block.candidate[position]!))) {
    block.best[position] = similarity;
    block.candidate[position] = candidate;
  }
}

/**
 * Σ left[i] · right[i] in float64, summed from the first dimension to the last: the products of
 * float32 numbers are exact in float64 and the sum runs the same way whichever record is the row,
 * so a pair gets the same similarity in any arrival order (what keeps the verdicts order-free).
 */
function dotProduct(left: Float32Array, leftOffset: number, right: Float32Array, rightOffset: number, dimensions: number): number {
  let sum = 0;
  for (let index = 0; index < dimensions; index++) sum += left[leftOffset + index]! * right[rightOffset + index]!;
  return sum;
}

/**
 * The {@link dotProduct}s of the vector at `leftOffset` with the four consecutive vectors from
 * `rightOffset`, into `out` (each summed in the same order as `dotProduct`, so the results are equal).
 */
function dotProductsOfFour(left: Float32Array, leftOffset: number, right: Float32Array, rightOffset: number, dimensions: number, out: Float64Array): void {
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  const first = rightOffset;
  const second = first + dimensions;
  const third = second + dimensions;
  const fourth = third + dimensions;
  for (let index = 0; index < dimensions; index++) {
    const value = left[leftOffset + index]!;
    sum0 += value * right[first + index]!;
    sum1 += value * right[second + index]!;
    sum2 += value * right[third + index]!;
    sum3 += value * right[fourth + index]!;
  }
  out[0] = sum0;
  out[1] = sum1;
  out[2] = sum2;
  out[3] = sum3;
}

/** Writes `embedding` scaled to length 1 (a zero vector stays zero: similar to nothing) as float32. */
function writeUnitVector(embedding: ReadonlyArray<number>, out: Float32Array, offset: number, dimensions: number, recordIndex: number): void {
  if (embedding.length !== dimensions) {
    throw new Error(
      `dedup:semantic: the embedding of record ${recordIndex} has ${embedding.length} numbers where the first had ${dimensions}; the embedder must give every text a vector of the same length.`,
    );
  }
  let squares = 0;
  for (const value of embedding) {
    if (!Number.isFinite(value)) throw new Error(`dedup:semantic: the embedding of record ${recordIndex} holds ${value}; every number must be finite.`);
    squares += value * value;
  }
  const scale = squares === 0 ? 0 : 1 / Math.sqrt(squares);
  for (let index = 0; index < dimensions; index++) out[offset + index] = embedding[index]! * scale;
}
