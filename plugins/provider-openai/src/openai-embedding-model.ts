import { APICallError, type EmbeddingModelV1, InvalidArgumentError } from '@synthkit/core';
import { redactURL } from '@synthkit/provider-utils';
import type OpenAI from 'openai';
import { decodeFloat32Base64 } from './internal/decode-float32-base64';
import { toOpenAICallError } from './internal/to-openai-call-error';
import { openAIClientOf, type OpenAIModelConfig } from './openai-model-config';

/** Settings of one embedding model. Every field is optional. */
export interface OpenAIEmbeddingModelSettings {
  /**
   * Length of the vectors, sent as `dimensions`, for models that can shorten theirs
   * (`text-embedding-3-*`). Default: not sent, so the model's full length.
   */
  readonly dimensions?: number;
  /**
   * Most texts one request carries. `doEmbed` sends larger batches as several requests, one after
   * another, and an engine that batches itself reads it as the model's `maxTextsPerCall`. Lower it
   * for servers with smaller limits, or when long texts would pass OpenAI's limit on the tokens
   * of one request. Default: 2048, the most the OpenAI API accepts.
   */
  readonly maxTextsPerCall?: number;
  /**
   * How vectors travel: `base64` (little-endian float32 values, a quarter of the size of JSON
   * numbers and exact) or `float` (JSON numbers). Vectors come back as numbers either way, and a
   * server that ignores the setting and answers numbers is read as well. Default: `base64`.
   */
  readonly encodingFormat?: 'base64' | 'float';
}

/**
 * A text embedding model behind an OpenAI-compatible `POST /embeddings` endpoint, called through
 * the official openai SDK (`client.embeddings.create`). Create it with
 * `createOpenAI(settings).embeddingModel(modelId, { dimensions })`; creating it makes no request.
 */
export class OpenAIEmbeddingModel implements EmbeddingModelV1 {
  /** The embedding model specification this class implements. */
  readonly specificationVersion = 'v1';
  /** Always `openai`: the provider is the wire protocol, not the vendor. */
  readonly provider = 'openai';
  /** Model id sent as `model`, e.g. `text-embedding-3-small`. */
  readonly modelId: string;
  /** The base URL, without credentials or query. */
  readonly endpoint: string;
  /** Most texts one request carries (see {@link OpenAIEmbeddingModelSettings.maxTextsPerCall}). */
  readonly maxTextsPerCall: number;
  private readonly config: OpenAIModelConfig;
  private readonly dimensions: number | undefined;
  private readonly encodingFormat: 'base64' | 'float';

  /** @throws InvalidArgumentError when a setting is invalid. */
  constructor(modelId: string, config: OpenAIModelConfig, settings: OpenAIEmbeddingModelSettings = {}) {
    checkSettings(settings);
    this.modelId = modelId;
    this.config = config;
    this.endpoint = redactURL(config.client.baseURL.replace(/\/+$/, ''));
    this.maxTextsPerCall = settings.maxTextsPerCall ?? 2048;
    this.dimensions = settings.dimensions;
    this.encodingFormat = settings.encodingFormat ?? 'base64';
  }

  /**
   * Embeds the texts, one vector per text in input order (the server's `index` decides, not the
   * order of its list), in requests of at most `maxTextsPerCall` texts sent one after another.
   * `usage.inputTokens` is the sum over the requests, left out when a request reported none.
   * No text, no request.
   *
   * @throws APICallError when the API answers an error, cannot be reached, or answers a 200 that is
   * not one vector per text (retryable: a malformed or HTML body, a missing or repeated `index`,
   * a vector that is neither numbers nor base64 float32s); the abort error as it is when `signal`
   * aborts the call.
   */
  async doEmbed({ texts, signal }: { readonly texts: ReadonlyArray<string>; readonly signal?: AbortSignal }): Promise<{
    embeddings: number[][];
    usage?: { inputTokens: number };
  }> {
    const embeddings: number[][] = [];
    let inputTokens: number | undefined = 0;
    for (let start = 0; start < texts.length; start += this.maxTextsPerCall) {
      const batch = await this.embedBatch(texts.slice(start, start + this.maxTextsPerCall), signal);
      embeddings.push(...batch.embeddings);
      inputTokens = inputTokens === undefined || batch.inputTokens === undefined ? undefined : inputTokens + batch.inputTokens;
    }
    return texts.length === 0 || inputTokens === undefined ? { embeddings } : { embeddings, usage: { inputTokens } };
  }

