import {
  APICallError,
  type LanguageModelV1BatchApi,
  type LanguageModelV1BatchEntry,
  type LanguageModelV1BatchJob,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Request,
  type LanguageModelV1Result,
  type ModelCallContextV1,
} from '@synthkit/core';
import type { ModelStatistics } from '../engine/run-statistics';
import type { BatchJobStore } from './batch-job-store';
import { classifyCallError } from './classify-call-error';
import type { BatchSettings } from './endpoint-settings';
import { ModelCallError } from './model-call-error';
import { RunStoppedError } from './run-stopped-error';
import { resultProblem } from './send-request';
import { sleep } from './sleep';

/** What a batch endpoint is doing, for progress displays and `run.json`. */
export interface BatchStatus {
  /** Calls collected for the next job. */
  readonly queued: number;
  /** Calls whose request is in a job that has not ended. */
  readonly inJobs: number;
  /** Jobs submitted by this session, jobs of an earlier session collected again, jobs not ended yet, jobs ended. */
  readonly jobsSubmitted: number;
  readonly jobsResumed: number;
  readonly jobsInProgress: number;
  readonly jobsEnded: number;
  /** Requests put in jobs (resubmissions included), resubmitted after a failure or expiry, and failed for good. */
  readonly requestsSubmitted: number;
  readonly requestsResubmitted: number;
  readonly requestsFailed: number;
}

/** Options of {@link BatchQueue}. */
export interface BatchQueueOptions {
  /** `endpointKey` of the model: jobs are recorded under it. */
  readonly endpoint: string;
  /** The endpoint as people read it, for messages. */
  readonly label: string;
  /** The model reference calls are counted under, for errors. */
  readonly reference: string;
  readonly api: LanguageModelV1BatchApi;
  readonly settings: BatchSettings;
  readonly store: BatchJobStore;
  readonly statistics: ModelStatistics;
  /** The run's signal: aborting it stops collecting and polling (submitted jobs are left to a resume). */
  readonly signal: AbortSignal;
  /** Stops the run for errors no resubmission can fix (a refused key, an unknown model). */
  readonly stop: (error: RunStoppedError) => void;
  /**
   * Receives the answers of an earlier session's job that no call is waiting for yet (e.g. to
   * store them in the response cache, whose key is the custom id).
   */
  readonly onUnclaimedAnswer?: (customId: string, result: LanguageModelV1Result) => Promise<void>;
}

/**
 * Collects the calls of one batch endpoint into jobs of its provider's batch API, submits them,
 * polls them and hands every answer back to the call waiting for it. A call's custom id is its
 * response-cache key, stable across runs: a job is recorded in the {@link BatchJobStore} as soon as
 * it is accepted, and a resumed run attaches its calls to the jobs still pending instead of
 * submitting them again. Requests that failed with a retryable error, expired or were cancelled go
 * into a later job, up to `maxSubmissions` jobs; then their call fails with the reason.
 */
export class BatchQueue {
  private readonly options: BatchQueueOptions;
  /** Calls by custom id: the request, how often it was submitted, and who waits for it. */
  private readonly entries = new Map<string, QueueEntry>();
  /** Custom ids collected for the next job, in arrival order. */
  private queue: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Custom ids in a job of an earlier session that has not ended: their calls wait for it. */
  private readonly resumedIds = new Set<string>();
  /** Answers of an earlier session's jobs that no call has claimed yet. */
  private readonly unclaimed = new Map<string, LanguageModelV1Result>();
  private counts = { jobsSubmitted: 0, jobsResumed: 0, jobsInProgress: 0, jobsEnded: 0, requestsSubmitted: 0, requestsResubmitted: 0, requestsFailed: 0 };

  constructor(options: BatchQueueOptions) {
    this.options = options;
    for (const job of options.store.jobs()) {
      if (job.endpoint !== options.endpoint || job.state !== 'submitted') continue;
      for (const customId of job.customIds) this.resumedIds.add(customId);
      this.counts.jobsResumed++;
      this.counts.jobsInProgress++;
      this.follow({ id: job.id }, job.customIds, { resumed: true }).catch((error: unknown) => this.recordingFailed(error));
    }
  }

