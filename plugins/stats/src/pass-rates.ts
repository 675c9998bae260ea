import type { PassRates, StagePassRate } from './diversity-metrics';

/** One line of a run's `rejects.jsonl`, as far as pass rates read it. */
export interface RejectLine {
  /** The stage that dropped the record. */
  readonly stage: string;
  /** `filtered`, `rejected` or `failed`; anything else counts as `failed`. */
  readonly kind?: string;
  /** The record as the stage received it; its `_meta` tells which stages it passed. */
  readonly record?: unknown;
}

/** The part of a run's `run.json` pass rates read. */
export interface RunReportStages {
  /** Set when the run was resumed: its stage counts are then the last session's only. */
  readonly resumed?: unknown;
  readonly stages?: ReadonlyArray<{ readonly name: string; readonly received: number }>;
}

/** Counts a run's rejects, one line at a time, into per-stage pass rates. */
export interface PassRateCounter {
  add(line: RejectLine): void;
  /**
   * The pass rate of each stage that dropped records.
   *
   * @param kept records the run kept (the lines of its data file).
   * @param runReport the run's `run.json`, when there is one: `reached` is then the stage's
   *   `received` count, unless the run was resumed (its counts are one session's) or the stage is
   *   not in it.
   */
  result(kept: number, runReport?: RunReportStages): PassRates;
}

/**
 * Creates a counter of per-stage pass rates from a run's rejects. Memory grows with the number of
 * stages, not of records.
 *
 * Without usable run.json counts, "reached" is the records kept, plus those rejected at the stage,
 * plus those rejected at a later stage whose `_meta` shows they passed it (a filter's score in
 * `_meta.scores`, a task in `_meta.lineage` or `_meta.stage`). That equals the true count for a
 * chain of filters; after a task that makes several records from one, it mixes input and output
 * records, so read it as an approximation there.
 */
export function createPassRateCounter(): PassRateCounter {
  const byStage = new Map<string, { kinds: StagePassRate['kinds']; passedLater: number }>();
  const entry = (stage: string) => {
    let counts = byStage.get(stage);
    if (counts == null) {
      counts = { kinds: { filtered: 0, rejected: 0, failed: 0 }, passedLater: 0 };
      byStage.set(stage, counts);
    }
    return counts;
  };
  return {
    add(line) {
      const kind = line.kind === 'filtered' || line.kind === 'rejected' ? line.kind : 'failed';
      entry(line.stage).kinds[kind]++;
      for (const stage of stagesPassed(line.record, line.stage)) entry(stage).passedLater++;
    },
    result(kept, runReport) {
      const received = new Map<string, number>();
      const order = new Map<string, number>();
      runReport?.stages?.forEach((stage, index) => {
        order.set(stage.name, index);
        if (runReport.resumed == null && Number.isFinite(stage.received)) received.set(stage.name, stage.received);
      });
      const stages: StagePassRate[] = [];
      for (const [stage, { kinds, passedLater }] of byStage) {
        const rejected = kinds.filtered + kinds.rejected + kinds.failed;
        if (rejected === 0) continue;
        const fromRun = received.get(stage);
        const reached = fromRun ?? kept + rejected + passedLater;
        stages.push({
          stage,
          rejected,
          kinds,
          reached,
          reachedFrom: fromRun == null ? 'kept-and-later' : 'run.json',
          passRate: reached === 0 ? null : Math.max(0, reached - rejected) / reached,
        });
      }
      stages.sort(
        (first, second) =>
          (order.get(first.stage) ?? Number.POSITIVE_INFINITY) - (order.get(second.stage) ?? Number.POSITIVE_INFINITY) ||
          second.reached - first.reached ||
          (first.stage < second.stage ? -1 : 1),
      );
      return { stages };
    },
  };
}

// --- Internal helpers ---

/** The stages a rejected record went through before the one that dropped it, from its `_meta`. */
function stagesPassed(record: unknown, rejectedAt: string): Set<string> {
  const passed = new Set<string>();
  const meta = isObject(record) ? record['_meta'] : undefined;
  if (!isObject(meta)) return passed;
  if (typeof meta['stage'] === 'string') passed.add(meta['stage']);
  if (Array.isArray(meta['lineage'])) {
    for (const ancestor of meta['lineage']) if (isObject(ancestor) && typeof ancestor['stage'] === 'string') passed.add(ancestor['stage']);
  }
  if (isObject(meta['scores'])) for (const stage of Object.keys(meta['scores'])) passed.add(stage);
  // A filter scores the record before dropping it: its own score is there too.
  passed.delete(rejectedAt);
  return passed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}
