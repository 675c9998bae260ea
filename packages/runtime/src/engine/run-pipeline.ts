import { setMaxListeners } from 'node:events';
import { APICallError, isAggregateFilter, type AggregateFilterV1, type FilterScore, type FilterScoreDetailsV1, type FilterV1, type JsonRecord, type ModelCallMeta, type RecordMeta } from '@synthkit/core';
import type {
  PlannedFieldsStage,
  PlannedFilterStage,
  PlannedModifierStage,
  PlannedSourceStage,
  PlannedStage,
  PlannedTaskStage,
  RecipePlan,
} from '../recipe/recipe-plan';
import { createModelGateway, type ModelGateway } from '../gateway/model-gateway';
import { ModelCallError } from '../gateway/model-call-error';
import { RunStoppedError } from '../gateway/run-stopped-error';
import { applyFieldChanges } from './apply-field-changes';
import { batchId } from './batch-id';
import { batchRecords } from './batch-records';
import { createFilterContext, filterContextFactory } from './create-filter-context';
import { createTaskContext, type WarningListener } from './create-task-context';
import { mapConcurrent } from './map-concurrent';
import { matchesRecordCondition } from './matches-record-condition';
import { missingTextReason } from './missing-text-reason';
import { recordFields, serializedLine, serializeRecord, type PipelineRecord, type RejectEntry } from './pipeline-record';
import { createContentRecordId, createRecordId } from './record-id';
import type { RecordTracker } from './record-tracker';
import { runAggregateStage } from './run-aggregate-stage';
import { runTaskOnInput } from './run-task-on-input';
import { readSourceRecords } from './read-source-records';
import { RunStatistics, type StageStatistics } from './run-statistics';
import { SeenIdFilter } from './seen-id-filter';

/** Options of {@link runPipeline}. */
export interface PipelineOptions {
  readonly plan: RecipePlan;
  /** Cancels the run: no new record is started, requests in flight are aborted. */
  readonly signal?: AbortSignal;
  /** Counters to update; pass your own to watch progress. */
  readonly statistics?: RunStatistics;
  /**
   * The model gateway every call goes through. Default: one with the endpoint settings of the plan
   * and no response cache, which stops the pipeline on fatal errors.
   */
  readonly gateway?: ModelGateway;
  /** Receives every record that leaves the pipeline early. Awaited, so a slow sink slows the run. */
  readonly onReject?: (entry: RejectEntry) => void | PromiseLike<void>;
  readonly onWarning?: WarningListener;
  /**
   * Told about every record as it is created and settled, and asked which roots to skip: how a run
   * knows which roots are finished (for checkpoints) and resumes without doing them again.
   */
  readonly tracker?: RecordTracker;
  /**
   * Serialize the records of the last stage as they are made (see `serializedLine`): a record JSON
   * cannot hold (a BigInt, a cycle) then fails its input with the reason, like any other failure,
   * instead of failing the sink. @default false
   */
  readonly serialize?: boolean;
  /**
   * Where aggregate filter stages (dedup, statistics) keep the records they observed, so a resumed
   * run gives them the same set: the run's `.synthkit/stages`. Default: a temporary folder per
   * stage, removed when it is done.
   */
  readonly stateDirectory?: string;
  /** True when the run continues an earlier session, whose aggregate stages' records are in `stateDirectory`. */
  readonly resuming?: boolean;
}

/**
 * Runs a plan and yields the records that come out of its last stage, as they come.
 *
 * Stages are connected as async iterables with a sliding concurrency window each
 * ({@link mapConcurrent}); there are no barriers, so the last stage works on the first records
 * while the first stage is still producing. A recipe that starts with a task feeds it one empty
 * record. Per-record failures never stop the run: they become `failed` rejects. Errors that would
 * fail every record (a rejected key, a model that does not exist, an endpoint that cannot be
 * reached, most calls failing) stop it: the records in flight are cancelled and the iteration
 * throws a `RunStoppedError` once the stages have wound down.
 */
