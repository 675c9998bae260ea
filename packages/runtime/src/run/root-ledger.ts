import type { RecordMeta } from '@synthkit/core';
import type { PipelineRecord } from '../engine/pipeline-record';

/**
 * Keeps track of which roots are done, for checkpoints. A root is a record of the first stage that
 * produces records (a seed record, or an output of the recipe's first task); a root is finished
 * when every record descending from it has reached its end: written to the dataset, or written to
 * the rejects. A root with a record cut short by a cancel or a limit never finishes, so a resumed
 * run does it again.
 *
 * The engine reports each record as it is created (a stage emitted it) and as it is settled (a
 * stage is done with it, or the sink wrote it); a root is finished when its count of live records
 * drops to zero.
 */
export class RootLedger {
  private readonly live = new Map<string, RootState>();
  /** Roots finished since the last `takeFinished()`, in the order they finished. */
  private finished: string[] = [];
  /** Where lines about the empty record of a recipe's first task start, per file. */
  private readonly firstInputOffsets: Record<string, number> = {};
  /** Roots finished in earlier sessions of this run (read from the checkpoint): skipped. */
  private readonly finishedBefore: ReadonlySet<string>;

  /**
   * @param finishedBefore Roots earlier sessions finished.
   * @param onFinished Called each time a root finishes in this session (progress displays count them).
   */
  constructor(
    finishedBefore: ReadonlySet<string> = new Set(),
    private readonly onFinished: () => void = () => {},
  ) {
    this.finishedBefore = finishedBefore;
  }

  /** True for a root an earlier session of this run finished: its records are already written. */
  isFinishedBefore(rootId: string): boolean {
    return this.finishedBefore.has(rootId);
  }

  /** A record entered the pipeline or was emitted by a stage. */
  created(record: PipelineRecord): void {
    const root = rootIdOf(record);
    if (root === '') return;
    const state = this.live.get(root);
    if (state == null) this.live.set(root, { live: 1, cut: false, firstOffsets: {} });
    else state.live++;
  }

  /** A stage is done with a record (whatever the outcome), or the sink wrote it. */
  settled(record: PipelineRecord): void {
    const root = rootIdOf(record);
    const state = this.live.get(root);
    if (state == null) return;
    state.live--;
    // A root cut short stays here, finished or not: its lines in the files are not final, and
    // `unfinishedFrom` must keep seeing where they start.
    if (state.live === 0 && !state.cut) {
      this.live.delete(root);
      this.finished.push(root);
      this.onFinished();
    }
  }

  /**
   * A record of this root was cut short (cancel, limit): the root will not finish in this session,
   * and a resumed run does it again.
   */
  cut(record: PipelineRecord): void {
    const state = this.live.get(rootIdOf(record));
    if (state != null) state.cut = true;
  }

  /** Notes where in a file a root's line went, so a resume knows where unfinished roots' lines start. */
  wrote(rootId: string, file: string, offset: number): void {
    // The empty record a recipe's first task receives is done again on every resume (it makes the
    // roots), so a reject of it is never final either.
    const offsets = rootId === '' ? this.firstInputOffsets : this.live.get(rootId)?.firstOffsets;
    if (offsets != null) offsets[file] ??= offset;
  }

  /** The roots finished since the last call; they are forgotten here (the checkpoint keeps them). */
  takeFinished(): string[] {
    const taken = this.finished;
    this.finished = [];
    return taken;
  }

  /**
   * Where lines of unfinished roots may start in `file`: the lowest offset at which a root that is
   * still live wrote a line, or `endOffset` (the file's length including buffered lines) when none
   * did. Taken together with `takeFinished()`, with no await in between, it splits the file: below
   * it only finished roots' lines; above it, lines of both kinds.
   */
  unfinishedFrom(file: string, endOffset: number): number {
    let lowest = Math.min(endOffset, this.firstInputOffsets[file] ?? endOffset);
    for (const state of this.live.values()) {
      const offset = state.firstOffsets[file];
      if (offset != null && offset < lowest) lowest = offset;
    }
    return lowest;
  }
}

/**
 * The id of a record's root: the first entry of its lineage, or its own id when it is a root. The
 * synthetic empty record a recipe's first task receives has none (`''`).
 */
export function rootIdOf(record: { readonly _id: string; readonly _meta: unknown }): string {
  const meta = record._meta as RecordMeta;
  if (meta.stage === '') return '';
  return meta.lineage[0]?.id ?? record._id;
}

// --- Internal helpers ---

interface RootState {
  /** Records of this root created and not yet settled. */
  live: number;
  /** A record of it was cut short: it cannot finish in this session. */
  cut: boolean;
  /** Byte offset of its first line, per file. */
  readonly firstOffsets: Record<string, number>;
}
