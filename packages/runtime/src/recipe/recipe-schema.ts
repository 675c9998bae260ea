import { z } from 'zod';
import { modelPriceSchema } from '../cost/model-price';
import { endpointSettingsSchema } from '../gateway/endpoint-settings';

// Every field carries its documentation as zod metadata, which `z.toJSONSchema` copies into the
// JSON Schema that docs/recipe-reference.md is generated from (`pnpm docs:reference`):
// `description`, one sentence with the units; `default`, the value used when the field is absent,
// when that is one fixed value; `defaultDescription`, in words, when the default depends on
// something else (the item, the model, an environment variable). Plugins' option and settings
// schemas follow the same rules; `typeDescription` says what a recipe writes where the schema
// cannot (a formatter's name, which the runtime resolves before the schema sees it).

/**
 * Records in flight in a filter or modifier stage when the recipe does not say. Task stages default
 * to the largest request window of their models, which keeps those endpoints full.
 */
export const defaultStageConcurrency = 16;

/** Generation parameters as written in recipes (snake_case, like the OpenAI wire format and NeMo Curator). */
export const recipeParamsSchema = z
  .object({
    temperature: z
      .number()
      .min(0)
      .optional()
      .meta({ description: 'Sampling temperature: 0 always takes the likeliest token, higher values sample more freely (usually at most 2).' }),
    top_p: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .meta({ description: 'Nucleus sampling: sample only from the likeliest tokens whose probabilities add up to this share.' }),
    top_k: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'Sample only from this many likeliest tokens; providers that cannot send it warn and leave it out.' }),
    max_tokens: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Most tokens generated per answer; an answer cut off here ends with finish reason `length` (see `on_length` under `endpoints`).' }),
    seed: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Seed of the endpoint\'s own sampling, for endpoints that honour one (the recipe\'s top-level `seed` is another thing).' }),
    stop: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .meta({ description: 'Stop sequences: the answer ends where the model would write the first of them.' }),
    n: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Answers generated per call (one when not set); the engine splits a larger `n` into several requests for models that give fewer per request.' }),
    /** Options only one provider understands, keyed by provider name: `{ openai: { min_p: 0.05 } }`. */
    provider_options: z
      .record(z.string(), z.record(z.string(), z.json()))
      .optional()
      .meta({
        description:
          'Options only one provider understands, by provider name (`{ openai: { min_p: 0.05 } }`): each provider\'s models receive its entry, checked against the provider\'s own schema when it has one.',
      }),
  })
  .strict()
  .meta({
    description:
      'Generation parameters of one role; a parameter set nowhere is not sent, so the endpoint\'s own default applies.',
  });

export type RecipeParams = z.infer<typeof recipeParamsSchema>;

const modelReference = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:.+$/, { error: 'must be "provider:model-id", e.g. "openai:gpt-4o-mini"' });

/**
 * A model: its reference (`openai:gpt-4o-mini`), or an object with the reference under `model` and
 * the model's own settings, which its provider checks (`{ model: 'openai:nemotron-4-340b-base',
 * api: completions, formatter: nemotron }`; `formatter` names a conversation formatter).
 */
const modelEntry = z
  .union(
    [
      modelReference,
      z
        .object({
          model: modelReference.meta({
            description:
              'The model, as `provider:model-id` (`openai:gpt-4o-mini`), where the provider may be an instance named under `providers`.',
          }),
        })
        .catchall(
          z.unknown().meta({ description: 'The model\'s own settings, which its provider checks (`api` and `formatter` for an `openai` model).' }),
        ),
    ],
    {
      error:
        'must be "provider:model-id" (e.g. "openai:gpt-4o-mini"), or an object with the reference under "model" ' +
        'and the model\'s settings, e.g. { model: "openai:my-base-model", api: completions, formatter: nemotron }',
    },
  )
  .meta({
    description:
      'A model: its reference `provider:model-id` (`openai:gpt-4o-mini`), or an object with the reference under `model` and the model\'s own settings.',
  });

const modelRole = z.string().meta({ description: '`default`, or a model role of a task in the recipe (`generator`, `converter`, ...).' });

const variables = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .meta({ description: 'A variable name: letters, digits and `_`, not starting with a digit.' }),
    z
      .union([z.string(), z.number(), z.boolean()])
      .meta({ description: 'The text a template\'s `{name}` placeholder is replaced with; numbers and booleans are written as they are.' }),
  );

