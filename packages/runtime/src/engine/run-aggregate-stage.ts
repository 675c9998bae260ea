import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateFilterV1, AggregateItemV1, AggregateVerdictV1, JsonRecord, ModelCallMeta, RecordMeta } from '@synthkit/core';
import type { ModelGateway } from '../gateway/model-gateway';
import { readJsonl } from '../jsonl/read-jsonl';
import type { PlannedFilterStage } from '../recipe/recipe-plan';
import { rootIdOf } from '../run/root-ledger';
import { batchId } from './batch-id';
import { batchRecords } from './batch-records';
import { createFilterContext, type TrackedAggregateContext } from './create-filter-context';
import type { WarningListener } from './create-task-context';
import { matchesRecordCondition } from './matches-record-condition';
import { missingTextReason } from './missing-text-reason';
import { recordFields, serializedLine, serializeRecord, type PipelineRecord, type RejectEntry } from './pipeline-record';
import type { RecordTracker } from './record-tracker';
import type { StageStatistics } from './run-statistics';

/** What an aggregate stage needs from the run. */
export interface AggregateStageContext {
  readonly signal: AbortSignal;
  readonly seed: number;
  readonly gateway: ModelGateway;
  readonly onReject?: (entry: RejectEntry) => void | PromiseLike<void>;
  readonly onWarning?: WarningListener;
  readonly tracker?: RecordTracker;
  /**
   * The run's folder for stage state (`<out>/.synthkit/stages`): the records the stage observed are
   * kept there, so a resumed run gives its filter the same set. Default: a temporary folder,
   * removed when the stage is done (nothing to resume).
   */
  readonly stateDirectory?: string;
  /** True when this session continues an earlier one: the stage's kept records are observed again first. */
  readonly resuming?: boolean;
  /** Serialize the records it passes on (it is the last stage of a run that writes them). */
  readonly serialize: boolean;
}

/**
 * Runs a stage of an {@link AggregateFilterV1}: a filter that must see every record before it
 * decides (dedup, statistics), so that its decisions do not depend on the order records arrive in.
 *
 * Records are observed in batches as they arrive and appended to `records.jsonl` in the stage's
 * state folder (written before anything else happens to them, so a `kill -9` loses none). When
 * the input ends, the filter gives one verdict per record, in the order of that file, and the
 * stage passes on the kept ones and rejects the others, naming the record each duplicates. A
 * pass-through filter (statistics) passes records on as soon as it has observed them.
 *
 * Resuming: the records an earlier session observed are observed again first, from the file; the
 * ones the pipeline makes again (their roots were not finished) are not observed twice; records
 * whose roots an earlier session finished are not passed on again. So a resumed run ends with
 * the verdicts, and the output, of an uninterrupted one.
 *
 * Records held here stay live in the tracker until their verdict, so no checkpoint counts their
 * roots as finished before their fate is written.
 */
