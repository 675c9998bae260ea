import type { ConversationFormatterV1 } from '../../conversation-formatter/v1/conversation-formatter-v1';
import type { DatasetDefinitionV1 } from '../../dataset/v1/dataset-v1';
import type { ExecutorV1 } from '../../executor/v1/executor-v1';
import type { FilterDefinitionV1 } from '../../filter/v1/filter-v1';
import type { ModifierDefinitionV1 } from '../../modifier/v1/modifier-v1';
import type { PromptTemplateV1 } from '../../prompt-template/v1/prompt-template-v1';
import type { ProviderDefinitionV1 } from '../../provider/v1/provider-definition-v1';
import type { TaskV1 } from '../../task/v1/task-v1';

/** Identifies a plugin. `name` and `version` must equal its package.json. */
export interface PluginMetaV1 {
  /** npm package name, e.g. `@synthkit/tasks-nemotron`. */
  readonly name: string;
  /** Package version (semver). */
  readonly version: string;
  /**
   * Prefix of every item the plugin contributes: `nemotron` in `nemotron:subtopics`. Lower-case
   * letters, digits and dashes; unique among loaded plugins.
   */
  readonly namespace: string;
}

/**
 * A plugin: the default export of a plugin package, made with `definePlugin`. Every member but
 * `specificationVersion` and `meta` is optional; items are keyed by their name within the namespace.
 */
export interface PluginV1 {
  readonly specificationVersion: 'v1';
  readonly meta: PluginMetaV1;
  /** Providers by name. By convention a provider plugin names its provider after its namespace. */
  readonly providers?: Readonly<Record<string, ProviderDefinitionV1<any, any>>>;
  readonly tasks?: Readonly<Record<string, TaskV1<any, any, any>>>;
  readonly filters?: Readonly<Record<string, FilterDefinitionV1<any>>>;
  readonly modifiers?: Readonly<Record<string, ModifierDefinitionV1<any>>>;
  /**
   * Conversation formatters by name: how chat turns become one prompt for raw-completion endpoints.
   * Recipes pick one per model (`formatter: nemotron`, or `namespace:name` for another plugin's).
   */
  readonly formatters?: Readonly<Record<string, ConversationFormatterV1>>;
  readonly datasets?: Readonly<Record<string, DatasetDefinitionV1<any>>>;
  readonly executors?: Readonly<Record<string, ExecutorV1>>;
  /** Shared templates other tasks or recipes can reference as `namespace:name`. */
  readonly templates?: Readonly<Record<string, PromptTemplateV1>>;
}

/** Item collections a plugin can have, in the order `plugins list` shows them. */
export const pluginItemCollections = [
  'providers',
  'tasks',
  'filters',
  'modifiers',
  'formatters',
  'datasets',
  'executors',
  'templates',
] as const;

export type PluginItemCollection = (typeof pluginItemCollections)[number];
