import type { z } from 'zod';
import type { ChatMessage } from '../../language-model/v1/chat-message';
import type { GenerationParams } from '../../language-model/v1/generation-params';
import type { FinishReason, LanguageModelV1 } from '../../language-model/v1/language-model-v1';
import type { PromptTemplateV1 } from '../../prompt-template/v1/prompt-template-v1';
import type { JsonRecord, JsonValue } from '../../record/json-record';

/**
 * A generation step: one record in, zero or more records out.
 *
 * A source task (the first stage of a recipe, generating from nothing) receives one empty record.
 * Tasks return only their new fields; the engine merges them over the input record and adds
 * `_id` and `_meta`.
 */
export interface TaskV1<Options = unknown, Input extends JsonRecord = JsonRecord, Output extends JsonRecord = JsonRecord> {
  readonly specificationVersion: 'v1';
  /** One sentence on what the task produces, shown by `synthkit tasks list`. */
  readonly description: string;
  /** Schema of the stage's `options` in a recipe. Parsed before any request; issues carry paths. */
  readonly options: z.ZodType<Options>;
  /** Fields the task reads from its input record. Checked on every record. */
  readonly input: z.ZodType<Input>;
  /** Fields the task adds. Checked on every record it returns. */
  readonly output: z.ZodType<Output>;
  /** Model roles the task calls, with what each is for, e.g. `{ generator: '...', converter: '...' }`. */
  readonly models: Readonly<Record<string, string>>;
  /**
   * Reward-model roles the task calls through `context.score`, with what each is for, e.g.
   * `{ reward: 'Scores each candidate answer.' }`. A recipe binds them like any role
   * (`models: { reward: openai:nvidia/nemotron-4-340b-reward }`) but `default` never serves them:
   * a chat model is no reward model. Role names are shared with `models` and must differ from them.
   */
  readonly rewardModels?: Readonly<Record<string, string>>;
  /**
   * Embedding-model roles the task calls through `context.embed`, with what each is for. Bound as
   * {@link TaskV1.rewardModels} are: by name, never by `default`.
   */
  readonly embeddingModels?: Readonly<Record<string, string>>;
  /** Default prompt templates by name. Each can be overridden in a recipe. */
  readonly templates: Readonly<Record<string, PromptTemplateV1>>;
  /**
   * The fields a stage of this task reads and adds when they depend on its options, such as a
   * task whose options name the field it writes (`output: summary`) or the fields its prompt reads.
   * `synthkit validate` checks the field flow with them, over the keys of `input` (required ones)
   * and `output`. Default: none beyond the schemas'.
   */
  fields?(options: Options): TaskFieldsV1;
  /**
   * The reward- and embedding-model roles a stage of this task calls, when that depends on its
   * options (a `scorer: judge | reward` option): a recipe must bind a model to each of these, and
   * only these. Language-model roles are unaffected (`default` serves them). Default: every
   * declared reward and embedding role.
   */
  scoringRoles?(options: Options): ReadonlyArray<string>;
  /**
   * The score of one output record, for a task that grades what it makes (a best-of-n's kept
   * answer): the engine records it in the record's `_meta.scores` under the stage's name, where
   * filter stages record theirs, so every stage's scores are found in one place and later stages
   * (a filter on a stored score) can read them. `undefined` records none. Default: none.
   */
  scoreOf?(record: Output): number | boolean | undefined;
  run(input: Input, context: TaskContextV1<Options>): AsyncIterable<Output> | PromiseLike<ReadonlyArray<Output>>;
}

/** What {@link TaskV1.fields} returns. */
export interface TaskFieldsV1 {
  /** Fields every input record must have, beyond the `input` schema's required ones. */
  readonly reads?: ReadonlyArray<string>;
  /** Fields the task adds, beyond the `output` schema's keys. */
  readonly writes?: ReadonlyArray<string>;
}

/** What a task gets from the engine for one record. */
export interface TaskContextV1<Options = unknown> {
  /** The stage's options, parsed by the task's `options` schema. */
  readonly options: Options;
  /** Aborted when the run is cancelled; pass it on to anything slow. */
  readonly signal: AbortSignal;
  /**
   * The input record's `_id`: the seed line's own `_id` when it has one, else the stable id the
   * engine gave it (a hash of its content or lineage). The same recipe over the same inputs gives
   * the same ids, so a task can write it into a field (e.g. the document a question was asked
   * about) where `_meta.parent` would be lost when `_meta` is dropped.
   */
  readonly recordId: string;
  /**
   * A random number in [0, 1), seeded from the run seed and the record's `_id`, so reruns of the
   * same recipe make the same choices.
   */
  random(): number;
  /** Renders one of the task's templates (or the recipe's override of it) to chat messages. */
  render(template: string, variables: Readonly<Record<string, JsonValue>>): ChatMessage[];
  /**
   * Renders a template and sends it to the model of a role, through the engine. The call is
   * counted in the run statistics and traced in the record's `_meta.calls`.
   */
  generate<Output = unknown>(request: TaskGenerateRequestV1<Output>): Promise<TaskGenerateResultV1<Output>>;
  /** The model bound to a role, for calls `generate` does not cover. Calls are still counted and traced. */
  model(role: string): LanguageModelV1;
  /**
   * Scores a conversation (usually a prompt and the answer to judge) with the reward model of one
   * of the task's `rewardModels` roles, through the engine: scheduled on the model's endpoint,
   * retried, cached, counted, and traced in `_meta.calls` with the scores.
   */
  score(request: TaskScoreRequestV1): Promise<TaskScoreResultV1>;
  /**
   * Embeds texts with the embedding model of one of the task's `embeddingModels` roles, through the
   * engine (split into calls of the model's `maxTextsPerCall`), traced in `_meta.calls`.
   */
  embed(request: TaskEmbedRequestV1): Promise<TaskEmbedResultV1>;
  /**
   * Drops this input record on purpose, with a reason that goes to `rejects.jsonl`. Use it for
   * failures the user chose to tolerate (e.g. `ignore_conversion_failure`); throw for real errors.
   */
  reject(reason: string, details?: JsonRecord): void;
}