export function runPipeline(options: PipelineOptions): AsyncGenerator<PipelineRecord> {
  const statistics = options.statistics ?? new RunStatistics();
  const controller = new AbortController();
  const signal = controller.signal;
  // Waits and requests in flight listen to this one signal; thousands at once are expected.
  setMaxListeners(0, signal);
  const forwardAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  else options.signal?.addEventListener('abort', forwardAbort, { once: true });
  const gateway =
    options.gateway ?? createModelGateway({ statistics, signal, onStop: (error) => controller.abort(error) });
  const context: StageRunContext = {
    ...options,
    filterContexts: new Map(),
    statistics,
    signal,
    seed: options.plan.seed,
    gateway,
  };
  const lastIndex = options.plan.stages.length - 1;
  const [first, ...rest] = options.plan.stages;
  if (first == null) throw new Error('A plan needs at least one stage.');

  let stream: AsyncGenerator<PipelineRecord>;
  let remaining: ReadonlyArray<PlannedStage>;
  if (first.kind === 'source') {
    stream = readSource(first, statistics.addStage({ name: first.name, kind: 'source', reference: first.path }), signal, options.tracker);
    remaining = rest;
  } else {
    stream = rootRecord();
    remaining = options.plan.stages;
  }
  for (const stage of remaining) {
    if (stage.kind === 'source') throw new Error('A source stage can only come first.');
    const stageStatistics = statistics.addStage({ name: stage.name, kind: stage.kind, reference: stage.reference });
    const position = { makesRoots: stage.index === 0, serialize: (options.serialize ?? false) && stage.index === lastIndex };
    if (stage.kind === 'filter' && isAggregateFilter(stage.filter)) {
      stream = runAggregateStage(stage as PlannedFilterStage & { filter: AggregateFilterV1 }, stream, stageStatistics, {
        ...context,
        serialize: position.serialize,
        ...(options.stateDirectory == null ? {} : { stateDirectory: options.stateDirectory }),
        resuming: options.resuming ?? false,
      });
    } else if (stage.kind === 'filter' && (stage.filter as FilterV1).scoreBatch != null) {
      // Batches of records to one scoreBatch call each, with as many records in flight as the stage allows.
      const batchSize = Math.max(1, (stage.filter as FilterV1).batchSize ?? 64);
      const batches = batchRecords(stream, batchSize, batchLingerMs, signal);
      stream = mapConcurrent<PipelineRecord[], PipelineRecord>(batches, { concurrency: Math.max(1, Math.ceil(stage.concurrency / batchSize)), signal }, (batch, emit) =>
        runFilterBatch(stage, position, batch, emit, stageStatistics, context),
      );
    } else {
      stream = mapConcurrent<PipelineRecord, PipelineRecord>(stream, { concurrency: stage.concurrency, signal }, (record, emit) =>
        runStage(stage, position, record, emit, stageStatistics, context),
      );
    }
  }
  return throwWhenStopped(stream, signal, () => options.signal?.removeEventListener('abort', forwardAbort));
}

// --- Internal helpers ---

/**
 * How long a partial batch of a `scoreBatch` filter waits for more records, in milliseconds: long
 * enough to fill batches from a busy stream, short against a model call.
 */
const batchLingerMs = 20;

interface StageRunContext {
  /** The context maker of each filter stage of the run. */
  readonly filterContexts: Map<PlannedFilterStage, ReturnType<typeof filterContextFactory>>;
  readonly statistics: RunStatistics;
  readonly signal: AbortSignal;
  readonly seed: number;
  readonly gateway: ModelGateway;
  readonly onReject?: PipelineOptions['onReject'];
  readonly onWarning?: WarningListener;
  readonly tracker?: RecordTracker;
}

/** Where a stage sits: the first record-producing stage makes roots; the last may serialize. */
interface StagePosition {
  readonly makesRoots: boolean;
  readonly serialize: boolean;
}

/** Passes records on; at the end, throws the `RunStoppedError` that stopped the pipeline, if one did. */
async function* throwWhenStopped(
  stream: AsyncGenerator<PipelineRecord>,
  signal: AbortSignal,
  cleanup: () => void,
): AsyncGenerator<PipelineRecord> {
  try {
    yield* stream;
  } finally {
    cleanup();
  }
  if (RunStoppedError.isInstance(signal.reason)) throw signal.reason;
}

/** The synthetic parent of a recipe's first task: no fields, no stage, not part of any lineage. */
async function* rootRecord(): AsyncGenerator<PipelineRecord> {
  yield { _id: createRecordId('', '', 0), _meta: { stage: '', lineage: [] } } as PipelineRecord;
}

/**
 * Reads seed records (a JSONL file's, or one per document file). A record's id is its own `_id` when it has one, else a hash of its content,
 * so editing one line of a seed file changes that line's id only. A record whose content came
 * earlier in the file (or, about once in 100 000 records, one the filter of seen ids cannot tell
 * from such a record) gets a hash of its content and its position instead: repeated seeds stay
 * distinct records, and memory stays bounded (4 bytes per record, at most 64 MiB). Roots an
 * earlier session finished are skipped.
 */
