import type { ErrorAnswer } from '../answer-rule';
import type { BatchOptions } from '../batch-options';
import { type BatchAnswer, type BatchJob, type BatchJobRequest, createBatchJobs } from './batch-jobs';
import { decodeRequest } from './decode-request';

/** A file uploaded with `POST /v1/files`, or written by a job (its output and error files). */
interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly purpose: string;
  readonly content: string;
  /** Seconds since the epoch, as OpenAI writes times. */
  readonly createdAt: number;
}

/** What only OpenAI's format keeps about a job: its input file, endpoint and the files it wrote. */
interface OpenAIJobDetails {
  readonly inputFileId: string;
  readonly endpoint: string;
  outputFileId: string | null;
  errorFileId: string | null;
}

/**
 * The Files and Batches endpoints' state in OpenAI's format, on the shared job lifecycle: uploaded
 * files, the JSONL input files read into requests, `batch` objects, and the output and error files a
 * job writes when it ends. `answer` answers one request line with the server's rules.
 */
export function createOpenAIBatches(
  options: BatchOptions,
  answer: (body: Record<string, unknown>, customId: string) => BatchAnswer,
) {
  const files = new Map<string, StoredFile>();
  let fileCount = 0;

  const addFile = (filename: string, purpose: string, content: string): StoredFile => {
    const file = { id: `file-testkit-${++fileCount}`, filename, purpose, content, createdAt: secondsOf(Date.now()) };
    files.set(file.id, file);
    return file;
  };

  const jobs = createBatchJobs<OpenAIJobDetails>({
    options,
    idPrefix: 'batch_testkit_',
    answer: (request) => answer(request.body, request.customId),
    onEnded: (job) => writeResultFiles(job, addFile),
  });

  return {
    /** Jobs created so far. */
    get batchCount() {
      return jobs.count;
    },
    addFile,
    file: (id: string) => files.get(id),
    /**
     * Creates a job from an uploaded JSONL file: the `batch` object, the problem to answer with 400,
     * or the `refuse` option's answer.
     */
    createBatch(body: Record<string, unknown>): { readonly batch: BatchObject } | { readonly problem: string } | { readonly refused: ErrorAnswer } {
      const inputFileId = body['input_file_id'];
      const file = typeof inputFileId === 'string' ? files.get(inputFileId) : undefined;
      if (file == null) return { problem: `No such file: ${JSON.stringify(inputFileId)}. Upload it first with POST /v1/files (purpose "batch").` };
      const endpoint = body['endpoint'];
      if (endpoint !== '/v1/chat/completions' && endpoint !== '/v1/completions') {
        return { problem: `Invalid 'endpoint': the test server runs batches for /v1/chat/completions and /v1/completions, got ${JSON.stringify(endpoint)}.` };
      }
      if (body['completion_window'] !== '24h') return { problem: `Invalid 'completion_window': only "24h" is supported, got ${JSON.stringify(body['completion_window'])}.` };
      const requests = readInputFile(file, endpoint);
      if (typeof requests === 'string') return { problem: requests };
      const created = jobs.create(requests, { inputFileId: file.id, endpoint, outputFileId: null, errorFileId: null });
      return 'refused' in created ? created : { batch: batchObject(created.job) };
    },
    retrieveBatch(id: string): BatchObject | undefined {
      const job = jobs.look(id);
      return job == null ? undefined : batchObject(job);
    },
    cancelBatch(id: string): BatchObject | undefined {
      const job = jobs.cancel(id);
      return job == null ? undefined : batchObject(job);
    },
  };
}

// --- Internal helpers ---

/** A `batch` object as `GET /v1/batches/{id}` returns it. */
type BatchObject = ReturnType<typeof batchObject>;

