import { formatIssuePath, InvalidRecipeError, type ValidationIssue } from '@synthkit/core';
import { didYouMean, zodIssues } from '@synthkit/validation-messages';
import type { Registry } from '../registry/create-registry';
import { checkProviderOptions } from './check-provider-options';
import { configHash } from './config-hash';
import { RecipeCompilation, type RecipeOverrides } from './recipe-compilation';
import type { PlannedStage, RecipePlan } from './recipe-plan';
import { recipeSchema, recordConditionSchema, type RecipeDocument } from './recipe-schema';
import { stageCompilers, stageKind } from './stage-compilers';
import { parseReference } from '../registry/create-registry';

export type { RecipeOverrides } from './recipe-compilation';
export { defaultStageConcurrency } from './recipe-schema';

/**
 * Validates a recipe against the loaded plugins and turns it into a plan.
 *
 * Everything is checked before any request: the recipe's shape, every item reference, every
 * stage's options (with the item's own schema), template overrides and their placeholders, the
 * model of every role, provider and endpoint settings, each provider's `provider_options` (with the
 * schema its plugin declares), and that each task's input fields are produced upstream. Each stage
 * kind has its compiler (see `stageCompilers`). Providers and models are created here (no network
 * request is made).
 *
 * @throws InvalidRecipeError with every problem found, each with the path of the bad field.
 */
export function compileRecipe({
  document: value,
  registry,
  directory,
  source,
  overrides = {},
  credentials = 'required',
}: {
  /** The parsed recipe file (plain value). */
  document: unknown;
  registry: Registry;
  /** Directory of the recipe file; seed paths resolve from it. */
  directory: string;
  source?: string;
  overrides?: RecipeOverrides;
  /**
   * `deferred` for a plan that sends nothing (`validate`, a dry run): a provider that cannot load
   * its API key is not a problem of the recipe; its models fail when called, and
   * `plan.missingCredentials` says what a run would need. Default: `required`, an issue.
   */
  credentials?: 'required' | 'deferred';
}): RecipePlan {
  const { document, issues } = parseTopLevel(value, source);
  const compilation = new RecipeCompilation(document, registry, directory, overrides, credentials);
  compilation.issues.push(...issues);
  if (overrides.model != null && parseReference(overrides.model) == null) {
    compilation.report(['--model'], 'must be "provider:model-id", e.g. "openai:gpt-4o-mini"');
  }

  checkProviderOptions(compilation, document.params, ['params']);

  const stages: PlannedStage[] = [];
  const names = new Map<string, number>();
  document.stages.forEach((stageValue, index) => {
    const path: PropertyKey[] = ['stages', index];
    const kind = stageKind(stageValue);
    if (kind.error != null) return compilation.report(path, kind.error);
    if (index === 0 && (kind.kind === 'filter' || kind.kind === 'modifier' || kind.kind === 'fields')) {
      compilation.report(path, `the first stage must produce records (a "task" or a "source" file), not a ${kind.kind}.`);
    }
    if (index > 0 && kind.kind === 'source') compilation.report([...path, 'source'], 'a "source" stage can only be the first stage.');
    // `when:` reads the records as they reach the stage, before it adds its own fields.
    const when = kind.kind === 'source' ? undefined : recordConditionSchema.safeParse((stageValue as { when?: unknown }).when).data;
    if (when != null) {
      const missing = compilation.missingField(when.field);
      if (missing != null) compilation.report([...path, 'when', 'field'], `when: reads the field "${when.field}", but ${missing} Name a field that reaches this stage.`);
    }
    const compiled = stageCompilers[kind.kind](stageValue, path, index, compilation);
    if (compiled == null) return;
    const planned: PlannedStage = when == null || compiled.kind === 'source' ? compiled : { ...compiled, when };
    const previous = names.get(planned.name);
    if (previous != null) {
      compilation.report(
        [...path, 'name'],
        `stage name "${planned.name}" is already used by stages[${previous}]; set a unique "name" on one of them.`,
      );
    }
    names.set(planned.name, index);
    stages.push(planned);
  });

  if (compilation.rolesKnown) checkRoleKeys(document, compilation);
  checkEndpointKeys(document, compilation);
  if (compilation.issues.length > 0) throw new InvalidRecipeError({ source, issues: compilation.issues });
  const automatic = compilation.usedAutomaticModel ? compilation.automaticModel() : undefined;
  return {
    source,
    name: document.name ?? 'recipe',
    document,
    seed: document.seed ?? 0,
    configHash: configHash(document, automatic == null ? overrides : { ...overrides, automaticModel: automatic.reference }),
    stages,
    ...(automatic == null ? {} : { automaticModel: automatic }),
    ...(compilation.providers.missingCredentials.length === 0 ? {} : { missingCredentials: compilation.providers.missingCredentials }),
    providers: compilation.providers.created(),
  };
}

