import {
  InvalidArgumentError,
  type EmbeddingModelV1,
  type GenerationParams,
  type LanguageModelV1,
  type PromptTemplateV1,
  type RewardModelV1,
  type TaskV1,
} from '@synthkit/core';
import type { EndpointSettings, PlannedModel, PlannedScoringModel } from '@synthkit/runtime';
import { applyTemplateOverride, type TemplateOverride } from '@synthkit/runtime/internal';

/**
 * How `runTask` and `runFilter` bind the models, parameters and template overrides a test gives
 * to the roles and templates an item declares, as a recipe stage's `models`, `params` and
 * `templates` are bound, with errors naming what the item declares.
 */

/** The models of a test: one per role, or one for every role. */
export type TestModels = Readonly<Record<string, LanguageModelV1>> | LanguageModelV1;

/** Binds a model to every role the task declares, with the recipe-style parameters of each. */
export function plannedModels(
  task: Pick<TaskV1, 'models'>,
  reference: string,
  models: TestModels,
  params: Readonly<Record<string, GenerationParams>>,
  endpoint: EndpointSettings,
): Record<string, PlannedModel> {
  const roles = Object.keys(task.models);
  const byRole = isLanguageModel(models) ? Object.fromEntries(roles.map((role) => [role, models])) : models;
  const declared = roles.join(', ') || 'none';
  const unknownRoles = Object.keys(byRole).filter((role) => !roles.includes(role));
  if (unknownRoles.length > 0) {
    throw new InvalidArgumentError({
      argument: 'models',
      message: `${reference} has no model role ${unknownRoles.map((role) => `"${role}"`).join(', ')}; its roles are: ${declared}.`,
    });
  }
  const missingRoles = roles.filter((role) => byRole[role] == null);
  if (missingRoles.length > 0) {
    throw new InvalidArgumentError({
      argument: 'models',
      message:
        `No model for the role${missingRoles.length === 1 ? '' : 's'} ${missingRoles.join(', ')} of ${reference}. ` +
        `Pass models: { ${roles.map((role) => `${role}: new MockLanguageModelV1(...)`).join(', ')} }, or one model for every role.`,
    });
  }
  const unknownParams = Object.keys(params).filter((role) => role !== 'default' && !roles.includes(role));
  if (unknownParams.length > 0) {
    throw new InvalidArgumentError({
      argument: 'params',
      message: `${reference} has no model role ${unknownParams.map((role) => `"${role}"`).join(', ')}; set params for one of: default, ${declared}.`,
    });
  }
  return Object.fromEntries(
    roles.map((role): [string, PlannedModel] => {
      const model = byRole[role]!;
      return [
        role,
        {
          reference: `${model.provider}:${model.modelId}`,
          model,
          defaultParams: params['default'] ?? {},
          roleParams: role === 'default' ? {} : (params[role] ?? {}),
          endpoint,
        },
      ];
    }),
  );
}

/** Binds a reward or embedding model to every role of that kind the task declares. */
export function plannedScoringModels<Model extends RewardModelV1 | EmbeddingModelV1>(
  kind: 'reward' | 'embedding',
  declared: Readonly<Record<string, string>> | undefined,
  called: ReadonlySet<string> | undefined,
  reference: string,
  given: Readonly<Record<string, Model>>,
  endpoint: EndpointSettings,
): Record<string, PlannedScoringModel<Model>> {
  const roles = Object.keys(declared ?? {});
  const option = `${kind}Models`;
  const unknownRoles = Object.keys(given).filter((role) => !roles.includes(role));
  if (unknownRoles.length > 0) {
    throw new InvalidArgumentError({
      argument: option,
      message: `${reference} has no ${kind}-model role ${unknownRoles.map((role) => `"${role}"`).join(', ')}; its ${kind}-model roles are: ${roles.join(', ') || 'none'}.`,
    });
  }
  const missingRoles = roles.filter((role) => given[role] == null && (called == null || called.has(role)));
  if (missingRoles.length > 0) {
    const mock = kind === 'reward' ? 'MockRewardModelV1' : 'MockEmbeddingModelV1';
    throw new InvalidArgumentError({
      argument: option,
      message: `No ${kind} model for the role${missingRoles.length === 1 ? '' : 's'} ${missingRoles.join(', ')} of ${reference}. Pass ${option}: { ${roles.map((role) => `${role}: new ${mock}(...)`).join(', ')} }.`,
    });
  }
  return Object.fromEntries(
    roles.filter((role) => given[role] != null).map((role) => [role, { reference: `${given[role]!.provider}:${given[role]!.modelId}`, model: given[role]!, endpoint }]),
  );
}

/** The task's templates with the overrides applied, as a recipe stage's `templates` are. */
export function overriddenTemplates(
  task: Pick<TaskV1, 'templates'>,
  reference: string,
  overrides: Readonly<Record<string, TemplateOverride>>,
): Record<string, PromptTemplateV1> {
  const templates: Record<string, PromptTemplateV1> = { ...task.templates };
  for (const [name, override] of Object.entries(overrides)) {
    const base = task.templates[name];
    if (base == null) {
      throw new InvalidArgumentError({
        argument: 'templates',
        message: `${reference} has no template "${name}"; its templates are: ${Object.keys(task.templates).join(', ') || 'none'}.`,
      });
    }
    templates[name] = applyTemplateOverride(base, override);
  }
  return templates;
}

/** One model rather than a model per role: a model has a `doGenerate` method. */
export function isLanguageModel(value: TestModels): value is LanguageModelV1 {
  return typeof (value as Partial<LanguageModelV1>).doGenerate === 'function';
}