const templateOverride = z
  .object({
    system: z
      .string()
      .optional()
      .meta({
        description: 'The text of the template\'s system message, with `{placeholder}` slots; an empty text drops the system message.',
        defaultDescription: 'the task\'s own',
      }),
    user: z
      .string()
      .optional()
      .meta({ description: 'The text of the template\'s user message, with `{placeholder}` slots.', defaultDescription: 'the task\'s own' }),
  })
  .strict();

const concurrency = z.number().int().positive().max(100_000);

const stageName = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'must be lower-case letters, digits, "-" and "_"' });

const stageNameDescription = 'The stage\'s name in `_meta`, `rejects.jsonl` and `run.json`: lower-case letters, digits, `-` and `_`, unique in the recipe.';

/** Unique stage name; defaults to the item name (`subtopics` for `nemotron:subtopics`). */
const itemStageName = stageName.optional().meta({
  description: stageNameDescription,
  defaultDescription: 'the item\'s name (`subtopics` for `nemotron:subtopics`)',
});

const itemOptions = z
  .record(z.string(), z.unknown())
  .optional()
  .meta({ description: 'The item\'s options, which the item\'s own schema checks (`synthkit tasks list` and `synthkit filters list` show them).', default: {} });

const stageConcurrencyDescription = 'Records the stage holds at once: memory only, as requests are bounded by each endpoint\'s `concurrency`.';

/** Records in flight for a filter or modifier stage. */
const itemStageConcurrency = concurrency.optional().meta({
  description: stageConcurrencyDescription,
  defaultDescription: `the recipe's \`concurrency\`, else ${defaultStageConcurrency}`,
});

/** The tests of a {@link recordConditionSchema}, besides `field`. */
export const conditionTests = ['equals', 'in', 'above', 'at_least', 'below', 'at_most', 'exists'] as const;

/**
 * `when:` on a stage: the stage handles the records that pass the test and passes the others on
 * untouched (a `- task:` stage makes nothing from them, a filter keeps them). Several tests on one
 * field must all hold: `{ field: score, above: 3, at_most: 8 }`.
 */
export const recordConditionSchema = z
  .object({
    field: z.string().min(1).meta({ description: 'The record field the test reads.' }),
    equals: z.json().optional().meta({ description: 'Holds when the field equals this value (compared as JSON).' }),
    in: z.array(z.json()).min(1).optional().meta({ description: 'Holds when the field equals one of these values.' }),
    above: z.number().optional().meta({ description: 'Holds when the field is a number greater than this.' }),
    at_least: z.number().optional().meta({ description: 'Holds when the field is a number greater than or equal to this.' }),
    below: z.number().optional().meta({ description: 'Holds when the field is a number less than this.' }),
    at_most: z.number().optional().meta({ description: 'Holds when the field is a number less than or equal to this.' }),
    exists: z.boolean().optional().meta({ description: 'true: holds when the record has the field (not null); false: when it does not.' }),
  })
  .strict()
  .refine((condition) => conditionTests.some((test) => condition[test] !== undefined), {
    error: `needs a test besides field: one of ${conditionTests.join(', ')}`,
    // A misspelt test (`abov`) is reported as such, not also as a missing test.
    when: (payload) => payload.issues.length === 0,
  })
  .meta({
    description:
      'Runs the stage only on the records that pass this test on one field; the others go on to the next stage untouched. Several tests must all hold.',
  });

export type RecordCondition = z.infer<typeof recordConditionSchema>;

const when = recordConditionSchema.optional();

const textField = (action: string) => z.string().optional().meta({ description: `The record field whose text is ${action}.`, default: 'text' });

export const taskStageSchema = z
  .object({
    name: itemStageName,
    options: itemOptions,
    concurrency: concurrency.optional().meta({
      description: stageConcurrencyDescription,
      defaultDescription: 'the recipe\'s `concurrency`, else the largest request window of the stage\'s models, which keeps them busy',
    }),
    task: z.string().meta({ description: 'The task to run, as `namespace:name` (`nemotron:subtopics`).' }),
    when,
    /** Model per role for this stage, over the recipe's `models`. */
    models: z
      .record(modelRole, modelEntry)
      .optional()
      .meta({ description: 'The model of each of the task\'s roles in this stage, over the recipe\'s `models`.' }),
    /** Generation parameters per role for this stage, over the recipe's `params`. */
    params: z
      .record(modelRole, recipeParamsSchema)
      .optional()
      .meta({ description: 'Generation parameters by role in this stage, over the recipe\'s `params`.' }),
    /** Replacement texts for the task's templates, by template name. */
    templates: z
      .record(z.string().meta({ description: 'A template name of the task (`synthkit tasks show <task>` lists them).' }), templateOverride)
      .optional()
      .meta({ description: 'Replacement texts for the task\'s prompt templates, by template name.' }),
    /** Extra template variables for this stage. */
    variables: variables.optional().meta({ description: 'Template variables for this stage\'s templates, over the recipe\'s `variables`.' }),
  })
  .strict()
  .meta({ description: 'Runs a task on each record: one record in, zero or more out, with the task\'s new fields merged over the input record.' });

