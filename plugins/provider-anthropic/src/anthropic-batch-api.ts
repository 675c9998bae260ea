import type Anthropic from '@anthropic-ai/sdk';
import {
  APICallError,
  InvalidArgumentError,
  type LanguageModelV1BatchApi,
  type LanguageModelV1BatchCallOptions,
  type LanguageModelV1BatchEntry,
  type LanguageModelV1BatchError,
  type LanguageModelV1BatchJob,
  type LanguageModelV1BatchRequest,
  type LanguageModelV1BatchStatus,
  type LanguageModelV1Request,
  type LanguageModelV1Result,
} from '@synthkit/core';
import { anthropicClientOf } from './internal/anthropic-client-of';
import { type AnthropicCallErrorConfig, toAnthropicCallError } from './internal/to-anthropic-call-error';

/** What an {@link AnthropicBatchApi} needs from its model: its client, and how requests are written and answers read. */
export interface AnthropicBatchApiConfig extends AnthropicCallErrorConfig {
  /** The model's base URL without credentials, for error messages. */
  readonly endpoint: string;
  /** The body the model would send online for a request (never streamed), as a request's `params`. */
  readonly bodyOf: (request: LanguageModelV1Request) => Anthropic.Messages.MessageCreateParamsNonStreaming;
  /**
   * The result the model would return for a whole message: a `succeeded` result's `message`.
   * Throws when the message cannot be used.
   */
  readonly resultOf: (message: unknown) => LanguageModelV1Result;
}

/**
 * Anthropic's Message Batches API for one model, through the official SDK: a job is one batch of
 * Messages API requests (`messages.batches.create`, each request's `params` the body the model
 * sends online), polled with `messages.batches.retrieve` and read with `messages.batches.results`
 * (the JSONL file at the batch's `results_url`) once it has ended. Requests cost half the online
 * price (`priceFactor: 0.5`); a batch holds at most 100 000 requests and ends within 24 hours.
 */
export class AnthropicBatchApi implements LanguageModelV1BatchApi {
  readonly specificationVersion = 'v1';
  /** Anthropic's batch discount: a batched request costs half the online price. */
  readonly priceFactor = 0.5;
  /** Anthropic's limit on the requests of one batch. */
  readonly maxRequestsPerJob = 100_000;
  private readonly config: AnthropicBatchApiConfig;

  constructor(config: AnthropicBatchApiConfig) {
    this.config = config;
  }

  /**
   * Creates one batch of the requests, each sent with the body the model sends online.
   *
   * @throws InvalidArgumentError when a custom id is not one Anthropic accepts (`^[a-zA-Z0-9_-]{1,64}$`),
   * before any request; the model's own errors for a request it cannot send (e.g. no user message).
   * @throws APICallError when Anthropic refuses the batch (400 not retryable, 429 and 5xx retryable)
   * or cannot be reached.
   */
  async doSubmit(requests: ReadonlyArray<LanguageModelV1BatchRequest>, options: LanguageModelV1BatchCallOptions = {}): Promise<LanguageModelV1BatchJob> {
    const batchRequests = requests.map(({ customId, request }, index) => {
      if (!customIdPattern.test(customId)) {
        throw new InvalidArgumentError({
          argument: `requests[${index}].customId`,
          message:
            `Anthropic Message Batches accept custom ids of 1 to 64 letters, digits, "_" and "-" (${customIdPattern.source}), ` +
            `but request ${index} has ${JSON.stringify(customId)}. Give every request such an id (the synthkit engine uses sha256 hex digests, which fit).`,
        });
      }
      return { custom_id: customId, params: this.config.bodyOf(request) };
    });
    const batch = await this.call('/v1/messages/batches', options, (client, signal) =>
      client.messages.batches.create({ requests: batchRequests }, { signal }),
    );
    return { id: batch.id };
  }

  /** Where the batch is: `in-progress` while `in_progress` or `canceling`, `ended` once `ended`. */
  async doPoll(job: LanguageModelV1BatchJob, options: LanguageModelV1BatchCallOptions = {}): Promise<LanguageModelV1BatchStatus> {
    const batch = await this.call(`/v1/messages/batches/${job.id}`, options, (client, signal) =>
      client.messages.batches.retrieve(job.id, {}, { signal }),
    );
    const { processing, succeeded, errored, canceled, expired } = batch.request_counts;
    return {
      state: batch.processing_status === 'ended' ? 'ended' : 'in-progress',
      counts: { total: processing + succeeded + errored + canceled + expired, succeeded, failed: errored + canceled + expired },
      ...(batch.expires_at == null ? {} : { expiresAt: batch.expires_at }),
    };
  }

