import type { BatchOptions } from '../batch-options';

/** A file uploaded with `POST /v1/files`, or written by a job (its output and error files). */
export interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly purpose: string;
  readonly content: string;
  readonly createdAt: number;
}

/** What the server answers one request line of a job with: a status code and a body. */
export interface LineAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

/** A job of the Batch API, as the server keeps it. */
interface StoredBatch {
  readonly id: string;
  readonly inputFileId: string;
  readonly endpoint: string;
  readonly completionWindow: string;
  readonly createdAt: number;
  readonly completeAt: number;
  readonly lines: ReadonlyArray<{ readonly customId: string; readonly body: Record<string, unknown> }>;
  status: 'in_progress' | 'completed' | 'expired' | 'cancelled';
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { total: number; completed: number; failed: number };
  finishedAt: number | null;
}

/**
 * The Files and Batches endpoints of the test server: uploaded files, jobs, and the output and
 * error files a job writes when it completes. `answer` answers one request line with the server's
 * rules; a job is completed lazily, at the first look after its delay.
 */
export function createBatchJobs(options: BatchOptions, answer: (body: Record<string, unknown>, customId: string) => LineAnswer) {
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();
  let fileCount = 0;
  let batchCount = 0;
  const delayMs = options.completionDelayMs ?? 0;

  const addFile = (filename: string, purpose: string, content: string): StoredFile => {
    const file = { id: `file-testkit-${++fileCount}`, filename, purpose, content, createdAt: nowSeconds() };
    files.set(file.id, file);
    return file;
  };

  /** Answers every request of the job (or marks it expired or cancelled) and writes its files. */
  const finish = (batch: StoredBatch, ending: 'completed' | 'cancelled'): void => {
    const output: string[] = [];
    const errors: string[] = [];
    let expired = false;
    for (const [index, line] of batch.lines.entries()) {
      const requestId = `req_testkit_batch_${batch.id}_${index}`;
      const unanswered =
        ending === 'cancelled'
          ? 'batch_cancelled'
          : options.expire?.({ customId: line.customId, batchId: batch.id, prompt: promptOf(line.body), body: line.body }) === true
            ? 'batch_expired'
            : undefined;
      if (unanswered != null) {
        expired ||= unanswered === 'batch_expired';
        const message = unanswered === 'batch_expired' ? 'This request could not be executed before the completion window expired.' : 'This request was cancelled.';
        errors.push(JSON.stringify({ id: `batch_req_${index}`, custom_id: line.customId, response: null, error: { code: unanswered, message } }));
        batch.counts.failed++;
        continue;
      }
      const { statusCode, body } = answer(line.body, line.customId);
      const entry = JSON.stringify({ id: `batch_req_${index}`, custom_id: line.customId, response: { status_code: statusCode, request_id: requestId, body }, error: null });
      if (statusCode === 200) {
        output.push(entry);
        batch.counts.completed++;
      } else {
        errors.push(entry);
        batch.counts.failed++;
      }
    }
    batch.outputFileId = output.length === 0 ? null : addFile(`${batch.id}_output.jsonl`, 'batch_output', `${output.join('\n')}\n`).id;
    batch.errorFileId = errors.length === 0 ? null : addFile(`${batch.id}_error.jsonl`, 'batch_output', `${errors.join('\n')}\n`).id;
    batch.status = ending === 'cancelled' ? 'cancelled' : expired ? 'expired' : 'completed';
    batch.finishedAt = nowSeconds();
  };

  const view = (batch: StoredBatch) => {
    if (batch.status === 'in_progress' && Date.now() >= batch.completeAt) finish(batch, 'completed');
    const finished = batch.finishedAt;
    return {
      id: batch.id,
      object: 'batch',
      endpoint: batch.endpoint,
      errors: null,
      input_file_id: batch.inputFileId,
      completion_window: batch.completionWindow,
      status: batch.status,
      output_file_id: batch.outputFileId,
      error_file_id: batch.errorFileId,
      created_at: Math.floor(batch.createdAt / 1000),
      in_progress_at: Math.floor(batch.createdAt / 1000),
      expires_at: Math.floor(batch.createdAt / 1000) + 24 * 3600,
      completed_at: batch.status === 'completed' ? finished : null,
      expired_at: batch.status === 'expired' ? finished : null,
      cancelled_at: batch.status === 'cancelled' ? finished : null,
      failed_at: null,
      request_counts: batch.counts,
      metadata: null,
    };
  };

  return {
    /** Jobs created so far. */
    get batchCount() {
      return batchCount;
    },
    addFile,
    file: (id: string) => files.get(id),
    /** Creates a job from an uploaded JSONL file; a string is the problem to answer with 400. */
    createBatch(body: Record<string, unknown>): ReturnType<typeof view> | string {
      const inputFileId = body['input_file_id'];
      const file = typeof inputFileId === 'string' ? files.get(inputFileId) : undefined;
      if (file == null) return `No such file: ${JSON.stringify(inputFileId)}. Upload it first with POST /v1/files (purpose "batch").`;
      const endpoint = body['endpoint'];
      if (endpoint !== '/v1/chat/completions' && endpoint !== '/v1/completions') {
        return `Invalid 'endpoint': the test server runs batches for /v1/chat/completions and /v1/completions, got ${JSON.stringify(endpoint)}.`;
      }
      if (body['completion_window'] !== '24h') return `Invalid 'completion_window': only "24h" is supported, got ${JSON.stringify(body['completion_window'])}.`;
      const lines: Array<{ customId: string; body: Record<string, unknown> }> = [];
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
        lines.push({ customId: record.custom_id, body: record.body as Record<string, unknown> });
      }
      if (lines.length === 0) return `${file.id} holds no requests.`;
      const createdAt = Date.now();
      const batch: StoredBatch = {
        id: `batch_testkit_${++batchCount}`,
        inputFileId: file.id,
        endpoint,
        completionWindow: '24h',
        createdAt,
        completeAt: createdAt + delayMs,
        lines,
        status: 'in_progress',
        outputFileId: null,
        errorFileId: null,
        counts: { total: lines.length, completed: 0, failed: 0 },
        finishedAt: null,
      };
      batches.set(batch.id, batch);
      return view(batch);
    },
    retrieveBatch(id: string) {
      const batch = batches.get(id);
      return batch == null ? undefined : view(batch);
    },
    cancelBatch(id: string) {
      const batch = batches.get(id);
      if (batch == null) return undefined;
      if (batch.status === 'in_progress') finish(batch, 'cancelled');
      return view(batch);
    },
  };
}

// --- Internal helpers ---

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function promptOf(body: Record<string, unknown>): string {
  const messages = body['messages'];
  if (Array.isArray(messages)) {
    const last = [...messages].reverse().find((message) => (message as { role?: unknown })?.role === 'user') as { content?: unknown } | undefined;
    return typeof last?.content === 'string' ? last.content : '';
  }
  return typeof body['prompt'] === 'string' ? body['prompt'] : '';
}