async function* readSource(
  source: PlannedSourceStage,
  stageStatistics: StageStatistics,
  signal: AbortSignal,
  tracker: RecordTracker | undefined,
): AsyncGenerator<PipelineRecord> {
  const stage = source.name;
  const seen = new SeenIdFilter();
  let position = 0;
  for await (const raw of readSourceRecords(source, { signal })) {
    const fields = recordFields(raw);
    let id = typeof raw._id === 'string' ? raw._id : undefined;
    if (id == null) {
      const contentId = createContentRecordId(stage, fields);
      id = seen.add(contentId) ? createRecordId(contentId, stage, position) : contentId;
    }
    position++;
    if (tracker?.isFinishedBefore(id) === true) continue;
    stageStatistics.received++;
    stageStatistics.completed++;
    stageStatistics.emitted++;
    const record = { ...fields, _id: id, _meta: { stage, lineage: [] } } as PipelineRecord;
    tracker?.created(record);
    yield record;
  }
}

async function runStage(
  stage: Exclude<PlannedStage, { kind: 'source' }>,
  position: StagePosition,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
  stageStatistics: StageStatistics,
  context: StageRunContext,
): Promise<void> {
  stageStatistics.received++;
  stageStatistics.active++;
  // Outputs are handed over all together once the input is done: a record that cannot be
  // serialized fails its input before any sibling leaves.
  const outputs: PipelineRecord[] = [];
  const collect = (output: PipelineRecord) => {
    outputs.push(output);
  };
  try {
    const skipped = stage.when != null && !matchesRecordCondition(stage.when, record);
    if (skipped) stageStatistics.skipped++;
    const outcome = skipped
      ? passOn(record, collect)
      : stage.kind === 'task'
        ? await runTaskStage(stage, record, collect, context)
        : stage.kind === 'filter'
          ? await runFilterStage(stage, record, collect, context)
          : stage.kind === 'modifier'
            ? await runModifierStage(stage, record, collect)
            : runFieldsStage(stage, record, collect);
    handOver(stage, position, outputs, outcome, emit, stageStatistics, context);
  } catch (error) {
    await failRecord(stage, record, error, stageStatistics, context);
  } finally {
    stageStatistics.active--;
    context.tracker?.settled(record);
  }
}

/**
 * A batch of records through a filter's `scoreBatch`: one call for all of them. Records the
 * stage's `when:` passes over, and records without text, go the way of single records.
 */
async function runFilterBatch(
  stage: PlannedFilterStage,
  position: StagePosition,
  batch: ReadonlyArray<PipelineRecord>,
  emit: (record: PipelineRecord) => void,
  stageStatistics: StageStatistics,
  context: StageRunContext,
): Promise<void> {
  const selected: PipelineRecord[] = [];
  for (const record of batch) {
    if ((stage.when != null && !matchesRecordCondition(stage.when, record)) || typeof record[stage.field] !== 'string') {
      await runStage(stage, position, record, emit, stageStatistics, context);
    } else {
      selected.push(record);
    }
  }
  if (selected.length === 0) return;
  stageStatistics.received += selected.length;
  stageStatistics.active += selected.length;
  const filter = stage.filter as FilterV1;
  let scores: ReadonlyArray<FilterScore | FilterScoreDetailsV1>;
  const filterContext = createFilterContext({ ...contextOf(context), stage, recordId: batchId(selected) });
  try {
    scores = await filter.scoreBatch!(
      selected.map((record) => ({ text: record[stage.field] as string, record, id: record._id })),
      filterContext,
    );
    if (!Array.isArray(scores) || scores.length !== selected.length) {
      throw new Error(`${stage.reference} returned ${Array.isArray(scores) ? `${scores.length} scores` : 'no list of scores'} for a batch of ${selected.length} records; scoreBatch must return one score per record, in order (a bug in the filter).`);
    }
  } catch (error) {
    for (const record of selected) {
      await failRecord(stage, record, error, stageStatistics, context);
      stageStatistics.active--;
      context.tracker?.settled(record);
    }
    return;
  }
  for (const [index, record] of selected.entries()) {
    const outputs: PipelineRecord[] = [];
    try {
      const outcome = await decide(stage, record, scores[index], filterContext.calls, (output) => outputs.push(output), context);
      handOver(stage, position, outputs, outcome, emit, stageStatistics, context);
    } catch (error) {
      await failRecord(stage, record, error, stageStatistics, context);
    } finally {
      stageStatistics.active--;
      context.tracker?.settled(record);
    }
  }
}

