import type { AnswerRequest, AnswerRule, ErrorAnswer, FaultAnswer } from '../answer-rule';
import type { DecodedEmbeddingRequest } from './decode-embedding-request';
import { embeddingListBody, embeddingVector } from './embedding-wire-format';
import { countWords } from './openai-wire-format';

/** The answer to an embedding request: its list body, the error or fault a rule chose, or what a rule threw. */
export type EmbeddingAnswer =
  | { readonly list: Record<string, unknown> }
  | ErrorAnswer
  | FaultAnswer
  | { readonly thrown: string };

/**
 * Answers an embedding request. Every input is shown to the rules (as `kind: 'embedding'`, the
 * text as `prompt` and its position as `choiceIndex`), so `errorRule` and `faultRule` apply to
 * embeddings as to completions: the first error or fault a rule returns fails the whole request.
 * A text answer changes nothing: every input gets the vector of its own text.
 */
export function answerEmbedding(
  decoded: DecodedEmbeddingRequest,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  rules: ReadonlyArray<AnswerRule>,
): EmbeddingAnswer {
  for (const [index, text] of decoded.inputs.entries()) {
    const request: AnswerRequest = {
      kind: 'embedding',
      model: decoded.model,
      messages: [],
      prompt: text,
      choiceIndex: index,
      body,
      headers,
    };
    try {
      for (const rule of rules) {
        const result = rule(request);
        if (result == null) continue;
        // Text (with or without log probabilities) only says the input is answered: vectors are made here.
        if (typeof result !== 'string' && !('logprobs' in result)) return result;
        break;
      }
    } catch (error) {
      return { thrown: error instanceof Error ? error.message : String(error) };
    }
  }
  return {
    list: embeddingListBody({
      model: decoded.model,
      vectors: decoded.inputs.map((text) => embeddingVector(text, decoded.dimensions)),
      encodingFormat: decoded.encodingFormat,
      promptTokens: decoded.inputs.reduce((sum, text) => sum + countWords(text), 0),
    }),
  };
}
