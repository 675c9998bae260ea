import { setMaxListeners } from 'node:events';
import { APICallError, type JsonRecord, type RecordMeta } from '@synthkit/core';
import { readJsonl } from '../jsonl';
import type {
  PlannedFilterStage,
  PlannedModifierStage,
  PlannedStage,
  PlannedTaskStage,
  RecipePlan,
} from '../recipe/recipe-plan';
import { createModelGateway, type ModelGateway } from '../gateway/model-gateway';
import { ModelCallError } from '../gateway/model-call-error';
import { RunStoppedError } from '../gateway/run-stopped-error';
import { createTaskContext, type WarningListener } from './create-task-context';
import { mapConcurrent } from './map-concurrent';
import { recordFields, type PipelineRecord, type RejectEntry } from './pipeline-record';
import { createRecordId } from './record-id';
import { runTaskOnInput } from './run-task-on-input';
import { RunStatistics, type StageStatistics } from './run-statistics';

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
    statistics,
    signal,
    seed: options.plan.seed,
    gateway,
  };
  const [first, ...rest] = options.plan.stages;
  if (first == null) throw new Error('A plan needs at least one stage.');

  let stream: AsyncGenerator<PipelineRecord>;
  let remaining: ReadonlyArray<PlannedStage>;
  if (first.kind === 'source') {
    stream = readSource(first.path, first.name, statistics.addStage({ name: first.name, kind: 'source', reference: first.path }), signal);
    remaining = rest;
  } else {
    stream = rootRecord();
    remaining = options.plan.stages;
  }
  for (const stage of remaining) {
    if (stage.kind === 'source') throw new Error('A source stage can only come first.');
    const stageStatistics = statistics.addStage({ name: stage.name, kind: stage.kind, reference: stage.reference });
    stream = mapConcurrent<PipelineRecord, PipelineRecord>(stream, { concurrency: stage.concurrency, signal }, (record, emit) =>
      runStage(stage, record, emit, stageStatistics, context),
    );
  }
  return throwWhenStopped(stream, signal, () => options.signal?.removeEventListener('abort', forwardAbort));
}

// --- Internal helpers ---

interface StageRunContext {
  readonly statistics: RunStatistics;
  readonly signal: AbortSignal;
  readonly seed: number;
  readonly gateway: ModelGateway;
  readonly onReject?: PipelineOptions['onReject'];
  readonly onWarning?: WarningListener;
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

async function* readSource(
  path: string,
  stage: string,
  stageStatistics: StageStatistics,
  signal: AbortSignal,
): AsyncGenerator<PipelineRecord> {
  let index = 0;
  for await (const fields of readJsonl(path, { signal })) {
    stageStatistics.received++;
    const id = typeof fields._id === 'string' ? fields._id : createRecordId('', stage, index);
    index++;
    stageStatistics.completed++;
    stageStatistics.emitted++;
    yield { ...recordFields(fields), _id: id, _meta: { stage, lineage: [] } } as PipelineRecord;
  }
}

async function runStage(
  stage: Exclude<PlannedStage, { kind: 'source' }>,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
  stageStatistics: StageStatistics,
  context: StageRunContext,
): Promise<void> {
  stageStatistics.received++;
  stageStatistics.active++;
  const counted = (output: PipelineRecord) => {
    stageStatistics.emitted++;
    emit(output);
  };
  try {
    if (stage.kind === 'task') await runTaskStage(stage, record, counted, stageStatistics, context);
    else if (stage.kind === 'filter') await runFilterStage(stage, record, counted, stageStatistics, context);
    else {
      await runModifierStage(stage, record, counted);
      stageStatistics.completed++;
    }
  } catch (error) {
    if (context.signal.aborted) {
      stageStatistics.cancelled++;
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
  } finally {
    stageStatistics.active--;
  }
}

async function runTaskStage(
  stage: PlannedTaskStage,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
  stageStatistics: StageStatistics,
  context: StageRunContext,
): Promise<void> {
  const fields = recordFields(record);
  const taskContext = createTaskContext({
    stage,
    recordId: record._id,
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
  outputs.forEach((output, index) => {
    emit({ ...fields, ...output, _id: createRecordId(record._id, stage.name, index), _meta: meta } as PipelineRecord);
  });
  // One outcome per input: rejected if the task rejected it at all, else completed.
  if (taskContext.rejections.length > 0) stageStatistics.rejected++;
  else stageStatistics.completed++;
  for (const rejection of taskContext.rejections) {
    await reject(context, {
      stage: stage.name,
      kind: 'rejected',
      reason: rejection.reason,
      ...(rejection.details == null ? {} : { details: rejection.details }),
      record,
    });
  }
}

async function runFilterStage(
  stage: PlannedFilterStage,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
  stageStatistics: StageStatistics,
  context: StageRunContext,
): Promise<void> {
  const text = record[stage.field];
  if (typeof text !== 'string') {
    throw new Error(
      `field "${stage.field}" is ${text === undefined ? 'missing' : `a ${typeof text}, not text`}; set "field" on the filter stage to a text field (record fields: ${Object.keys(recordFields(record)).join(', ')}).`,
    );
  }
  const score = await stage.filter.score(text, record);
  if (typeof score !== 'number' && typeof score !== 'boolean') {
    throw new Error(
      `${stage.reference} returned a ${score === null ? 'null' : typeof score} score; a filter score must be a number or a boolean (a bug in the filter).`,
    );
  }
  const keep = stage.filter.keep(score) !== stage.invert;
  const previous = record._meta as RecordMeta;
  const meta = { ...previous, scores: { ...previous.scores, [stage.name]: score } };
  if (keep) {
    stageStatistics.completed++;
    emit({ ...record, _meta: meta } as PipelineRecord);
    return;
  }
  stageStatistics.filtered++;
  const description = stage.filter.describe?.(score) ?? `score ${String(score)}`;
  await reject(context, {
    stage: stage.name,
    kind: 'filtered',
    reason: stage.invert ? `${description} (inverted filter: the filter would keep it)` : description,
    record: { ...record, _meta: meta } as unknown as JsonRecord,
  });
}

async function runModifierStage(
  stage: PlannedModifierStage,
  record: PipelineRecord,
  emit: (record: PipelineRecord) => void,
): Promise<void> {
  const text = record[stage.field];
  if (typeof text !== 'string') {
    throw new Error(`field "${stage.field}" is ${text === undefined ? 'missing' : `a ${typeof text}, not text`}; set "field" on the modifier stage.`);
  }
  emit({ ...record, [stage.field]: await stage.modifier.modify(text, record) } as PipelineRecord);
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