  /**
   * Every request's answer or error, from the batch's results: `succeeded` answers read as the
   * model reads an online answer, `errored` ones retryable by their error type (rate limits,
   * overloads and server errors are; invalid requests, refused keys, missing permissions and
   * unknown models are not), `expired` and `canceled` ones retryable.
   *
   * @throws APICallError when the results cannot be read (retryable when a line is not JSON or the
   * batch has no results yet).
   */
  async doResults(job: LanguageModelV1BatchJob, options: LanguageModelV1BatchCallOptions = {}): Promise<LanguageModelV1BatchEntry[]> {
    return this.call(`/v1/messages/batches/${job.id}/results`, options, async (client, signal) => {
      const entries: LanguageModelV1BatchEntry[] = [];
      // The SDK retrieves the batch for its results_url, then decodes the JSONL file line by line.
      for await (const line of await client.messages.batches.results(job.id, {}, { signal })) entries.push(this.entryOf(line, job));
      return entries;
    });
  }

  /** Asks Anthropic to cancel the batch: it is `canceling`, then `ended` with its unprocessed requests `canceled`. */
  async doCancel(job: LanguageModelV1BatchJob, options: LanguageModelV1BatchCallOptions = {}): Promise<void> {
    await this.call(`/v1/messages/batches/${job.id}/cancel`, options, (client, signal) => client.messages.batches.cancel(job.id, {}, { signal }));
  }

  // --- Internal helpers ---

  /** Runs an SDK call, turning its failures into the `APICallError` the engine classifies. */
  private async call<T>(
    path: string,
    options: LanguageModelV1BatchCallOptions,
    send: (client: Anthropic, signal: AbortSignal | null) => Promise<T>,
  ): Promise<T> {
    const url = `${this.config.endpoint}${path}`;
    try {
      return await send(await anthropicClientOf(this.config.client), options.signal ?? null);
    } catch (error) {
      const converted = await toAnthropicCallError(error, { config: this.config, url, signal: options.signal });
      // Loaded already (the call that failed went through it): this only reads the module cache.
      const { default: sdk } = await import('@anthropic-ai/sdk');
      // The SDK's own complaints about an answer (a batch without results_url, a body missing) come
      // with no status: passing, so looked at again later.
      if (!APICallError.isInstance(converted) && converted instanceof sdk.AnthropicError && !options.signal?.aborted) {
        throw new APICallError({ message: `Anthropic API call to ${url}: ${converted.message}`, url, isRetryable: true, cause: converted });
      }
      throw converted;
    }
  }

  /** One line of the results file as an entry. */
  private entryOf(line: Anthropic.Messages.MessageBatchIndividualResponse, job: LanguageModelV1BatchJob): LanguageModelV1BatchEntry {
    const customId = String(line.custom_id);
    const result = line.result as Anthropic.Messages.MessageBatchResult | undefined;
    switch (result?.type) {
      case 'succeeded':
        try {
          return { customId, result: this.config.resultOf(result.message) };
        } catch (problem) {
          const message = problem instanceof Error ? problem.message : String(problem);
          return { customId, error: { reason: 'failed', message: `The answer in Anthropic batch ${job.id} cannot be used: ${message}`, retryable: true } };
        }
      case 'errored':
        return { customId, error: erroredOf(result.error, job) };
      case 'expired':
        return {
          customId,
          error: { reason: 'expired', message: `Anthropic batch ${job.id} ended (24 hours after it was created) before this request was processed.`, retryable: true },
        };
      case 'canceled':
        return { customId, error: { reason: 'canceled', message: `Anthropic batch ${job.id} was canceled before this request was processed.`, retryable: true } };
      default:
        return {
          customId,
          error: { reason: 'failed', message: `Anthropic batch ${job.id} gave a result synthkit does not know: ${JSON.stringify(result).slice(0, 200)}`, retryable: true },
        };
    }
  }
}

// --- Internal helpers ---

/** What Anthropic accepts as a `custom_id`. */
const customIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * The HTTP status each error type of the API stands for, and whether sending the request again may
 * help: not for a request refused as it is, nor for a key, permission, model or balance problem.
 */
const errorTypes: Readonly<Record<string, { readonly statusCode: number; readonly retryable: boolean }>> = {
  invalid_request_error: { statusCode: 400, retryable: false },
  authentication_error: { statusCode: 401, retryable: false },
  billing_error: { statusCode: 402, retryable: false },
  permission_error: { statusCode: 403, retryable: false },
  not_found_error: { statusCode: 404, retryable: false },
  request_too_large: { statusCode: 413, retryable: false },
  rate_limit_error: { statusCode: 429, retryable: true },
  api_error: { statusCode: 500, retryable: true },
  timeout_error: { statusCode: 504, retryable: true },
  overloaded_error: { statusCode: 529, retryable: true },
};

/** The error of an `errored` result, retryable by its type (an unknown type is: a later batch may do). */
function erroredOf(body: Anthropic.Messages.MessageBatchErroredResult['error'] | undefined, job: LanguageModelV1BatchJob): LanguageModelV1BatchError {
  const type = body?.error?.type ?? 'error';
  const known = errorTypes[type];
  return {
    reason: 'failed',
    ...(known == null ? {} : { statusCode: known.statusCode }),
    message: `${type} in Anthropic batch ${job.id}: ${body?.error?.message ?? 'no message'}`,
    retryable: known?.retryable ?? true,
  };
}
