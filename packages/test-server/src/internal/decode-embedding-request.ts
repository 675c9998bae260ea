/** An embedding request body, checked and reduced to what the test server needs. */
export interface DecodedEmbeddingRequest {
  readonly model: string;
  /** The texts to embed, in order (a single string `input` is one text). */
  readonly inputs: ReadonlyArray<string>;
  /** `encoding_format`, default `float` as in the OpenAI API. */
  readonly encodingFormat: 'float' | 'base64';
  /** `dimensions`, else {@link defaultEmbeddingDimensions}. */
  readonly dimensions: number;
}

/** Length of the vectors when a request does not ask for `dimensions`: short, so tests can read them. */
export const defaultEmbeddingDimensions = 8;

/** Most texts one request may hold, as in the OpenAI API. */
export const maximumEmbeddingInputs = 2048;

/** Either the decoded request, or why it is invalid (sent back as a 400). */
export type DecodeEmbeddingResult = { readonly decoded: DecodedEmbeddingRequest } | { readonly problem: string };

/** Checks a parsed `POST /v1/embeddings` body the way the OpenAI API does, for the fields the server uses. */
export function decodeEmbeddingRequest(body: Record<string, unknown>): DecodeEmbeddingResult {
  const model = body['model'];
  if (typeof model !== 'string' || model === '') return { problem: 'You must provide a model parameter.' };

  const input = body['input'];
  const inputs = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((text) => typeof text === 'string')) {
    return {
      problem:
        "Invalid 'input': expected a non-empty string or a non-empty array of strings (the test server " +
        'does not take token arrays).',
    };
  }
  if (inputs.length > maximumEmbeddingInputs) {
    return {
      problem:
        `Invalid 'input': array too long. Expected an array with maximum length ${maximumEmbeddingInputs}, ` +
        `but got an array with length ${inputs.length} instead.`,
    };
  }
  const empty = inputs.findIndex((text) => text === '');
  if (empty >= 0) return { problem: `Invalid 'input[${empty}]': the text must not be empty.` };

  const encodingFormat = body['encoding_format'] ?? 'float';
  if (encodingFormat !== 'float' && encodingFormat !== 'base64') {
    const got = JSON.stringify(encodingFormat);
    return { problem: `Invalid value for 'encoding_format': expected 'float' or 'base64', got ${got}.` };
  }
  const dimensions = body['dimensions'] ?? defaultEmbeddingDimensions;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096) {
    const got = JSON.stringify(body['dimensions']);
    return { problem: `Invalid 'dimensions': expected an integer from 1 to 4096, got ${got}.` };
  }
  return { decoded: { model, inputs: inputs as string[], encodingFormat, dimensions } };
}