/** Passes a stage's outputs for one input on: serialized when last, counted, told to the tracker. */
function handOver(
  stage: Exclude<PlannedStage, { kind: 'source' }>,
  position: StagePosition,
  outputs: ReadonlyArray<PipelineRecord>,
  outcome: StageOutcome,
  emit: (record: PipelineRecord) => void,
  stageStatistics: StageStatistics,
  context: StageRunContext,
): void {
  const { tracker } = context;
  if (position.serialize) for (const output of outputs) output[serializedLine] = serializeRecord(output, stage.reference);
  stageStatistics[outcome]++;
  // A recipe's first task makes the roots: once it is done, their number is known.
  if (position.makesRoots) context.statistics.roots.expected = (context.statistics.roots.expected ?? 0) + outputs.length;
  for (const output of outputs) {
    // A root an earlier session finished is not done again.
    if (position.makesRoots && tracker?.isFinishedBefore(output._id) === true) continue;
    stageStatistics.emitted++;
    tracker?.created(output);
    emit(output);
  }
}

/** What becomes of an input whose processing threw: cancelled, rejected (a refused answer) or failed. */
async function failRecord(
  stage: Exclude<PlannedStage, { kind: 'source' }>,
  record: PipelineRecord,
  error: unknown,
  stageStatistics: StageStatistics,
  context: StageRunContext,
): Promise<void> {
  if (context.signal.aborted) {
    stageStatistics.cancelled++;
    context.tracker?.cut(record);
    return;
  }
  if (ModelCallError.isInstance(error) && error.kind === 'refused') {
    stageStatistics.rejected++;
    await reject(context, { stage: stage.name, kind: 'rejected', reason: error.message, error: describeError(error), record });
    return;
  }
  stageStatistics.failed++;
  await reject(context, {
    stage: stage.name,
    kind: 'failed',
    reason: errorMessage(error),
    error: describeError(error),
    record,
  });
}

/** What became of a stage's input when it did not fail: the counter it goes to. */
type StageOutcome = 'completed' | 'rejected' | 'filtered';

async function runTaskStage(
  stage: PlannedTaskStage,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
  context: StageRunContext,
): Promise<StageOutcome> {
  const fields = recordFields(record);
  const taskContext = createTaskContext({
    stage,
    recordId: record._id,
    record: fields,
    seed: context.seed,
    signal: context.signal,
    gateway: context.gateway,
    ...(context.onWarning == null ? {} : { onWarning: context.onWarning }),
  });
  const outputs = await runTaskOnInput(stage, fields, taskContext);
  const parentMeta = record._meta as RecordMeta;
  const lineage =
    parentMeta.stage === '' ? [] : [...parentMeta.lineage, { stage: parentMeta.stage, id: record._id }];
  // Records are emitted once the task is done with this input, so that `_meta.calls` holds every
  // call made for them (a list answer is only usable after its conversion call anyway).
  const meta: RecordMeta = {
    stage: stage.name,
    task: stage.reference,
    ...(parentMeta.stage === '' ? {} : { parent: record._id }),
    lineage,
    calls: [...(parentMeta.calls ?? []), ...taskContext.calls],
    ...(parentMeta.scores == null ? {} : { scores: parentMeta.scores }),
  };
  const { scoreOf } = stage.task;
  outputs.forEach((output, index) => {
    // A grading task's score for this record goes where filter stages keep theirs.
    const score = scoreOf?.(output);
    const recordMeta = typeof score === 'number' || typeof score === 'boolean' ? { ...meta, scores: { ...meta.scores, [stage.name]: score } } : meta;
    emit({ ...fields, ...output, _id: createRecordId(record._id, stage.name, index), _meta: recordMeta } as PipelineRecord);
  });
  for (const rejection of taskContext.rejections) {
    await reject(context, {
      stage: stage.name,
      kind: 'rejected',
      reason: rejection.reason,
      ...(rejection.details == null ? {} : { details: rejection.details }),
      record,
    });
  }
  // One outcome per input: rejected if the task rejected it at all, else completed.
  return taskContext.rejections.length > 0 ? 'rejected' : 'completed';
}