  /**
   * The answer to `request`, from a batch job. Resolves when the job holding it ends.
   *
   * @throws ModelCallError when no job answered it within `maxSubmissions` submissions, or its
   * request was refused; the call's abort reason when the call or the run is aborted.
   */
  generate(customId: string, request: LanguageModelV1CallOptions, call: ModelCallContextV1): Promise<LanguageModelV1Result> {
    const signal = request.signal ?? call.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    const ready = this.unclaimed.get(customId);
    if (ready != null) {
      this.unclaimed.delete(customId);
      call.trace.attempts++;
      return Promise.resolve(this.delivered(ready));
    }
    return new Promise<LanguageModelV1Result>((resolve, reject) => {
      const waiter: Waiter = {
        call,
        resolve: (result) => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.delivered(result));
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const current = this.entries.get(customId);
        if (current != null) {
          current.waiters = current.waiters.filter((other) => other !== waiter);
          if (current.waiters.length === 0 && current.queued) {
            current.queued = false;
            this.queue = this.queue.filter((id) => id !== customId);
            this.entries.delete(customId);
          }
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const existing = this.entries.get(customId);
      if (existing != null) {
        existing.waiters.push(waiter);
        return;
      }
      const { signal: _signal, onActivity: _onActivity, ...plain } = request;
      const entry: QueueEntry = { customId, request: plain as LanguageModelV1Request, submissions: 0, waiters: [waiter], queued: false };
      this.entries.set(customId, entry);
      if (this.resumedIds.has(customId)) {
        // Already in a job of an earlier session: wait for it, do not submit again.
        entry.submissions = 1;
        call.trace.attempts++;
      } else {
        this.enqueue(entry);
      }
    });
  }

  /** What a batched request costs relative to an online one (the provider's `priceFactor`). */
  get priceFactor(): number {
    return this.options.api.priceFactor;
  }

  /** What the endpoint's jobs are doing right now. */
  status(): BatchStatus {
    let inJobs = 0;
    for (const entry of this.entries.values()) if (!entry.queued) inJobs++;
    return { queued: this.queue.length, inJobs, ...this.counts };
  }

  // --- Internal helpers ---

  /** Counts a delivered answer's tokens as batch tokens (priced at the batch discount). */
  private delivered(result: LanguageModelV1Result): LanguageModelV1Result {
    const { statistics } = this.options;
    statistics.batchInputTokens += result.usage.inputTokens ?? 0;
    statistics.batchOutputTokens += result.usage.outputTokens ?? 0;
    statistics.batchCachedInputTokens += result.usage.cachedInputTokens ?? 0;
    return result;
  }

  private enqueue(entry: QueueEntry): void {
    entry.queued = true;
    this.queue.push(entry.customId);
    const limit = this.jobSize();
    if (this.queue.length >= limit) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.settings.windowMs);
  }

  private jobSize(): number {
    return Math.max(1, Math.min(this.options.settings.maxRequests, this.options.api.maxRequestsPerJob));
  }