export const filterStageSchema = z
  .object({
    name: itemStageName,
    options: itemOptions,
    concurrency: itemStageConcurrency,
    filter: z.string().meta({ description: 'The filter to apply, as `namespace:name` (`heuristic:word-count`).' }),
    when,
    /** Record field whose text is scored. Default `text`. */
    field: textField('scored'),
    /** Keep the records the filter would drop, and drop the others. */
    invert: z.boolean().optional().meta({ description: 'Keep the records the filter would drop, and drop the others.', default: false }),
    models: z
      .record(modelRole, modelEntry)
      .optional()
      .meta({ description: 'The model of each of the filter\'s roles (a judge, a reward or embedding model) in this stage, over the recipe\'s `models`.' }),
    params: z
      .record(modelRole, recipeParamsSchema)
      .optional()
      .meta({ description: 'Generation parameters by role in this stage, over the recipe\'s `params`.' }),
    templates: z
      .record(z.string().meta({ description: 'A template name of the filter (`synthkit filters show <filter>` lists them).' }), templateOverride)
      .optional()
      .meta({ description: 'Replacement texts for the filter\'s prompt templates (a judge\'s rubric), by template name.' }),
    variables: variables.optional().meta({ description: 'Template variables for this stage\'s templates, over the recipe\'s `variables`.' }),
  })
  .strict()
  .meta({
    description:
      'Scores the text of one field of each record and keeps or drops the record; the score goes to `_meta.scores.<stage name>`. ' +
      'An aggregate filter (dedup, statistics) sees every record before it decides, so the stage holds records until its input ends.',
  });

export const modifierStageSchema = z
  .object({
    name: itemStageName,
    options: itemOptions,
    concurrency: itemStageConcurrency,
    modifier: z.string().meta({ description: 'The modifier to apply, as `namespace:name`.' }),
    when,
    field: textField('rewritten'),
  })
  .strict()
  .meta({ description: 'Rewrites the text of one field of each record.' });

const fieldNames = (description: string) => z.array(z.string().min(1)).min(1).optional().meta({ description });

export const fieldsStageSchema = z
  .object({
    name: stageName.optional().meta({ description: stageNameDescription, default: 'fields' }),
    concurrency: itemStageConcurrency,
    when,
    fields: z
      .object({
        select: fieldNames('Keep only these fields (and `_id`, `_meta`); applied first.'),
        drop: fieldNames('Remove these fields.'),
        rename: z
          .record(z.string().min(1), z.string().min(1))
          .optional()
          .meta({ description: 'Rename fields, old name to new name (`{ text: document }`); a field already under the new name is replaced.' }),
        set: z
          .record(z.string().min(1), z.json())
          .optional()
          .meta({ description: 'Set fields to these values, over what the record has (`{ source: web }`); applied last.' }),
      })
      .strict()
      .refine((fields) => fields.select != null || fields.drop != null || fields.rename != null || fields.set != null, {
        error: 'needs at least one of select, drop, rename, set',
      })
      .meta({ description: 'What to do to each record\'s fields, in this order: `select`, `drop`, `rename`, `set`.' }),
  })
  .strict()
  .meta({ description: 'Selects, drops, renames and sets fields of each record, with no model call.' });

export const sourceStageSchema = z
  .object({
    name: stageName.optional().meta({ description: stageNameDescription, default: 'source' }),
    /** A JSONL (optionally .gz) file of seed records, or a folder or glob of text documents, relative to the recipe. */
    source: z
      .string()
      .min(1)
      .meta({
        description:
          'Relative to the recipe file. A JSONL file of seed records, one JSON object per line (gzip-compressed too); ' +
          'or text documents, one `{ text, path }` record per file, sorted by path: a folder written with a trailing slash ' +
          '(`docs/`: every file under it) or a glob (`docs/**/*.md`: any value with `*`, `?`, `[` or `{`). Hidden files are skipped; ' +
          'each file must be UTF-8 text.',
      }),
  })
  .strict()
  .meta({ description: 'Reads seed records from a JSONL file or a folder of documents; only the first stage can be a source.' });

