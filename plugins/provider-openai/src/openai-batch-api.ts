import {
  APICallError,
  type LanguageModelV1BatchApi,
  type LanguageModelV1BatchCallOptions,
  type LanguageModelV1BatchEntry,
  type LanguageModelV1BatchJob,
  type LanguageModelV1BatchRequest,
  type LanguageModelV1BatchStatus,
  type LanguageModelV1Request,
  type LanguageModelV1Result,
} from '@synthkit/core';
import type OpenAI from 'openai';
import { toOpenAICallError } from './internal/to-openai-call-error';
import { openAIClientOf, type OpenAIModelConfig } from './openai-model-config';

/** What an {@link OpenAIBatchApi} needs from its model: where requests go and how they are written and read. */
export interface OpenAIBatchApiConfig extends OpenAIModelConfig {
  /** The model's base URL without credentials, for error messages. */
  readonly endpoint: string;
  /** The API every request of a job calls: `/v1/chat/completions` (OpenAI requires the `/v1` form). */
  readonly url: '/v1/chat/completions' | '/v1/completions';
  /** The body the model would send online for a request (never streamed). */
  readonly bodyOf: (request: LanguageModelV1Request) => Record<string, unknown>;
  /** The result the model would return for a whole (non-streamed) answer body. */
  readonly resultOf: (body: unknown) => LanguageModelV1Result;
}

/**
 * OpenAI's Batch API for one model, through the official SDK: a job's requests are uploaded as a
 * JSONL file (`files.create`, purpose `batch`), the job is created with `batches.create` (24 h
 * window), polled with `batches.retrieve`, and its answers read from its output and error files
 * (`files.content`). Requests cost half the online price (`priceFactor: 0.5`).
 */
export class OpenAIBatchApi implements LanguageModelV1BatchApi {
  readonly specificationVersion = 'v1';
  /** OpenAI's batch discount: a batched request costs half the online price. */
  readonly priceFactor = 0.5;
  /** OpenAI's limit on the requests of one job. */
  readonly maxRequestsPerJob = 50_000;
  private readonly config: OpenAIBatchApiConfig;

  constructor(config: OpenAIBatchApiConfig) {
    this.config = config;
  }