  /** Submits every collected call, in jobs of at most `jobSize()` requests. */
  private flush(): void {
    if (this.timer != null) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.options.signal.aborted) return;
    while (this.queue.length > 0) {
      const ids = this.queue.splice(0, this.jobSize());
      const entries = ids.map((id) => this.entries.get(id)).filter((entry): entry is QueueEntry => entry != null && entry.waiters.length > 0);
      if (entries.length > 0) {
        this.submit(entries).catch((error: unknown) => this.recordingFailed(error));
      }
    }
  }

  private async submit(entries: ReadonlyArray<QueueEntry>): Promise<void> {
    const { api, statistics, signal, store } = this.options;
    for (const entry of entries) {
      entry.queued = false;
      entry.submissions++;
      this.counts.requestsSubmitted++;
      statistics.requests++;
      statistics.inFlight++;
      if (entry.submissions > 1) {
        statistics.retries++;
        this.counts.requestsResubmitted++;
      }
      for (const waiter of entry.waiters) waiter.call.trace.attempts++;
    }
    const customIds = entries.map((entry) => entry.customId);
    let job: LanguageModelV1BatchJob;
    try {
      job = await api.doSubmit(
        entries.map((entry) => ({ customId: entry.customId, request: entry.request })),
        { signal },
      );
    } catch (error) {
      for (const entry of entries) statistics.inFlight--;
      if (signal.aborted) return;
      const message = `could not submit a batch job to ${this.options.label}: ${messageOf(error)}`;
      if (this.isFatal(error, message)) return this.failAll(customIds, message, error);
      // A job the provider (or the model, writing its requests) refuses as it is would be refused again.
      if (classifyCallError(error) === 'permanent') return this.failAll(customIds, message, error);
      for (const customId of customIds) this.retryOrFail(customId, message, error);
      return;
    }
    this.counts.jobsSubmitted++;
    this.counts.jobsInProgress++;
    // Recorded before anything else: a run killed from now on collects this job when resumed.
    await store.add({ endpoint: this.options.endpoint, label: this.options.label, id: job.id, customIds, submittedAt: new Date().toISOString() });
    for (const entry of entries) statistics.inFlight--;
    await this.follow(job, customIds, { resumed: false });
  }

  /** Polls a job until it ends, then hands its answers out and resubmits what failed. */
  private async follow(job: LanguageModelV1BatchJob, customIds: ReadonlyArray<string>, { resumed }: { readonly resumed: boolean }): Promise<void> {
    const { api, signal, settings } = this.options;
    let failures = 0;
    let resultFailures = 0;
    try {
      for (let first = true; ; first = false) {
        if (!(resumed && first)) await sleep(settings.pollIntervalMs, signal);
        let status;
        try {
          status = await api.doPoll(job, { signal });
          failures = 0;
        } catch (error) {
          if (signal.aborted) return;
          const message = `could not ask ${this.options.label} about batch job ${job.id}: ${messageOf(error)}`;
          // A job just created can be unknown for a moment (Anthropic answers 404 briefly): not fatal.
          if (!isNotFound(error) && this.isFatal(error, message)) return this.failAll(customIds, message, error);
          // A passing failure: look again at the next interval, up to a bound.
          if (++failures >= maxPollFailures) return this.failAll(customIds, `${message} (${failures} looks in a row failed)`, error);
          continue;
        }
        if (status.state === 'in-progress') continue;
        if (status.state === 'failed') {
          const message = `${this.options.label} refused batch job ${job.id}: ${status.message ?? 'no reason given'}`;
          this.jobEnded();
          for (const customId of customIds) this.retryOrFail(customId, message);
          return;
        }
        let results: ReadonlyArray<LanguageModelV1BatchEntry>;
        try {
          results = await api.doResults(job, { signal });
        } catch (error) {
          if (signal.aborted) return;
          const message = `could not read the results of batch job ${job.id} at ${this.options.label}: ${messageOf(error)}`;
          if (!isNotFound(error) && this.isFatal(error, message)) return this.failAll(customIds, message, error);
          // Looked at again at the next interval, bounded like the polls (whose successes do not reset it).
          if (++resultFailures >= maxPollFailures) return this.failAll(customIds, `${message} (${resultFailures} looks in a row failed)`, error);
          continue;
        }
        await this.handOut(job, customIds, results);
        return;
      }
    } catch (error) {
      // Only the run's abort ends the loop here: the job stays recorded for a resume.
      if (!signal.aborted) throw error;
    }
  }

  private async handOut(job: LanguageModelV1BatchJob, customIds: ReadonlyArray<string>, results: ReadonlyArray<LanguageModelV1BatchEntry>): Promise<void> {
    const answered = new Set<string>();
    for (const result of results) {
      if (!customIds.includes(result.customId) || answered.has(result.customId)) continue;
      answered.add(result.customId);
      this.resumedIds.delete(result.customId);
      if (result.error != null) {
        const message = `${result.error.reason === 'failed' ? 'failed' : result.error.reason} in batch job ${job.id}: ${result.error.message}`;
        if (result.error.retryable) this.retryOrFail(result.customId, message);
        else this.fail(result.customId, message);
        continue;
      }
      const entry = this.entries.get(result.customId);
      const problem = resultProblem(result.result, (entry?.request ?? { params: {} }).params.n ?? 1);
      if (problem != null) {
        this.retryOrFail(result.customId, `an answer synthkit cannot use in batch job ${job.id}: ${problem}`);
        continue;
      }
      if (entry == null || entry.waiters.length === 0) {
        this.unclaimed.set(result.customId, result.result);
        await this.options.onUnclaimedAnswer?.(result.customId, result.result);
        continue;
      }
      this.entries.delete(result.customId);
      for (const waiter of entry.waiters) waiter.resolve(result.result);
    }
    for (const customId of customIds) {
      if (answered.has(customId)) continue;
      this.resumedIds.delete(customId);
      this.retryOrFail(customId, `batch job ${job.id} ended without an answer for it (expired)`);
    }
    await this.options.store.ended(job.id);
    this.jobEnded();
  }

  private jobEnded(): void {
    this.counts.jobsInProgress--;
    this.counts.jobsEnded++;
  }

  /** Puts a request in a later job, or fails its calls once it was submitted `maxSubmissions` times. */
  private retryOrFail(customId: string, message: string, cause?: unknown): void {
    const entry = this.entries.get(customId);
    if (entry == null || entry.waiters.length === 0) {
      // Nobody waits (an earlier session's request): a call that comes later submits it anew.
      this.entries.delete(customId);
      return;
    }
    const { maxSubmissions } = this.options.settings;
    if (entry.submissions >= maxSubmissions) {
      this.fail(customId, `no answer after ${entry.submissions} batch submission${entry.submissions === 1 ? '' : 's'} (endpoints.batch.max_submissions); the last: ${message}`, cause);
      return;
    }
    this.enqueue(entry);
  }

  private fail(customId: string, message: string, cause?: unknown): void {
    const entry = this.entries.get(customId);
    this.entries.delete(customId);
    if (entry == null) return;
    this.counts.requestsFailed++;
    for (const waiter of entry.waiters) {
      waiter.reject(new ModelCallError({ model: this.options.reference, attempts: waiter.call.trace.attempts, kind: 'failed', message, cause }));
    }
  }

  private failAll(customIds: ReadonlyArray<string>, message: string, cause: unknown): void {
    for (const customId of customIds) this.fail(customId, message, cause);
  }

  /** Only the job file can fail outside a provider call (a full disk): without it a crash would resubmit, so stop. */
  private recordingFailed(error: unknown): void {
    this.options.stop(
      new RunStoppedError({
        reason: 'fatal-error',
        message: `Could not record the batch jobs of ${this.options.label} in the run folder: ${messageOf(error)}`,
        cause: error,
      }),
    );
  }

  /** True for errors nothing but the user can fix; stops the run. */
  private isFatal(error: unknown, message: string): boolean {
    if (classifyCallError(error) !== 'fatal') return false;
    this.options.stop(
      new RunStoppedError({
        reason: 'fatal-error',
        message: `${this.options.label} refused a batch API call, and every other would meet the same answer: ${message} Check the API key, the model id and the base URL.`,
        cause: error,
      }),
    );
    return true;
  }
}

// --- Internal helpers ---

/** A 404 about a job: the job is unknown (for now), which says nothing about the key or the model. */
function isNotFound(error: unknown): boolean {
  return APICallError.isInstance(error) && error.statusCode === 404;
}

/** Looks at a job that may fail in a row (network trouble) before its calls fail: 20 poll intervals. */
const maxPollFailures = 20;

interface Waiter {
  readonly call: ModelCallContextV1;
  readonly resolve: (result: LanguageModelV1Result) => void;
  readonly reject: (error: unknown) => void;
}

interface QueueEntry {
  readonly customId: string;
  readonly request: LanguageModelV1Request;
  /** Jobs the request was put in so far. */
  submissions: number;
  waiters: Waiter[];
  /** True while it waits for the next job. */
  queued: boolean;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