// --- Internal helpers ---

/**
 * Top-level keys whose problems leave the rest of the recipe checkable: without them, the stages
 * are compiled as they would be, so their problems are reported in the same round. (A bad `models`,
 * `params`, `providers`, `endpoints` or `variables` would make every stage that uses it look wrong too.)
 */
const independentKeys = new Set(['name', 'description', 'seed', 'plugins', 'prices', 'concurrency']);

/**
 * The recipe's top level, parsed. When only unknown keys or independent keys are wrong, their
 * issues are returned with the document parsed without them, so the stages are still checked;
 * otherwise the top-level issues are thrown at once.
 */
function parseTopLevel(value: unknown, source: string | undefined): { document: RecipeDocument; issues: ValidationIssue[] } {
  const parsed = recipeSchema.safeParse(value);
  if (parsed.success) return { document: parsed.data, issues: [] };
  const issues = zodIssues(parsed.error, [], recipeSchema, value);
  const dropped = new Set<string>();
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) for (const key of issue.keys) dropped.add(key);
    else if (typeof issue.path[0] === 'string' && independentKeys.has(issue.path[0])) dropped.add(issue.path[0]);
    else throw new InvalidRecipeError({ source, issues });
  }
  const rest = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => !dropped.has(key)));
  const reparsed = recipeSchema.safeParse(rest);
  if (!reparsed.success) throw new InvalidRecipeError({ source, issues });
  return { document: reparsed.data, issues };
}

/** Top-level `params` and `models` keys must be `default` or a role some task declares (catches typos). */
function checkRoleKeys(document: RecipeDocument, compilation: RecipeCompilation): void {
  const roles = [...compilation.declaredRoles].sort().join(', ') || '(none)';
  for (const key of ['params', 'models'] as const) {
    for (const role of Object.keys(document[key] ?? {})) {
      if (role !== 'default' && !compilation.declaredRoles.has(role)) {
        compilation.report(
          [key, role],
          `no task in this recipe has a model role "${role}"; the roles are: default, ${roles}.${didYouMean(role, ['default', ...compilation.declaredRoles])}`,
        );
      }
    }
  }
}

/**
 * `endpoints` keys must name something: `default`, a provider (loaded, or an instance the recipe
 * names under `providers:`), or a model the recipe uses.
 * Under `--model` (or `--mock`) the recipe's own models are replaced, so the keys naming a model of a
 * loaded provider stay valid: they apply again once the recipe runs without the override.
 */
function checkEndpointKeys(document: RecipeDocument, compilation: RecipeCompilation): void {
  const providerNames = compilation.providers.providerNames();
  const referencesUsed = compilation.providers.referencesUsed();
  const overridden = compilation.overrides.model != null;
  for (const key of Object.keys(document.endpoints ?? {})) {
    if (key === 'default' || providerNames.has(key) || referencesUsed.has(key)) continue;
    if (overridden && providerNames.has(parseReference(key)?.namespace ?? '')) continue;
    const issue: ValidationIssue = {
      path: formatIssuePath(['endpoints', key]),
      message:
        `"${key}" is not "default", a provider (${[...providerNames].join(', ') || 'none loaded'}) ` +
        `or a model this recipe uses (${[...referencesUsed].join(', ') || 'none'}).${didYouMean(key, ['default', ...providerNames, ...referencesUsed])}`,
    };
    compilation.issues.push(issue);
  }
}
