import type { ErrorAnswer } from '../answer-rule';
import type { BatchOptions } from '../batch-options';

/** One request of a job, as a wire format read it from the submission. */
export interface BatchJobRequest {
  /** The request's `custom_id`. */
  readonly customId: string;
  /** What an online request would send: a line's `body` (OpenAI), a request's `params` (Anthropic). */
  readonly body: Record<string, unknown>;
  /** The prompt rules see: the last user message, or the completion prompt. */
  readonly prompt: string;
}

/** How the server answers one request of a job: what it would answer online, never streamed. */
export interface BatchAnswer {
  readonly statusCode: number;
  /** The JSON body: the completion or message on a 200, the wire format's error body otherwise. */
  readonly body: unknown;
}

/** What became of one request of an ended job. */
export type BatchOutcome =
  | { readonly kind: 'answered'; readonly index: number; readonly request: BatchJobRequest; readonly answer: BatchAnswer }
  | { readonly kind: 'expired' | 'canceled'; readonly index: number; readonly request: BatchJobRequest };

/** A job's requests by where they are: what both APIs tally, each under its own names. */
export interface BatchCounts {
  readonly total: number;
  /** Requests not done: every request until the job ends, none after. */
  readonly processing: number;
  /** Answered with a 200. */
  readonly succeeded: number;
  /** Answered with an error. */
  readonly failed: number;
  readonly expired: number;
  readonly canceled: number;
}

/** A job as the server keeps it, whatever the wire format; `Details` is what only its format needs. */
export interface BatchJob<Details> {
  /** `<idPrefix><n>`, n counting from 1 per server. */
  readonly id: string;
  readonly details: Details;
  readonly requests: ReadonlyArray<BatchJobRequest>;
  /** Milliseconds since the epoch, as every time below. */
  readonly createdAt: number;
  /** When the job's 24 h window closes (both APIs give jobs 24 hours). */
  readonly expiresAt: number;
  /**
   * `in-progress` until its completion delay has passed, `canceling` from a cancel until the cancel
   * delay has passed, `ended` once every request has its outcome. A job ends at the first look
   * after its time: there is no timer.
   */
  readonly state: 'in-progress' | 'canceling' | 'ended';
  readonly cancelInitiatedAt: number | null;
  readonly endedAt: number | null;
  /** Each request's outcome, in request order; empty until the job ends. */
  readonly outcomes: ReadonlyArray<BatchOutcome>;
  readonly counts: BatchCounts;
}

/** How {@link createBatchJobs} runs jobs for one wire format. */
export interface BatchJobsSettings<Details> {
  readonly options: BatchOptions;
  /** The start of every job id: `batch_testkit_` (OpenAI), `msgbatch_testkit_` (Anthropic). */
  readonly idPrefix: string;
  /** Answers one request with the server's rules, when its job ends. */
  readonly answer: (request: BatchJobRequest, where: { readonly jobId: string; readonly index: number }) => BatchAnswer;
  /** Called once when a job ends, e.g. to write its result files. Default: nothing. */
  readonly onEnded?: (job: BatchJob<Details>) => void;
}

/** The jobs of one server, for the wire format's endpoints. */
export interface BatchJobs<Details> {
  /** Jobs created so far. */
  readonly count: number;
  /**
   * Creates a job of `requests` (already checked by the wire format: at least one, unique custom
   * ids), unless `options.refuse` refuses the submission.
   */
  create(requests: ReadonlyArray<BatchJobRequest>, details: Details): { readonly job: BatchJob<Details> } | { readonly refused: ErrorAnswer };
  /** The job, ended first when its time has come; undefined for an unknown id. */
  look(id: string): BatchJob<Details> | undefined;
  /**
   * Starts cancelling a job in progress: it is `canceling` until `options.cancelDelayMs` has passed,
   * then ends with every request canceled. A job already cancelling or ended is left as it is.
   */
  cancel(id: string): BatchJob<Details> | undefined;
}

/**
 * The lifecycle of batch jobs, shared by the OpenAI and the Anthropic server: ids, the completion
 * and cancel delays, expiry, cancellation, answers from the rules and counts. The wire formats only
 * read submissions and write their objects; nothing here knows either format.
 */
export function createBatchJobs<Details>(settings: BatchJobsSettings<Details>): BatchJobs<Details> {
  const { options, idPrefix, answer, onEnded } = settings;
  const jobs = new Map<string, StoredJob<Details>>();
  const completionDelayMs = options.completionDelayMs ?? 0;
  const cancelDelayMs = options.cancelDelayMs ?? 0;
  let count = 0;

  /** Gives every request its outcome: answered by the rules, or left expired or canceled. */
  const end = (job: StoredJob<Details>, canceled: boolean): void => {
    job.outcomes = job.requests.map((request, index): BatchOutcome => {
      if (canceled) return { kind: 'canceled', index, request };
      const info = { customId: request.customId, batchId: job.id, prompt: request.prompt, body: request.body };
      if (options.expire?.(info) === true) return { kind: 'expired', index, request };
      return { kind: 'answered', index, request, answer: answer(request, { jobId: job.id, index }) };
    });
    job.state = 'ended';
    job.endedAt = Date.now();
    job.counts = countsOf(job.requests.length, job.outcomes);
    onEnded?.(job);
  };

  const look = (id: string): StoredJob<Details> | undefined => {
    const job = jobs.get(id);
    if (job == null) return undefined;
    const now = Date.now();
    if (job.state === 'in-progress' && now >= job.createdAt + completionDelayMs) end(job, false);
    else if (job.state === 'canceling' && now >= (job.cancelInitiatedAt ?? now) + cancelDelayMs) end(job, true);
    return job;
  };

  return {
    get count() {
      return count;
    },
    create(requests, details) {
      const refused = options.refuse?.({ requests: requests.map(({ customId, prompt, body }) => ({ customId, prompt, body })) });
      if (refused != null) return { refused };
      const createdAt = Date.now();
      const job: StoredJob<Details> = {
        id: `${idPrefix}${++count}`,
        details,
        requests,
        createdAt,
        expiresAt: createdAt + dayMs,
        state: 'in-progress',
        cancelInitiatedAt: null,
        endedAt: null,
        outcomes: [],
        counts: countsOf(requests.length, []),
      };
      jobs.set(job.id, job);
      // A job due at once (no completion delay) has ended by the time anyone sees it.
      return { job: look(job.id)! };
    },
    look,
    cancel(id) {
      const job = look(id);
      if (job?.state !== 'in-progress') return job;
      job.state = 'canceling';
      job.cancelInitiatedAt = Date.now();
      return job;
    },
  };
}

// --- Internal helpers ---

/** A job as stored: its state changes as it ends. */
type StoredJob<Details> = { -readonly [Key in keyof BatchJob<Details>]: BatchJob<Details>[Key] };

/** The 24 h window of a job, in milliseconds. */
const dayMs = 24 * 3600 * 1000;

function countsOf(total: number, outcomes: ReadonlyArray<BatchOutcome>): BatchCounts {
  const counts = { total, processing: outcomes.length === 0 ? total : 0, succeeded: 0, failed: 0, expired: 0, canceled: 0 };
  for (const outcome of outcomes) {
    if (outcome.kind === 'answered') counts[outcome.answer.statusCode === 200 ? 'succeeded' : 'failed']++;
    else counts[outcome.kind]++;
  }
  return counts;
}