/** The top level of a recipe file. */
export const recipeSchema = z
  .object({
    name: z.string().optional().meta({ description: 'The recipe\'s name, shown in `run.json`.', default: 'recipe' }),
    description: z.string().optional().meta({ description: 'What the recipe makes, for its readers; synthkit does not use it.' }),
    /** Seed for every random choice tasks make. Default 0. */
    seed: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Seed of every random choice tasks make (`ctx.random`), so a run of the same recipe makes the same choices.', default: 0 }),
    /** Extra plugins: package names or paths relative to the recipe. */
    plugins: z
      .array(z.string())
      .optional()
      .meta({ description: 'Plugins to load besides the installed ones: package names, or paths relative to the recipe file.' }),
    /** Provider settings by provider name (e.g. `openai: { baseURL: ... }`). */
    providers: z
      .record(
        z.string().meta({ description: 'A provider name (`openai`), or a name of your own for a second instance of a provider.' }),
        z.record(z.string(), z.unknown()).meta({
          description:
            'The provider\'s settings, which the provider checks; an instance also names the provider it is an instance of under `provider` (`provider: openai`).',
        }),
      )
      .optional()
      .meta({ description: 'Settings of each provider, and further instances of a provider (another endpoint), by name.' }),
    /** Model per role; `default` is used for any role not listed. */
    models: z
      .record(modelRole, modelEntry)
      .optional()
      .meta({ description: 'The model of each role; `default` serves every role not listed.' }),
    /** Generation parameters per role; `default` applies to every role, under role-specific ones. */
    params: z
      .record(modelRole, recipeParamsSchema)
      .optional()
      .meta({ description: 'Generation parameters by role; `default` applies to every role, under the role\'s own.' }),
    /** Template variables available to every stage. */
    variables: variables.optional().meta({ description: 'Template variables every stage\'s templates can use.' }),
    /**
     * How each endpoint is treated: request window, budgets, timeout, retries, finish-reason
     * policies. Keys: `default`, a provider name (`openai`) or a model reference
     * (`openai:gpt-4o-mini`); more specific keys win field by field.
     */
    endpoints: z
      .record(
        z.string().meta({ description: '`default`, a provider or instance name (`openai`), or a model reference (`openai:gpt-4o-mini`).' }),
        endpointSettingsSchema,
      )
      .optional()
      .meta({
        description:
          'How each endpoint is called (request window, budgets, timeout, retries, finish-reason policies); more specific keys win field by field.',
      }),
    /**
     * Prices by model reference, in US dollars per million tokens, over the built-in table (which
     * is dated and covers common models only): `{ "openai:gpt-4o-mini": { input: 0.15, output: 0.6 } }`.
     */
    prices: z
      .record(
        z.string().meta({ description: 'A model reference (`openai:gpt-4o-mini`), or `<provider>:*` for every other model of a provider or instance.' }),
        modelPriceSchema,
      )
      .optional()
      .meta({ description: 'Token prices by model, in US dollars per million tokens, over the built-in table (which is dated and covers common models only).' }),
    /**
     * Records in flight per stage, unless a stage sets its own. Bounds memory only: requests are
     * bounded by each endpoint's `concurrency`. Default: enough to keep the stage's endpoints full.
     */
    concurrency: concurrency.optional().meta({
      description: 'Records each stage holds at once, unless the stage sets its own: memory only, as requests are bounded by each endpoint\'s `concurrency`.',
      defaultDescription: `a task stage: the largest request window of its models; other stages: ${defaultStageConcurrency}`,
    }),
    stages: z
      .array(z.record(z.string(), z.unknown()))
      .min(1, { error: 'a recipe needs at least one stage' })
      .meta({ description: 'The stages, in order: each passes its records on to the next as it makes them.' }),
  })
  .strict()
  .meta({ description: 'The top level of a recipe file (YAML or JSON).' });

export type RecipeDocument = z.infer<typeof recipeSchema>;
export type ModelEntryDocument = z.infer<typeof modelEntry>;
export type TaskStageDocument = z.infer<typeof taskStageSchema>;
export type FilterStageDocument = z.infer<typeof filterStageSchema>;
export type ModifierStageDocument = z.infer<typeof modifierStageSchema>;
export type SourceStageDocument = z.infer<typeof sourceStageSchema>;
export type FieldsStageDocument = z.infer<typeof fieldsStageSchema>;
