import { z } from 'zod';

/** Namespaces and item names: lower-case letters, digits and dashes, starting with a letter. */
export const itemNamePattern = /^[a-z][a-z0-9-]*$/;

const itemName = z.string().regex(itemNamePattern, {
  error: 'must be lower-case letters, digits and dashes, starting with a letter (e.g. "word-count")',
});

const zodSchema = z.custom<z.ZodType>(
  (value) =>
    value != null &&
    typeof value === 'object' &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function',
  { error: 'must be a zod schema (zod 4), e.g. z.object({ ... })' },
);

const method = z.custom<(...parameters: never[]) => unknown>((value) => typeof value === 'function', {
  error: 'must be a function',
});

const specificationVersion = z.literal('v1', { error: 'must be "v1"' });

const promptTemplate = z.object({
  specificationVersion,
  name: z.string().min(1),
  description: z.string().optional(),
  system: z.string().optional(),
  user: z.string(),
  variables: z.array(z.string()),
});

const task = z.object({
  specificationVersion,
  description: z.string().min(1),
  options: zodSchema,
  input: zodSchema,
  output: zodSchema,
  models: z.record(itemName, z.string()),
  rewardModels: z.record(itemName, z.string()).optional(),
  embeddingModels: z.record(itemName, z.string()).optional(),
  templates: templatesByKey('Define the task with defineTask'),
  fields: method.optional(),
  scoringRoles: method.optional(),
  scoreOf: method.optional(),
  run: method,
}).superRefine(rolesOfOneKind);

/** Templates keyed by their names; `advice` says how to get that right. */
function templatesByKey(advice: string) {
  return z.record(z.string(), promptTemplate).superRefine((templates, context) => {
    for (const [key, template] of Object.entries(templates)) {
      if (template.name !== key) {
        context.addIssue({
          code: 'custom',
          path: [key, 'name'],
          message: `must equal its key "${key}" (recipes override a template by its key); got "${template.name}". ${advice}, which names templates by their keys.`,
        });
      }
    }
  });
}

/** One role name means one model in a recipe's `models`: a role cannot be of two kinds. */
function rolesOfOneKind(
  item: { readonly models?: Readonly<Record<string, string>>; readonly rewardModels?: Readonly<Record<string, string>>; readonly embeddingModels?: Readonly<Record<string, string>> },
  context: z.RefinementCtx,
): void {
  const kinds: Array<[string, Readonly<Record<string, string>> | undefined]> = [
    ['models', item.models],
    ['rewardModels', item.rewardModels],
    ['embeddingModels', item.embeddingModels],
  ];
  const seen = new Map<string, string>();
  for (const [kind, roles] of kinds) {
    for (const role of Object.keys(roles ?? {})) {
      const earlier = seen.get(role);
      if (earlier != null) {
        context.addIssue({
          code: 'custom',
          path: [kind, role],
          message: `role "${role}" is declared in both ${earlier} and ${kind}; a recipe binds one model per role name, so give each role its own name.`,
        });
      }
      seen.set(role, kind);
    }
  }
}

const formatter = z.object({
  specificationVersion,
  name: itemName,
  description: z.string().min(1),
  format: method,
});

const definition = (extra: z.ZodRawShape) =>
  z.object({ specificationVersion, description: z.string().min(1), ...extra });

/**
 * The zod schema of a plugin manifest. `definePlugin` and the runtime's loader validate against it;
 * its issues become `PluginLoadError.issues`.
 */
export const pluginV1Schema = z.object({
  specificationVersion,
  meta: z.object({
    name: z.string().min(1, { error: 'must be the npm package name' }),
    version: z.string().regex(/^\d+\.\d+\.\d+/, { error: 'must be a semver version such as "1.0.0"' }),
    namespace: itemName,
  }),
  providers: z
    .record(
      itemName,
      definition({
        settings: zodSchema,
        modelSettings: zodSchema.optional(),
        defaultModel: z.object({ modelId: z.string().min(1).optional(), priority: z.number(), available: method }).optional(),
        providerOptions: zodSchema.optional(),
        create: method,
      }),
    )
    .optional(),
  tasks: z.record(itemName, task).optional(),
  filters: z
    .record(
      itemName,
      z.object({
        specificationVersion,
        description: z.string().min(1),
        options: zodSchema,
        create: method,
        models: z.record(itemName, z.string()).optional(),
        rewardModels: z.record(itemName, z.string()).optional(),
        embeddingModels: z.record(itemName, z.string()).optional(),
        templates: templatesByKey('Define the filter with defineFilter').optional(),
        scoringRoles: method.optional(),
        languageRoles: method.optional(),
      }).superRefine(rolesOfOneKind),
    )
    .optional(),
  modifiers: z.record(itemName, definition({ options: zodSchema, create: method })).optional(),
  formatters: z
    .record(itemName, formatter)
    .superRefine((formatters, context) => {
      for (const [key, formatter] of Object.entries(formatters)) {
        if (formatter.name !== key) {
          context.addIssue({
            code: 'custom',
            path: [key, 'name'],
            message: `must be "${key}", the formatter's key in formatters (recipes and cache keys use the name)`,
          });
        }
      }
    })
    .optional(),
  datasets: z
    .record(
      itemName,
      definition({ options: zodSchema, createReader: method.optional(), createWriter: method.optional() }),
    )
    .optional(),
  executors: z.record(itemName, definition({ map: method })).optional(),
  templates: z.record(itemName, promptTemplate).optional(),
});