async function runFilterStage(
  stage: PlannedFilterStage,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
  context: StageRunContext,
): Promise<StageOutcome> {
  const text = record[stage.field];
  if (typeof text !== 'string') {
    throw new Error(missingTextReason(stage.field, record, 'filter'));
  }
  // The record's fields fill template placeholders: copied only for a filter with templates.
  const filterContext = filterContextOf(stage, context)(record._id, () => recordFields(record));
  const score = await (stage.filter as FilterV1).score(text, record, filterContext);
  return decide(stage, record, score, filterContext.calls, emit, context);
}

/**
 * Keeps or drops a scored record, with the score (and its details' sub-scores) in `_meta.scores`
 * and the filter's calls in `_meta.calls`.
 */
async function decide(
  stage: PlannedFilterStage,
  record: PipelineRecord,
  result: unknown,
  calls: ReadonlyArray<ModelCallMeta>,
  emit: (record: PipelineRecord) => void,
  context: StageRunContext,
): Promise<StageOutcome> {
  const details = typeof result === 'object' && result != null ? (result as FilterScoreDetailsV1) : undefined;
  const score: unknown = details == null ? result : details.score;
  if (typeof score !== 'number' && typeof score !== 'boolean') {
    throw new Error(
      `${stage.reference} returned a ${score === null ? 'null' : typeof score} score; a filter score must be a number or a boolean, or { score, scores?, reason? } (a bug in the filter).`,
    );
  }
  const filter = stage.filter as FilterV1;
  const scored = result as FilterScore | FilterScoreDetailsV1;
  const keep = filter.keep(scored) !== stage.invert;
  const previous = record._meta as RecordMeta;
  const parts = details?.scores == null ? {} : Object.fromEntries(Object.entries(details.scores).map(([name, value]) => [`${stage.name}.${name}`, value]));
  const meta = {
    ...previous,
    ...(calls.length === 0 ? {} : { calls: [...(previous.calls ?? []), ...calls] }),
    scores: { ...previous.scores, [stage.name]: score, ...parts },
  };
  if (keep) {
    emit({ ...record, _meta: meta } as PipelineRecord);
    return 'completed';
  }
  const description = details?.reason ?? filter.describe?.(scored) ?? `score ${String(score)}`;
  await reject(context, {
    stage: stage.name,
    kind: 'filtered',
    reason: stage.invert ? `${description} (inverted filter: the filter would keep it)` : description,
    record: { ...record, _meta: meta } as unknown as JsonRecord,
  });
  return 'filtered';
}

/** The maker of a filter stage's contexts, made on the stage's first record. */
function filterContextOf(stage: PlannedFilterStage, context: StageRunContext): ReturnType<typeof filterContextFactory> {
  let factory = context.filterContexts.get(stage);
  if (factory == null) {
    factory = filterContextFactory({ ...contextOf(context), stage });
    context.filterContexts.set(stage, factory);
  }
  return factory;
}

/** What a filter's context needs from the run. */
function contextOf(context: StageRunContext) {
  return { seed: context.seed, signal: context.signal, gateway: context.gateway, ...(context.onWarning == null ? {} : { onWarning: context.onWarning }) };
}

async function runModifierStage(
  stage: PlannedModifierStage,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
): Promise<StageOutcome> {
  const text = record[stage.field];
  if (typeof text !== 'string') {
    throw new Error(missingTextReason(stage.field, record, 'modifier'));
  }
  emit({ ...record, [stage.field]: await stage.modifier.modify(text, record) } as PipelineRecord);
  return 'completed';
}

/** A record the stage's `when:` does not select goes on as it came. */
function passOn(record: PipelineRecord, emit: (record: PipelineRecord) => void): StageOutcome {
  emit(record);
  return 'completed';
}

/** `- fields:`: select, drop, rename, set, in that order; `_id` and `_meta` stay. */
function runFieldsStage(stage: PlannedFieldsStage, record: PipelineRecord, emit: (record: PipelineRecord) => void): StageOutcome {
  emit({ ...applyFieldChanges(recordFields(record), stage), _id: record._id, _meta: record._meta } as PipelineRecord);
  return 'completed';
}

async function reject(context: StageRunContext, entry: RejectEntry): Promise<void> {
  await context.onReject?.(entry);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeError(error: unknown): RejectEntry['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return {
    name: error.name,
    message: error.message,
    ...((APICallError.isInstance(error) || ModelCallError.isInstance(error)) && error.statusCode != null
      ? { statusCode: error.statusCode }
      : {}),
  };
}