  /** Uploads the requests as one JSONL file and creates a job over it. @throws APICallError */
  async doSubmit(requests: ReadonlyArray<LanguageModelV1BatchRequest>, options: LanguageModelV1BatchCallOptions = {}): Promise<LanguageModelV1BatchJob> {
    const { url } = this.config;
    const lines = requests.map(({ customId, request }) =>
      JSON.stringify({ custom_id: customId, method: 'POST', url, body: this.config.bodyOf(request) }),
    );
    const batch = await this.call('/batches', options, async (client, signal) => {
      // Loaded already by the client (imported on first use): this only reads the module cache.
      const { toFile } = await import('openai');
      const file = await client.files.create(
        { file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'synthkit-batch.jsonl'), purpose: 'batch' },
        { signal },
      );
      return client.batches.create({ input_file_id: file.id, endpoint: url, completion_window: '24h' }, { signal });
    });
    return { id: batch.id };
  }

  /** Where the job is: `in-progress` until it completed, expired or was cancelled; `failed` when refused. */
  async doPoll(job: LanguageModelV1BatchJob, options: LanguageModelV1BatchCallOptions = {}): Promise<LanguageModelV1BatchStatus> {
    const batch = await this.retrieve(job, options);
    const counts = batch.request_counts;
    return {
      state: stateOf(batch.status),
      ...(counts == null ? {} : { counts: { total: counts.total, succeeded: counts.completed, failed: counts.failed } }),
      ...(batch.expires_at == null ? {} : { expiresAt: new Date(batch.expires_at * 1000).toISOString() }),
      ...(batch.status === 'failed' ? { message: failureOf(batch) } : {}),
    };
  }

  /** Every request's answer or error, from the job's output and error files. */
  async doResults(job: LanguageModelV1BatchJob, options: LanguageModelV1BatchCallOptions = {}): Promise<LanguageModelV1BatchEntry[]> {
    const batch = await this.retrieve(job, options);
    const entries: LanguageModelV1BatchEntry[] = [];
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (fileId == null) continue;
      const text = await this.call(`/files/${fileId}/content`, options, async (client, signal) => (await client.files.content(fileId, { signal })).text());
      for (const line of text.split('\n')) if (line.trim() !== '') entries.push(this.entryOf(line, job));
    }
    return entries;
  }

  async doCancel(job: LanguageModelV1BatchJob, options: LanguageModelV1BatchCallOptions = {}): Promise<void> {
    await this.call(`/batches/${job.id}/cancel`, options, (client, signal) => client.batches.cancel(job.id, { signal }));
  }

  // --- Internal helpers ---

  private retrieve(job: LanguageModelV1BatchJob, options: LanguageModelV1BatchCallOptions): Promise<OpenAI.Batches.Batch> {
    return this.call(`/batches/${job.id}`, options, (client, signal) => client.batches.retrieve(job.id, { signal }));
  }

  /** Runs an SDK call, turning its failures into the `APICallError` the engine classifies. */
  private async call<T>(
    path: string,
    options: LanguageModelV1BatchCallOptions,
    send: (client: OpenAI, signal: AbortSignal | null) => Promise<T>,
  ): Promise<T> {
    try {
      return await send(await openAIClientOf(this.config.client), options.signal ?? null);
    } catch (error) {
      throw await toOpenAICallError(error, { config: this.config, url: `${this.config.endpoint}${path}`, signal: options.signal });
    }
  }

  /** One line of an output or error file as an entry. */
  private entryOf(line: string, job: LanguageModelV1BatchJob): LanguageModelV1BatchEntry {
    let parsed: { custom_id?: unknown; response?: { status_code?: number; body?: unknown } | null; error?: { code?: string; message?: string } | null };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new APICallError({
        message: `The results of OpenAI batch ${job.id} hold a line that is not JSON: ${line.slice(0, 200)}`,
        url: `${this.config.endpoint}/batches/${job.id}`,
        isRetryable: true,
      });
    }
    const customId = String(parsed.custom_id);
    const { response, error } = parsed;
    if (response != null && response.status_code === 200) {
      try {
        return { customId, result: this.config.resultOf(response.body) };
      } catch (problem) {
        return { customId, error: { reason: 'failed', message: problem instanceof Error ? problem.message : String(problem), retryable: true } };
      }
    }
    if (response != null && response.status_code != null) {
      const status = response.status_code;
      const body = response.body as { error?: { message?: string } } | undefined;
      return {
        customId,
        error: {
          reason: 'failed',
          statusCode: status,
          message: `HTTP ${status} in OpenAI batch ${job.id}: ${body?.error?.message ?? JSON.stringify(response.body)}`,
          retryable: status === 408 || status === 409 || status === 429 || status >= 500,
        },
      };
    }
    const code = error?.code;
    const reason = code === 'batch_expired' ? 'expired' : code === 'batch_cancelled' ? 'canceled' : 'failed';
    return { customId, error: { reason, message: `${code ?? 'error'} in OpenAI batch ${job.id}: ${error?.message ?? 'no answer'}`, retryable: true } };
  }
}

// --- Internal helpers ---

function stateOf(status: OpenAI.Batches.Batch['status']): LanguageModelV1BatchStatus['state'] {
  switch (status) {
    case 'completed':
    case 'expired':
    case 'cancelled':
      return 'ended';
    case 'failed':
      return 'failed';
    default:
      return 'in-progress';
  }
}

function failureOf(batch: OpenAI.Batches.Batch): string {
  const errors = batch.errors?.data ?? [];
  return errors.length === 0 ? `OpenAI refused batch ${batch.id}.` : errors.map((error) => `${error.code ?? 'error'}${error.line == null ? '' : ` (line ${error.line})`}: ${error.message ?? ''}`).join('; ');
}
