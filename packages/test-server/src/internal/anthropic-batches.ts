import type { ErrorAnswer } from '../answer-rule';
import type { BatchOptions } from '../batch-options';
import { type BatchAnswer, type BatchJob, type BatchJobRequest, createBatchJobs } from './batch-jobs';
import { decodeMessagesRequest } from './decode-anthropic-request';
import { isObject } from './start-loopback-server';

/** Most requests one Message Batch may hold, as the API allows. */
const maxRequestsPerBatch = 100_000;

/** Why a Message Batches call cannot be answered: the HTTP status, Anthropic's error type and the message. */
export interface BatchProblem {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

/**
 * The state of the Message Batches endpoints in Anthropic's format, on the shared job lifecycle:
 * submissions read into requests, `message_batch` objects, and the JSONL results of an ended batch.
 * `answer` answers one request's `params` with the server's rules, as `POST /v1/messages` would
 * without streaming.
 */
export function createAnthropicBatches(
  options: BatchOptions,
  answer: (params: Record<string, unknown>, messageId: string) => BatchAnswer,
) {
  const jobs = createBatchJobs<undefined>({
    options,
    idPrefix: 'msgbatch_testkit_',
    answer: (request, { jobId, index }) => answer(request.body, `msg_testkit_${jobId.replace(/^msgbatch_testkit_/, 'batch')}_${index}`),
  });
  const notFound = (id: string): BatchProblem => ({ status: 404, type: 'not_found_error', message: `Message Batch ${id} not found.` });

  return {
    /** Batches created so far. */
    get batchCount() {
      return jobs.count;
    },
    /**
     * Creates a batch from a `POST /v1/messages/batches` body: the `message_batch` object, the problem
     * to answer with 400, or the `refuse` option's answer. `origin` is the server's root URL as the
     * client called it, for `results_url`.
     */
    create(body: unknown, origin: string): { readonly batch: MessageBatch } | { readonly problem: BatchProblem } | { readonly refused: ErrorAnswer } {
      const requests = readSubmission(body);
      if (typeof requests === 'string') return { problem: { status: 400, type: 'invalid_request_error', message: requests } };
      const created = jobs.create(requests, undefined);
      return 'refused' in created ? created : { batch: messageBatch(created.job, origin) };
    },
    retrieve(id: string, origin: string): { readonly batch: MessageBatch } | { readonly problem: BatchProblem } {
      const job = jobs.look(id);
      return job == null ? { problem: notFound(id) } : { batch: messageBatch(job, origin) };
    },
    cancel(id: string, origin: string): { readonly batch: MessageBatch } | { readonly problem: BatchProblem } {
      const job = jobs.cancel(id);
      return job == null ? { problem: notFound(id) } : { batch: messageBatch(job, origin) };
    },
    /** The results file of an ended batch (one JSON line per request, in request order), or why there is none. */
    results(id: string): { readonly jsonl: string } | { readonly problem: BatchProblem } {
      const job = jobs.look(id);
      if (job == null) return { problem: notFound(id) };
      if (job.state !== 'ended') {
        const message =
          `Message Batch ${id} has no results yet: its processing_status is ${processingStatusOf(job)}. Poll ` +
          `GET /v1/messages/batches/${id} until it is "ended", then read its results_url.`;
        return { problem: { status: 404, type: 'not_found_error', message } };
      }
      return { jsonl: job.outcomes.map((outcome) => `${JSON.stringify({ custom_id: outcome.request.customId, result: resultOf(outcome) })}\n`).join('') };
    },
  };
}

// --- Internal helpers ---

/** A `message_batch` object as `GET /v1/messages/batches/{id}` returns it. */
type MessageBatch = ReturnType<typeof messageBatch>;

function messageBatch(job: BatchJob<undefined>, origin: string) {
  const { counts } = job;
  const isoOf = (time: number | null) => (time == null ? null : new Date(time).toISOString());
  return {
    id: job.id,
    type: 'message_batch',
    processing_status: processingStatusOf(job),
    request_counts: {
      processing: counts.processing,
      succeeded: counts.succeeded,
      errored: counts.failed,
      canceled: counts.canceled,
      expired: counts.expired,
    },
    ended_at: isoOf(job.endedAt),
    created_at: isoOf(job.createdAt),
    expires_at: isoOf(job.expiresAt),
    archived_at: null,
    cancel_initiated_at: isoOf(job.cancelInitiatedAt),
    results_url: job.state === 'ended' ? `${origin}/v1/messages/batches/${job.id}/results` : null,
  };
}

function processingStatusOf(job: BatchJob<undefined>): 'in_progress' | 'canceling' | 'ended' {
  return job.state === 'in-progress' ? 'in_progress' : job.state;
}

/** A request's `result` in the results file: its message, its error, or why it has neither. */
function resultOf(outcome: BatchJob<undefined>['outcomes'][number]): Record<string, unknown> {
  if (outcome.kind !== 'answered') return { type: outcome.kind };
  const { statusCode, body } = outcome.answer;
  return statusCode === 200 ? { type: 'succeeded', message: body } : { type: 'errored', error: body };
}

/** The requests of a submission, checked as the API checks them, or what is wrong with it (a 400). */
function readSubmission(body: unknown): BatchJobRequest[] | string {
  if (!isObject(body)) return 'There was an issue with your request body: expected a JSON object.';
  const raw = body['requests'];
  if (!Array.isArray(raw)) return 'requests: Field required';
  if (raw.length === 0) return 'requests: List should have at least 1 item after validation, not 0';
  if (raw.length > maxRequestsPerBatch) return `requests: List should have at most ${maxRequestsPerBatch} items after validation, not ${raw.length}`;
  const requests: BatchJobRequest[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of raw.entries()) {
    const customId = isObject(entry) ? entry['custom_id'] : undefined;
    if (typeof customId !== 'string') return `requests.${index}.custom_id: Field required`;
    if (!customIdPattern.test(customId)) {
      return `requests.${index}.custom_id: String should match pattern '${customIdPattern.source}', got ${JSON.stringify(customId)}`;
    }
    if (seen.has(customId)) return `requests.${index}.custom_id: ${JSON.stringify(customId)} is used by an earlier request; custom_id values must be unique within a batch.`;
    seen.add(customId);
    const params = (entry as Record<string, unknown>)['params'];
    if (!isObject(params)) return `requests.${index}.params: Field required`;
    if (params['stream'] === true) return `requests.${index}.params.stream: streaming is not supported in a Message Batch`;
    const decoded = decodeMessagesRequest(params);
    if ('problem' in decoded) return `requests.${index}.params.${decoded.problem}`;
    requests.push({ customId, body: params, prompt: decoded.decoded.prompt });
  }
  return requests;
}

/** What the API accepts as a `custom_id`. */
const customIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;
