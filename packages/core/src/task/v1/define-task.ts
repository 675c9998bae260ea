import type { z } from 'zod';
import { templatesByKey, type TemplateDefinition } from '../../prompt-template/v1/templates-by-key';
import type { ChatMessage } from '../../language-model/v1/chat-message';
import type { LanguageModelV1 } from '../../language-model/v1/language-model-v1';
import type { PromptTemplateV1 } from '../../prompt-template/v1/prompt-template-v1';
import type { JsonRecord, JsonValue } from '../../record/json-record';
import type {
  TaskContextV1,
  TaskEmbedRequestV1,
  TaskFieldsV1,
  TaskGenerateRequestV1,
  TaskGenerateResultV1,
  TaskScoreRequestV1,
  TaskV1,
} from './task-v1';

/** A template as {@link defineTask} takes it (see {@link TemplateDefinition}). */
export type TaskTemplateDefinition = TemplateDefinition;

/** The placeholders a template of `Templates` declares, as a union of string literals. */
export type TaskTemplateVariables<Templates, Name extends keyof Templates> = Templates[Name] extends {
  readonly variables: ReadonlyArray<infer Variable extends string>;
}
  ? Variable
  : string;

/**
 * A generate request of a task made with {@link defineTask}: the role is one the task declares,
 * the template one it has, and `variables` must supply every placeholder the template declares.
 */
export interface DefinedTaskGenerateRequest<Output, Role extends string, Templates, Name extends keyof Templates & string>
  extends Omit<TaskGenerateRequestV1<Output>, 'role' | 'template' | 'variables'> {
  readonly role: Role;
  readonly template: Name;
  readonly variables: Readonly<Record<TaskTemplateVariables<Templates, Name>, JsonValue>> & Readonly<Record<string, JsonValue>>;
}

/**
 * The context of a task made with {@link defineTask}: {@link TaskContextV1}, with the roles and
 * template names the task declares as literal types, so a typo is a compile error.
 */
export interface DefinedTaskContext<Options, Role extends string, Templates, RewardRole extends string = never, EmbeddingRole extends string = never>
  extends Omit<TaskContextV1<Options>, 'generate' | 'render' | 'model' | 'score' | 'embed'> {
  /** Renders one of the task's templates (or the recipe's override of it) to chat messages. */
  render<Name extends keyof Templates & string>(
    template: Name,
    variables: Readonly<Record<TaskTemplateVariables<Templates, Name>, JsonValue>> & Readonly<Record<string, JsonValue>>,
  ): ChatMessage[];
  /** Renders a template and sends it to the model of a role, through the engine (see {@link TaskContextV1.generate}). */
  generate<Name extends keyof Templates & string, Output = unknown>(
    request: DefinedTaskGenerateRequest<Output, Role, Templates, Name>,
  ): Promise<TaskGenerateResultV1<Output>>;
  /** The model bound to a role, for calls `generate` does not cover. */
  model(role: Role): LanguageModelV1;
  /** Scores a conversation with the reward model of one of the task's `rewardModels` roles (see {@link TaskContextV1.score}). */
  score(request: TaskScoreRequestV1 & { readonly role: RewardRole }): ReturnType<TaskContextV1['score']>;
  /** Embeds texts with the model of one of the task's `embeddingModels` roles (see {@link TaskContextV1.embed}). */
  embed(request: TaskEmbedRequestV1 & { readonly role: EmbeddingRole }): ReturnType<TaskContextV1['embed']>;
}

/**
 * What {@link defineTask} returns: a {@link TaskV1} whose templates are known by name, so
 * `task.templates.subtopics` is a {@link PromptTemplateV1} without a check for `undefined`.
 */
export interface TypedTaskV1<Options, Input extends JsonRecord, Output extends JsonRecord, TemplateName extends string>
  extends TaskV1<Options, Input, Output> {
  readonly templates: Readonly<Record<string, PromptTemplateV1>> & Readonly<Record<TemplateName, PromptTemplateV1>>;
}

/** What {@link defineTask} takes: a {@link TaskV1} whose types come from its schemas. */
export interface TaskDefinition<
  OptionsSchema extends z.ZodType,
  InputSchema extends z.ZodType<JsonRecord>,
  OutputSchema extends z.ZodType<JsonRecord>,
  Roles extends Readonly<Record<string, string>>,
  Templates extends Readonly<Record<string, TaskTemplateDefinition>>,
  RewardRoles extends Readonly<Record<string, string>> = {},
  EmbeddingRoles extends Readonly<Record<string, string>> = {},