function batchObject(job: BatchJob<OpenAIJobDetails>) {
  const { details, counts } = job;
  const ended = job.endedAt == null ? null : secondsOf(job.endedAt);
  const status =
    job.state === 'in-progress'
      ? 'in_progress'
      : job.state === 'canceling'
        ? 'cancelling'
        : job.cancelInitiatedAt != null
          ? 'cancelled'
          : counts.expired > 0
            ? 'expired'
            : 'completed';
  return {
    id: job.id,
    object: 'batch',
    endpoint: details.endpoint,
    errors: null,
    input_file_id: details.inputFileId,
    completion_window: '24h',
    status,
    output_file_id: details.outputFileId,
    error_file_id: details.errorFileId,
    created_at: secondsOf(job.createdAt),
    in_progress_at: secondsOf(job.createdAt),
    expires_at: secondsOf(job.expiresAt),
    completed_at: status === 'completed' ? ended : null,
    expired_at: status === 'expired' ? ended : null,
    cancelling_at: job.cancelInitiatedAt == null ? null : secondsOf(job.cancelInitiatedAt),
    cancelled_at: status === 'cancelled' ? ended : null,
    failed_at: null,
    request_counts: { total: counts.total, completed: counts.succeeded, failed: counts.total - counts.succeeded - counts.processing },
    metadata: null,
  };
}

/** Writes an ended job's output file (its 200 answers) and error file (the rest), as OpenAI does. */
function writeResultFiles(job: BatchJob<OpenAIJobDetails>, addFile: (filename: string, purpose: string, content: string) => StoredFile): void {
  const output: string[] = [];
  const errors: string[] = [];
  for (const outcome of job.outcomes) {
    const { index, request } = outcome;
    if (outcome.kind !== 'answered') {
      const [code, message] =
        outcome.kind === 'expired'
          ? ['batch_expired', 'This request could not be executed before the completion window expired.']
          : ['batch_cancelled', 'This request was cancelled.'];
      errors.push(JSON.stringify({ id: `batch_req_${index}`, custom_id: request.customId, response: null, error: { code, message } }));
      continue;
    }
    const { statusCode, body } = outcome.answer;
    const response = { status_code: statusCode, request_id: `req_testkit_batch_${job.id}_${index}`, body };
    (statusCode === 200 ? output : errors).push(JSON.stringify({ id: `batch_req_${index}`, custom_id: request.customId, response, error: null }));
  }
  const fileOf = (lines: string[], kind: string) => (lines.length === 0 ? null : addFile(`${job.id}_${kind}.jsonl`, 'batch_output', `${lines.join('\n')}\n`).id);
  job.details.outputFileId = fileOf(output, 'output');
  job.details.errorFileId = fileOf(errors, 'error');
}

/** The requests of a JSONL input file, or what is wrong with it. */
function readInputFile(file: StoredFile, endpoint: string): BatchJobRequest[] | string {
  const requests: BatchJobRequest[] = [];
  const seen = new Set<string>();
  for (const [index, text] of file.content.split('\n').entries()) {
    if (text.trim() === '') continue;
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      return `Line ${index + 1} of ${file.id} is not JSON.`;
    }
    const record = line as { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    if (typeof record.custom_id !== 'string' || seen.has(record.custom_id)) return `Line ${index + 1} of ${file.id}: custom_id is missing or repeated.`;
    if (record.method !== 'POST' || record.url !== endpoint || typeof record.body !== 'object' || record.body == null) {
      return `Line ${index + 1} of ${file.id}: expected { custom_id, method: "POST", url: "${endpoint}", body }.`;
    }
    seen.add(record.custom_id);
    const body = record.body as Record<string, unknown>;
    requests.push({ customId: record.custom_id, body, prompt: promptOf(body, endpoint) });
  }
  return requests.length === 0 ? `${file.id} holds no requests.` : requests;
}

/** The prompt rules see in a line's body: the last user message, or the completion prompt. */
function promptOf(body: Record<string, unknown>, endpoint: string): string {
  const decoded = decodeRequest(endpoint === '/v1/completions' ? 'completion' : 'chat', body);
  return 'decoded' in decoded ? decoded.decoded.prompt : '';
}

function secondsOf(milliseconds: number): number {
  return Math.floor(milliseconds / 1000);
}