export interface TaskGenerateRequestV1<Output = unknown> {
  /** Model role to call, one of the task's `models`. */
  readonly role: string;
  /** Template name, one of the task's `templates`. */
  readonly template: string;
  /** Values for the template's placeholders. Recipe-level variables are added by the engine. */
  readonly variables: Readonly<Record<string, JsonValue>>;
  /**
   * Earlier turns of a conversation, sent as chat messages between the rendered template's system
   * message (if it has one) and its user message: the template renders the newest user turn, and
   * the model sees the whole conversation as real turns, as a chat endpoint expects. Only `user`
   * and `assistant` turns; a `system` turn belongs in the template. The template (or a recipe's
   * override of it) still decides the system message and how the newest turn is worded; the
   * earlier turns are sent as they are. Default: none.
   */
  readonly priorMessages?: ReadonlyArray<ChatMessage>;
  /**
   * Parameters the task recommends for this call, e.g. `temperature: 0` for a converter that must
   * copy rather than create. They apply where the recipe sets nothing for this role specifically:
   * they win over the recipe's `default` parameters, and lose to its parameters for the role.
   */
  readonly defaults?: GenerationParams;
  /** Parameters that must be sent as they are, over everything the recipe sets (e.g. `n`). Use sparingly. */
  readonly params?: GenerationParams;
  /**
   * Asks for JSON (structured output). With a schema, the provider is asked to follow it, and the
   * engine checks every answer against it: an answer that is not valid JSON or does not fit is sent
   * back to the model once with what was wrong (counted in `_meta.calls[].repairs`); one that still
   * does not fit rejects the record with the reason. The parsed values come back as `objects`.
   */
  readonly responseFormat?: TaskResponseFormatV1<Output>;
}

/** Structured output for {@link TaskGenerateRequestV1}: any JSON object, or JSON that fits a schema. */
export interface TaskResponseFormatV1<Output = unknown> {
  readonly type: 'json';
  /**
   * A zod schema (answers are parsed with it, so defaults and transforms apply to `objects`) or a
   * JSON schema object. Omit it for "any JSON object".
   */
  readonly schema?: z.ZodType<Output> | Readonly<Record<string, unknown>>;
  /** Name of the schema, for providers that require one (OpenAI's `json_schema.name`). Default: `response`. */
  readonly name?: string;
}

export interface TaskGenerateResultV1<Output = unknown> {
  /** One text per choice. */
  readonly texts: ReadonlyArray<string>;
  /** The first choice's text, the common case. */
  readonly text: string;
  /**
   * Why each choice ended, in the order of `texts`: `length` when the answer hit `max_tokens`
   * (whatever the recipe set it to), so a task can refuse a cut answer instead of counting tokens.
   */
  readonly finishReasons: ReadonlyArray<FinishReason>;
  /** The first choice's finish reason. */
  readonly finishReason: FinishReason;
  /** With a `responseFormat`: one parsed, checked value per choice. */
  readonly objects?: ReadonlyArray<Output>;
  /** With a `responseFormat`: the first choice's value. */
  readonly object?: Output;
}

/** What {@link TaskContextV1.score} takes. */
export interface TaskScoreRequestV1 {
  /** A reward-model role, one of the task's `rewardModels`. */
  readonly role: string;
  /** The conversation to score, usually ending with the assistant answer to judge. */
  readonly messages: ReadonlyArray<ChatMessage>;
}

/** What {@link TaskContextV1.score} returns. */
export interface TaskScoreResultV1 {
  /** Every attribute the model scored, by name (NVIDIA's: helpfulness, correctness, coherence, complexity, verbosity). */
  readonly scores: Readonly<Record<string, number>>;
}

/** What {@link TaskContextV1.embed} takes. */
export interface TaskEmbedRequestV1 {
  /** An embedding-model role, one of the task's `embeddingModels`. */
  readonly role: string;
  /** The texts to embed; any number (the engine splits them into calls the model accepts). */
  readonly texts: ReadonlyArray<string>;
}

/** What {@link TaskContextV1.embed} returns. */
export interface TaskEmbedResultV1 {
  /** One vector per text, in the order of `texts`. */
  readonly embeddings: ReadonlyArray<ReadonlyArray<number>>;
}
