import type { PipelineRecord } from './pipeline-record';

/**
 * What the pipeline tells about records as they come and go, so a run knows which roots (records
 * of the first producing stage) are entirely done: the basis of checkpoints and `--resume`.
 */
export interface RecordTracker {
  /** A root an earlier session of the run finished: the pipeline does not produce it again. */
  isFinishedBefore(rootId: string): boolean;
  /** A record entered the pipeline (a seed record) or a stage emitted it. */
  created(record: PipelineRecord): void;
  /** A stage is done with a record, whatever the outcome, or the sink wrote it. */
  settled(record: PipelineRecord): void;
  /** A record was cut short by a cancel or a limit: its root is not finished in this session. */
  cut(record: PipelineRecord): void;
}
