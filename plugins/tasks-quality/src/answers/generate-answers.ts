import type { FinishReason, GenerationParams, JsonValue, TaskGenerateRequestV1, TaskGenerateResultV1 } from '@synthkit/core';

/** What {@link generateAnswers} needs of a task's context. */
export interface AnswerContext {
  generate(request: TaskGenerateRequestV1): Promise<TaskGenerateResultV1>;
}

/** The call {@link generateAnswers} makes for one prompt. */
export interface AnswerRequest {
  /** The model role that answers (`generator`, `teacher`). */
  readonly role: string;
  /** The prompt's text, sent as the user turn. */
  readonly prompt: string;
  /** The system turn, or undefined for none. */
  readonly systemPrompt?: string;
  /** How many answers to ask for, in one call (the engine splits it for models that answer fewer per request). */
  readonly n: number;
  /** Parameters the task recommends (the recipe's for the role win). Default: none. */
  readonly defaults?: GenerationParams;
}

/** What {@link generateAnswers} returns: the usable answers, and why the others were refused. */
export interface GeneratedAnswers {
  /** The usable answers, trimmed, in the order of the model's choices. */
  readonly answers: string[];
  /** Why each refused answer was refused, in the order of the model's choices. */
  readonly refusals: string[];
}

/**
 * Asks the role's model for `n` answers to a prompt in one call, with the `answer` template (or
 * `answer-with-system` when there is a system prompt), and keeps the usable ones: an answer cut off
 * at max_tokens (finish reason `length`) is refused, since it would teach a model to stop
 * mid-sentence, and so is a blank one (no letter or digit in any script).
 */
export async function generateAnswers(context: AnswerContext, request: AnswerRequest): Promise<GeneratedAnswers> {
  const variables: Record<string, JsonValue> = { prompt: request.prompt };
  if (request.systemPrompt != null) variables['system_prompt'] = request.systemPrompt;
  const result = await context.generate({
    role: request.role,
    template: request.systemPrompt == null ? 'answer' : 'answer-with-system',
    variables,
    ...(request.defaults == null ? {} : { defaults: request.defaults }),
    ...(request.n === 1 ? {} : { params: { n: request.n } }),
  });
  const answers: string[] = [];
  const refusals: string[] = [];
  result.texts.forEach((text, index) => {
    const refusal = refusalOf(text, result.finishReasons[index] ?? 'other', request.role);
    if (refusal == null) answers.push(text.trim());
    else refusals.push(refusal);
  });
  return { answers, refusals };
}

// --- Internal helpers ---

/** Why an answer must not be kept, or undefined to keep it. */
function refusalOf(text: string, finishReason: FinishReason, role: string): string | undefined {
  if (finishReason === 'length') {
    return `answer cut off at max_tokens (finish reason length): raise params.${role}.max_tokens in the recipe, or leave it unset`;
  }
  if (!/[\p{L}\p{N}]/u.test(text)) return 'blank answer: the model answered with no letters or digits';
  return undefined;
}
