import { z } from 'zod';
import { modelPriceSchema } from '../cost/model-price';
import { endpointSettingsSchema } from '../gateway/endpoint-settings';

/** Generation parameters as written in recipes (snake_case, like the OpenAI wire format and NeMo Curator). */
export const recipeParamsSchema = z
  .object({
    temperature: z.number().min(0).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().min(0).optional(),
    max_tokens: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    stop: z.union([z.string(), z.array(z.string())]).optional(),
    n: z.number().int().positive().optional(),
    /** Options only one provider understands, keyed by provider name: `{ openai: { min_p: 0.05 } }`. */
    provider_options: z.record(z.string(), z.record(z.string(), z.json())).optional(),
  })
  .strict();

export type RecipeParams = z.infer<typeof recipeParamsSchema>;

const modelReference = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:.+$/, { error: 'must be "provider:model-id", e.g. "openai:gpt-4o-mini"' });

/**
 * A model: its reference (`openai:gpt-4o-mini`), or an object with the reference under `model` and
 * the model's own settings, which its provider checks (`{ model: 'openai:nemotron-4-340b-base',
 * api: completions, formatter: nemotron }`; `formatter` names a conversation formatter).
 */
const modelEntry = z.union([modelReference, z.looseObject({ model: modelReference })], {
  error:
    'must be "provider:model-id" (e.g. "openai:gpt-4o-mini"), or an object with the reference under "model" ' +
    'and the model\'s settings, e.g. { model: "openai:my-base-model", api: completions, formatter: nemotron }',
});

const variables = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string(), z.number(), z.boolean()]));

const templateOverride = z
  .object({
    system: z.string().optional(),
    user: z.string().optional(),
  })
  .strict();

const concurrency = z.number().int().positive().max(100_000);

const stageBase = {
  /** Unique stage name; defaults to the item name (`subtopics` for `nemotron:subtopics`). */
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'must be lower-case letters, digits, "-" and "_"' })
    .optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  concurrency: concurrency.optional(),
};

export const taskStageSchema = z
  .object({
    ...stageBase,
    task: z.string(),
    /** Model per role for this stage, over the recipe's `models`. */
    models: z.record(z.string(), modelEntry).optional(),
    /** Generation parameters per role for this stage, over the recipe's `params`. */
    params: z.record(z.string(), recipeParamsSchema).optional(),
    /** Replacement texts for the task's templates, by template name. */
    templates: z.record(z.string(), templateOverride).optional(),
    /** Extra template variables for this stage. */
    variables: variables.optional(),
  })
  .strict();

export const filterStageSchema = z
  .object({
    ...stageBase,
    filter: z.string(),
    /** Record field whose text is scored. Default `text`. */
    field: z.string().optional(),
    /** Keep the records the filter would drop, and drop the others. */
    invert: z.boolean().optional(),
  })
  .strict();

export const modifierStageSchema = z
  .object({
    ...stageBase,
    modifier: z.string(),
    field: z.string().optional(),
  })
  .strict();

export const sourceStageSchema = z
  .object({
    name: stageBase.name,
    /** A JSONL (optionally .gz) file of seed records, relative to the recipe. */
    source: z.string().min(1),
  })
  .strict();

/** The top level of a recipe file. */
export const recipeSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    /** Seed for every random choice tasks make. Default 0. */
    seed: z.number().int().optional(),
    /** Extra plugins: package names or paths relative to the recipe. */
    plugins: z.array(z.string()).optional(),
    /** Provider settings by provider name (e.g. `openai: { baseURL: ... }`). */
    providers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    /** Model per role; `default` is used for any role not listed. */
    models: z.record(z.string(), modelEntry).optional(),
    /** Generation parameters per role; `default` applies to every role, under role-specific ones. */
    params: z.record(z.string(), recipeParamsSchema).optional(),
    /** Template variables available to every stage. */
    variables: variables.optional(),
    /**
     * How each endpoint is treated: request window, budgets, timeout, retries, finish-reason
     * policies. Keys: `default`, a provider name (`openai`) or a model reference
     * (`openai:gpt-4o-mini`); more specific keys win field by field.
     */
    endpoints: z.record(z.string(), endpointSettingsSchema).optional(),
    /**
     * Prices by model reference, in US dollars per million tokens, over the built-in table (which
     * is dated and covers common models only): `{ "openai:gpt-4o-mini": { input: 0.15, output: 0.6 } }`.
     */
    prices: z.record(z.string(), modelPriceSchema).optional(),
    /**
     * Records in flight per stage, unless a stage sets its own. Bounds memory only: requests are
     * bounded by each endpoint's `concurrency`. Default: enough to keep the stage's endpoints full.
     */
    concurrency: concurrency.optional(),
    stages: z.array(z.record(z.string(), z.unknown())).min(1, { error: 'a recipe needs at least one stage' }),
  })
  .strict();

export type RecipeDocument = z.infer<typeof recipeSchema>;
export type ModelEntryDocument = z.infer<typeof modelEntry>;
export type TaskStageDocument = z.infer<typeof taskStageSchema>;
export type FilterStageDocument = z.infer<typeof filterStageSchema>;
export type ModifierStageDocument = z.infer<typeof modifierStageSchema>;
export type SourceStageDocument = z.infer<typeof sourceStageSchema>;
