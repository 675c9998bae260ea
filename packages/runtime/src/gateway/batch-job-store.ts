/** A submitted batch job, as the run remembers it so a resumed run collects it instead of resubmitting. */
export interface StoredBatchJob {
  /** The endpoint the job belongs to (`endpointKey`: provider, server and model). */
  readonly endpoint: string;
  /** The endpoint as people read it, for messages. */
  readonly label: string;
  /** The provider's id of the job (`LanguageModelV1BatchJob.id`). */
  readonly id: string;
  /** The custom ids of its requests: the response-cache keys of the calls they answer. */
  readonly customIds: ReadonlyArray<string>;
  /** When it was submitted, ISO 8601. */
  readonly submittedAt: string;
  /** `submitted` until its answers were handed over (and stored in the cache), then `ended`. */
  readonly state: 'submitted' | 'ended';
}

/**
 * Where the gateway records the batch jobs it submits, as soon as each is accepted. The run keeps
 * them in `.synthkit/batch-jobs.json`; a resumed run re-attaches its calls to the jobs still
 * `submitted`.
 */
export interface BatchJobStore {
  /** Every job recorded, in submission order. */
  jobs(): ReadonlyArray<StoredBatchJob>;
  /** Records a job just submitted; resolves once that is durable. */
  add(job: Omit<StoredBatchJob, 'state'>): Promise<void>;
  /** Marks a job whose answers were handed over; resolves once that is durable. */
  ended(id: string): Promise<void>;
}

/** A store that keeps jobs in memory only (a run without an output folder, tests). */
export function createMemoryBatchJobStore(initial: ReadonlyArray<StoredBatchJob> = []): BatchJobStore {
  const jobs = [...initial];
  return {
    jobs: () => jobs,
    add: async (job) => {
      jobs.push({ ...job, state: 'submitted' });
    },
    ended: async (id) => {
      const index = jobs.findIndex((job) => job.id === id);
      if (index >= 0) jobs[index] = { ...jobs[index]!, state: 'ended' };
    },
  };
}