> {
  /** One sentence on what the task produces, shown by `synthkit tasks list`. */
  readonly description: string;
  /** Schema of the stage's `options` in a recipe; `options` in `run` is its output type. */
  readonly options: OptionsSchema;
  /** The fields the task reads from its input record; `input` in `run` has this type. */
  readonly input: InputSchema;
  /** The fields the task adds; `run` must return records of this type. */
  readonly output: OutputSchema;
  /** Model roles the task calls, with what each is for: `{ generator: 'Writes the questions.' }`. */
  readonly models: Roles;
  /**
   * Reward-model roles, called with `context.score`: `{ reward: 'Scores each candidate.' }`.
   * Recipes must bind each by name (`default` never serves them). Default: none.
   */
  readonly rewardModels?: RewardRoles;
  /** Embedding-model roles, called with `context.embed`, bound as `rewardModels` are. Default: none. */
  readonly embeddingModels?: EmbeddingRoles;
  /** Prompt templates by name; each can be overridden in a recipe under that name. */
  readonly templates: Templates;
  /**
   * The fields a stage reads and adds when they depend on its options (see {@link TaskV1.fields}):
   * `fields: (options) => ({ writes: [options.output] })`. Default: the schemas' keys only.
   */
  fields?(options: z.output<OptionsSchema>): TaskFieldsV1;
  /**
   * The reward and embedding roles a stage with these options calls (see {@link TaskV1.scoringRoles}):
   * `scoringRoles: (options) => (options.scorer === 'reward' ? ['reward'] : [])`. Default: all of them.
   */
  scoringRoles?(options: z.output<OptionsSchema>): ReadonlyArray<keyof RewardRoles | keyof EmbeddingRoles>;
  /**
   * The score of an output record, which the engine keeps in `_meta.scores` under the stage's name
   * (see {@link TaskV1.scoreOf}): `scoreOf: (record) => record.score`. Default: none.
   */
  scoreOf?(record: z.output<OutputSchema>): number | boolean | undefined;
  /**
   * Makes the new fields of one input record: an array (or a promise of one), or an async
   * iterable yielding records as they come. `context.reject(reason)` drops the input record on
   * purpose (it returns; return nothing after it); throwing fails the record with the error.
   */
  run(
    input: z.output<InputSchema>,
    context: DefinedTaskContext<z.output<OptionsSchema>, keyof Roles & string, Templates, keyof RewardRoles & string, keyof EmbeddingRoles & string>,
  ): AsyncIterable<z.input<OutputSchema>> | PromiseLike<ReadonlyArray<z.input<OutputSchema>>>;
}

/**
 * Defines a task, with every type inferred from its schemas: `options` and `input` in `run` are
 * what the schemas parse to, `run` must return records the `output` schema accepts, and the roles,
 * template names and placeholders `context` is called with must be ones the task declares, so a
 * typo is a compile error, not a failed record. Templates are keyed once (the key is the name).
 *
 * ```ts
 * export const shout = defineTask({
 *   description: 'Asks the generator to shout a word.',
 *   options: z.object({ times: z.number().int().min(1).default(1) }),
 *   input: z.object({ word: z.string() }),
 *   output: z.object({ shouted: z.string() }),
 *   models: { generator: 'Shouts the word.' },
 *   templates: { shout: { user: 'Shout "{word}" {times} times.', variables: ['word', 'times'] } },
 *   async run(input, context) {
 *     const { text } = await context.generate({ role: 'generator', template: 'shout', variables: { word: input.word, times: context.options.times } });
 *     return [{ shouted: text }];
 *   },
 * });
 * ```
 *
 * @throws InvalidArgumentError when a template also carries a `name` that is not its key.
 */
export function defineTask<
  OptionsSchema extends z.ZodType,
  InputSchema extends z.ZodType<JsonRecord>,
  OutputSchema extends z.ZodType<JsonRecord>,
  const Roles extends Readonly<Record<string, string>>,
  const Templates extends Readonly<Record<string, TaskTemplateDefinition>>,
  const RewardRoles extends Readonly<Record<string, string>> = {},
  const EmbeddingRoles extends Readonly<Record<string, string>> = {},
>(
  definition: TaskDefinition<OptionsSchema, InputSchema, OutputSchema, Roles, Templates, RewardRoles, EmbeddingRoles>,
): TypedTaskV1<z.output<OptionsSchema>, z.output<InputSchema>, z.output<OutputSchema>, keyof Templates & string> {
  const templates = templatesByKey(definition.templates, 'defineTask');
  return {
    specificationVersion: 'v1',
    description: definition.description,
    options: definition.options as z.ZodType<z.output<OptionsSchema>>,
    input: definition.input as unknown as z.ZodType<z.output<InputSchema>>,
    output: definition.output as unknown as z.ZodType<z.output<OutputSchema>>,
    models: definition.models,
    ...(definition.rewardModels == null ? {} : { rewardModels: definition.rewardModels }),
    ...(definition.embeddingModels == null ? {} : { embeddingModels: definition.embeddingModels }),
    templates,
    ...(definition.fields == null ? {} : { fields: definition.fields }),
    ...(definition.scoreOf == null ? {} : { scoreOf: definition.scoreOf }),
    ...(definition.scoringRoles == null ? {} : { scoringRoles: definition.scoringRoles as (options: z.output<OptionsSchema>) => ReadonlyArray<string> }),
    // The engine's context is the untyped form of the defined one; the output is checked by the engine.
    run: definition.run as unknown as TaskV1<z.output<OptionsSchema>, z.output<InputSchema>, z.output<OutputSchema>>['run'],
  };
}