  private async embedBatch(
    texts: ReadonlyArray<string>,
    signal: AbortSignal | undefined,
  ): Promise<{ embeddings: number[][]; inputTokens: number | undefined }> {
    const url = `${this.endpoint}/embeddings`;
    try {
      // An explicit encoding_format makes the SDK hand the answer over as it is: it decodes base64
      // only when it chose the format itself, with the machine's byte order, and garbles the
      // numbers of a server that ignored the format.
      const client = await openAIClientOf(this.config.client);
      const { data, response } = await client.embeddings
        .create(
          {
            model: this.modelId,
            input: [...texts],
            encoding_format: this.encodingFormat,
            ...(this.dimensions === undefined ? {} : { dimensions: this.dimensions }),
          },
          { signal: signal ?? null },
        )
        .withResponse();
      return { embeddings: vectorsOf(data, texts.length, url, response.status), inputTokens: inputTokensOf(data) };
    } catch (error) {
      throw await toOpenAICallError(error, { config: this.config, url, signal });
    }
  }
}

// --- Internal helpers ---

/** The vectors of an answer, by their `index`, or a retryable error saying what is wrong with it. */
function vectorsOf(data: unknown, count: number, url: string, status: number): number[][] {
  const invalid = (problem: string) => {
    const text = typeof data === 'string' ? data : JSON.stringify(data) ?? String(data);
    return new APICallError({
      message: `OpenAI API call to ${url} answered HTTP ${status} with a body that is not an embedding list (${problem}): ${text.slice(0, 200)}`,
      url,
      statusCode: status,
      responseBody: text.slice(0, 4096),
      isRetryable: true,
    });
  };
  if (typeof data === 'string') throw invalid('not JSON');
  const list = (data as { data?: unknown } | null)?.data;
  if (!Array.isArray(list)) throw invalid('no "data" list');
  if (list.length !== count) throw invalid(`${list.length} vectors for ${count} texts`);
  const vectors = new Array<number[] | undefined>(count);
  for (const item of list as Array<OpenAI.Embeddings.Embedding | null>) {
    const index = item?.index;
    const placed = typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < count;
    if (!placed || vectors[index] !== undefined) {
      throw invalid(`index ${JSON.stringify(index)} is missing, out of range or repeated`);
    }
    const embedding: unknown = item?.embedding;
    const vector =
      typeof embedding === 'string'
        ? decodeFloat32Base64(embedding)
        : Array.isArray(embedding) && embedding.every((value) => typeof value === 'number')
          ? (embedding as number[])
          : undefined;
    if (vector === undefined) throw invalid(`the embedding at index ${index} is neither numbers nor base64 float32s`);
    vectors[index] = vector;
  }
  return vectors as number[][];
}

function inputTokensOf(data: unknown): number | undefined {
  const tokens = (data as { usage?: { prompt_tokens?: unknown } }).usage?.prompt_tokens;
  return typeof tokens === 'number' ? tokens : undefined;
}

function checkSettings({ dimensions, maxTextsPerCall, encodingFormat }: OpenAIEmbeddingModelSettings): void {
  const problem =
    dimensions !== undefined && !(Number.isInteger(dimensions) && dimensions >= 1)
      ? ['dimensions', `dimensions must be a whole number of at least 1; got ${JSON.stringify(dimensions)}.`]
      : maxTextsPerCall !== undefined && !(Number.isInteger(maxTextsPerCall) && maxTextsPerCall >= 1)
        ? ['maxTextsPerCall', `maxTextsPerCall must be a whole number of at least 1; got ${JSON.stringify(maxTextsPerCall)}.`]
        : encodingFormat !== undefined && encodingFormat !== 'base64' && encodingFormat !== 'float'
          ? ['encodingFormat', `encodingFormat must be "base64" or "float"; got ${JSON.stringify(encodingFormat)}.`]
          : undefined;
  if (problem != null) {
    throw new InvalidArgumentError({ argument: problem[0]!, message: `Invalid OpenAI embedding model setting: ${problem[1]}` });
  }
}
