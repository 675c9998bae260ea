import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateContextV1, AggregateFilterV1, AggregateVerdictV1 } from '@synthkit/core';

/** A record as the tests give it: its `_id` and text. */
export interface TestRecord {
  readonly id: string;
  readonly text: string;
}

/** How {@link verdictsById} feeds a filter. */
export interface ObserveOptions {
  /** Records per `observe` call. Default: the filter's `batchSize`, or 256. */
  readonly batchSize?: number;
  /** Context members besides `directory` (e.g. `embed`). */
  readonly context?: Partial<AggregateContextV1>;
}

/**
 * Feeds `records` to an aggregate filter in the order given (indexes from 0), in batches, with a
 * fresh working folder as `context.directory`; returns each record's verdict by `_id`, and checks
 * that the filter left no file behind and gave one verdict per record.
 */
export async function verdictsById(
  filter: AggregateFilterV1,
  records: ReadonlyArray<TestRecord>,
  options: ObserveOptions = {},
): Promise<Map<string, AggregateVerdictV1>> {
  const directory = mkdtempSync(join(tmpdir(), 'dedup9-test-'));
  try {
    const context = { ...options.context, directory } as AggregateContextV1;
    const batchSize = options.batchSize ?? filter.batchSize ?? 256;
    for (let start = 0; start < records.length; start += batchSize) {
      const batch = records.slice(start, start + batchSize).map((record, position) => ({
        index: start + position,
        id: record.id,
        text: record.text,
        record: { text: record.text },
      }));
      await filter.observe(batch, context);
    }
    const verdicts: AggregateVerdictV1[] = [];
    for await (const verdict of filter.verdicts!(context)) verdicts.push(verdict);
    if (verdicts.length !== records.length) throw new Error(`${verdicts.length} verdicts for ${records.length} records`);
    const left = readdirSync(directory);
    if (left.length > 0) throw new Error(`the filter left files behind: ${left.join(', ')}`);
    return new Map(records.map((record, index) => [record.id, verdicts[index]!]));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The ids of the records a verdict map keeps, sorted. */
export function keptIds(verdicts: ReadonlyMap<string, AggregateVerdictV1>): string[] {
  return [...verdicts].filter(([, verdict]) => verdict.keep).map(([id]) => id).sort();
}