export async function* runAggregateStage(
  stage: PlannedFilterStage & { readonly filter: AggregateFilterV1 },
  upstream: AsyncIterable<PipelineRecord>,
  statistics: StageStatistics,
  context: AggregateStageContext,
): AsyncGenerator<PipelineRecord> {
  const { filter } = stage;
  const temporary = context.stateDirectory == null;
  const directory = temporary
    ? await mkdtemp(join(tmpdir(), 'synthkit-aggregate-'))
    : join(context.stateDirectory!, encodeURIComponent(stage.name));
  if (!temporary && context.resuming !== true) await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  const spillPath = join(directory, 'records.jsonl');
  const scratch = await mkdtemp(join(directory, 'scratch-'));
  const batchSize = Math.max(1, filter.batchSize ?? 256);
  let index = 0;
  /** The filter's context for a batch (or for its verdicts): its own folder, the run's seed. */
  const contextFor = (recordId: string): TrackedAggregateContext => {
    const base = createFilterContext({ stage, recordId, seed: context.seed, signal: context.signal, gateway: context.gateway, ...(context.onWarning == null ? {} : { onWarning: context.onWarning }) });
    return Object.assign(base, { directory: scratch, seed: context.seed });
  };
  const observe = async (records: ReadonlyArray<PipelineRecord>): Promise<ModelCallMeta[]> => {
    const items: AggregateItemV1[] = records.map((record) => ({ index: index++, id: record._id, text: record[stage.field] as string, record: recordFields(record) }));
    const aggregateContext = contextFor(batchId(records));
    await filter.observe(items, aggregateContext);
    return aggregateContext.calls;
  };

  let spill: number | undefined;
  try {
    // 1. What earlier sessions observed, observed again first (in their order).
    const previous = new Set<string>();
    if (context.resuming === true && (await exists(spillPath))) {
      await cutToLastNewline(spillPath);
      for await (const batch of batchRecords(readJsonl(spillPath, { signal: context.signal }), batchSize, Number.POSITIVE_INFINITY)) {
        const records = batch as PipelineRecord[];
        await observe(records);
        for (const record of records) previous.add(record._id);
      }
    }
    const previousCount = index;
    // Records this session holds whose ids an earlier session observed: settled at their verdict.
    const arrivedAgain = new Set<string>();

    // 2. This session's records, as they arrive.
    spill = openSync(spillPath, 'a');
    for await (const batch of batchRecords(upstream, batchSize, 20, context.signal)) {
      const fresh: PipelineRecord[] = [];
      for (const record of batch) {
        statistics.received++;
        if (stage.when != null && !matchesRecordCondition(stage.when, record)) {
          statistics.skipped++;
          statistics.completed++;
          statistics.emitted++;
          yield finish(record, context.serialize, stage.reference);
          continue;
        }
        const text = record[stage.field];
        if (typeof text !== 'string') {
          statistics.failed++;
          await context.onReject?.({
            stage: stage.name,
            kind: 'failed',
            reason: missingTextReason(stage.field, record, 'filter'),
            record,
          });
          context.tracker?.settled(record);
          continue;
        }
        if (previous.has(record._id)) {
          arrivedAgain.add(record._id);
          if (filter.passThrough === true) yield passOn(record, statistics, context, stage);
          else statistics.active++;
          continue;
        }
        fresh.push(record);
      }
      if (fresh.length === 0) continue;
      statistics.active += fresh.length;
      const made = await observe(fresh);
      const observed = made.length === 0 ? fresh : fresh.map((record) => withCalls(record, made));
      // Kept before anything else happens to them: a resumed session observes them again.
      writeSync(spill, `${observed.map((record) => JSON.stringify(record)).join('\n')}\n`);
      if (filter.passThrough === true) {
        statistics.active -= observed.length;
        for (const record of observed) yield passOn(record, statistics, context, stage);
      }
    }
    fsyncSync(spill);
    closeSync(spill);
    spill = undefined;
    // A cancelled run gives no verdicts: the held records stay live, their roots unfinished.
    if (context.signal.aborted) return;

    // 3. The verdicts, in the order of the file.
    if (filter.passThrough !== true) {
      const verdictContext = contextFor(`${stage.name}:verdicts`);
      const verdicts = toAsyncIterator(filter.verdicts!(verdictContext));
      let position = 0;
      for await (const line of readJsonl(spillPath, { signal: context.signal })) {
        const record = line as PipelineRecord;
        const next = await verdicts.next();
        if (next.done === true) {
          throw new Error(`${stage.reference} gave ${position} verdicts for ${index} records; an aggregate filter gives one verdict per observed record (a bug in the filter).`);
        }
        const verdict: AggregateVerdictV1 = next.value;
        const thisSession = position >= previousCount || arrivedAgain.has(record._id);
        position++;
        // Written by an earlier session already (kept, or in the rejects).
        if (context.tracker?.isFinishedBefore(rootIdOf(record)) === true && !thisSession) continue;
        if (!thisSession) context.tracker?.created(record);
        else statistics.active--;
        const keep = verdict.keep !== stage.invert;
        const scored =
          verdict.score == null ? record : ({ ...record, _meta: { ...(record._meta as RecordMeta), scores: { ...(record._meta as RecordMeta).scores, [stage.name]: verdict.score } } } as PipelineRecord);
        if (keep) {
          if (!thisSession) statistics.received++;
          statistics.completed++;
          statistics.emitted++;
          yield finish(scored, context.serialize, stage.reference);
          continue;
        }
        if (!thisSession) statistics.received++;
        statistics.filtered++;
        const reason = verdict.keep ? 'kept by the filter' : verdict.reason;
        await context.onReject?.({
          stage: stage.name,
          kind: 'filtered',
          reason: stage.invert ? `${reason} (inverted filter: the filter would keep it)` : reason,
          ...(!verdict.keep && verdict.duplicateOf != null ? { details: { duplicate_of: verdict.duplicateOf } } : {}),
          record: scored as unknown as JsonRecord,
        });
        context.tracker?.settled(record);
      }
      if ((await verdicts.next()).done !== true) {
        throw new Error(`${stage.reference} gave more verdicts than the ${index} records it observed (a bug in the filter).`);
      }
    }
    const report = filter.report?.();
    if (report != null) statistics.report = report;
    const summary = filter.summary?.();
    if (summary != null) statistics.summary = summary;
  } finally {
    if (spill != null) closeSync(spill);
    await rm(temporary ? directory : scratch, { recursive: true, force: true });
  }
}

// --- Internal helpers ---

/** A record passed on as it came (a pass-through filter watched it). */
function passOn(record: PipelineRecord, statistics: StageStatistics, context: AggregateStageContext, stage: { readonly reference: string }): PipelineRecord {
  statistics.completed++;
  statistics.emitted++;
  return finish(record, context.serialize, stage.reference);
}

/** A record ready to leave the stage: serialized when the stage is the run's last. */
function finish(record: PipelineRecord, serialize: boolean, reference: string): PipelineRecord {
  return serialize ? { ...record, [serializedLine]: serializeRecord(record, reference) } : record;
}

/** The record with the calls its batch made added to its `_meta.calls`. */
function withCalls(record: PipelineRecord, calls: ReadonlyArray<ModelCallMeta>): PipelineRecord {
  const meta = record._meta as RecordMeta;
  return { ...record, _meta: { ...meta, calls: [...(meta.calls ?? []), ...calls] } } as unknown as PipelineRecord;
}

function toAsyncIterator<T>(iterable: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in iterable) return iterable[Symbol.asyncIterator]();
  const iterator = iterable[Symbol.iterator]();
  return { next: async () => iterator.next() };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Cuts a line a killed session left half written (everything after the last newline). */
async function cutToLastNewline(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (newline !== -1) {
        await handle.truncate(start + newline + 1);
        return;
      }
      end = start;
    }
    await handle.truncate(0);
  } finally {
    await handle.close();
  }
}
