import {
  NoSuchItemError,
  PluginLoadError,
  pluginItemCollections,
  type PluginItemCollection,
  type PluginItemKind,
  type PluginMetaV1,
  type PluginV1,
} from '@synthkit/core';
import { didYouMean } from '@synthkit/validation-messages';
import { discoverInstalledPlugins } from './discover-installed-plugins';
import { loadPlugin, validatePluginObject, type LoadedPlugin } from './load-plugin';

/** Options of {@link createRegistry}. */
export interface RegistryOptions {
  /**
   * Plugin objects (already imported) and specifiers (package names or paths) to load, in priority
   * order. Falsy entries are skipped so plugins can be added conditionally.
   */
  readonly plugins?: ReadonlyArray<PluginV1 | string | false | null | undefined>;
  /** Directory relative specifiers resolve from, and where installed plugins are discovered. Default `process.cwd()`. */
  readonly directory?: string;
  /** Also load the synthkit plugins among the nearest package.json's direct dependencies. Default true. */
  readonly discover?: boolean;
}

/** An item found in the registry, with its plugin. */
export interface RegistryItem<Item> {
  /** `namespace:name`. */
  readonly reference: string;
  readonly item: Item;
  readonly plugin: PluginMetaV1;
}

type ItemOf<Collection extends PluginItemCollection> = NonNullable<PluginV1[Collection]>[string];

/** The loaded plugins and every item they contribute, addressed as `namespace:name`. */
export interface Registry {
  /** Loaded plugins in priority order: code, specifiers, then installed dependencies. */
  readonly plugins: ReadonlyArray<LoadedPlugin>;
  /**
   * Finds an item by `namespace:name`. Providers are addressed by their name alone (`openai`).
   * @throws NoSuchItemError listing what is available.
   */
  get<Collection extends PluginItemCollection>(collection: Collection, reference: string): RegistryItem<ItemOf<Collection>>;
  /** Every item of a collection, sorted by reference. */
  list<Collection extends PluginItemCollection>(collection: Collection): Array<RegistryItem<ItemOf<Collection>>>;
}

/**
 * Loads plugins and indexes their items.
 *
 * Order: plugin objects and specifiers from `options.plugins`, then (unless `discover: false`) the
 * installed plugins of the nearest package.json. The same package found twice (listed and installed)
 * is loaded once. Two different packages claiming one namespace, or one provider name, is an error.
 *
 * @throws PluginLoadError for a missing, broken or conflicting plugin.
 */
export async function createRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const directory = options.directory ?? process.cwd();
  const loaded: LoadedPlugin[] = [];
  for (const entry of options.plugins ?? []) {
    if (entry == null || entry === false) continue;
    if (typeof entry === 'string') {
      loaded.push(await loadPlugin(entry, { fromDirectory: directory }));
    } else {
      loaded.push({ plugin: validatePluginObject(entry, { specifier: '<inline>' }), source: { kind: 'code', specifier: '<inline>' } });
    }
  }
  if (options.discover ?? true) {
    for (const candidate of discoverInstalledPlugins(directory)) {
      if (loaded.some((existing) => existing.plugin.meta.name === candidate.name)) continue;
      loaded.push(
        await loadPlugin(candidate.name, {
          fromDirectory: candidate.fromDirectory,
          kind: 'dependency',
          listedIn: candidate.listedIn,
        }),
      );
    }
  }
  return indexPlugins(deduplicate(loaded));
}

/** Splits `namespace:name`; the name may itself contain colons (model ids such as `llama3:8b`). */
export function parseReference(reference: string): { namespace: string; name: string } | undefined {
  const index = reference.indexOf(':');
  if (index <= 0 || index === reference.length - 1) return undefined;
  return { namespace: reference.slice(0, index), name: reference.slice(index + 1) };
}

// --- Internal helpers ---

const kindOfCollection: Record<PluginItemCollection, PluginItemKind> = {
  providers: 'provider',
  tasks: 'task',
  filters: 'filter',
  modifiers: 'modifier',
  formatters: 'formatter',
  datasets: 'dataset',
  executors: 'executor',
  templates: 'template',
};

function deduplicate(loaded: LoadedPlugin[]): LoadedPlugin[] {
  const byNamespace = new Map<string, LoadedPlugin>();
  const result: LoadedPlugin[] = [];
  for (const entry of loaded) {
    const { namespace, name, version } = entry.plugin.meta;
    const existing = byNamespace.get(namespace);
    if (existing == null) {
      byNamespace.set(namespace, entry);
      result.push(entry);
      continue;
    }
    if (existing.plugin.meta.name === name && existing.plugin.meta.version === version) continue;
    throw new PluginLoadError({
      specifier: entry.source.specifier,
      failure: 'conflict',
      message:
        `namespace "${namespace}" is already taken by ${existing.plugin.meta.name}@${existing.plugin.meta.version} ` +
        `(from ${describeSource(existing)}); ${name}@${version} (from ${describeSource(entry)}) claims it too. ` +
        'Remove one of them, or give your plugin another namespace.',
    });
  }
  return result;
}

function indexPlugins(plugins: LoadedPlugin[]): Registry {
  const indexes = new Map<PluginItemCollection, Map<string, RegistryItem<unknown>>>();
  for (const collection of pluginItemCollections) {
    const index = new Map<string, RegistryItem<unknown>>();
    for (const { plugin, source } of plugins) {
      for (const [name, item] of Object.entries(plugin[collection] ?? {})) {
        const reference = collection === 'providers' ? name : `${plugin.meta.namespace}:${name}`;
        const existing = index.get(reference);
        if (existing != null) {
          throw new PluginLoadError({
            specifier: source.specifier,
            failure: 'conflict',
            message: `${kindOfCollection[collection]} "${reference}" is provided by both ${existing.plugin.name} and ${plugin.meta.name}. Remove one of the plugins.`,
          });
        }
        index.set(reference, { reference, item, plugin: plugin.meta });
      }
    }
    indexes.set(collection, index);
  }
  return {
    plugins,
    get(collection, reference) {
      const index = indexes.get(collection)!;
      const found = index.get(reference);
      if (found != null) return found as RegistryItem<never>;
      const available = [...index.keys()].sort();
      const suggestion = didYouMean(reference, available).trim();
      const hint =
        suggestion !== ''
          ? suggestion
          : collection !== 'providers' && parseReference(reference) == null
            ? `References are written "namespace:name", e.g. "${available[0] ?? 'nemotron:subtopics'}".`
            : 'Is the plugin that provides it installed next to the recipe, or listed under "plugins"?';
      throw new NoSuchItemError({ kind: kindOfCollection[collection], reference, available, hint });
    },
    list(collection) {
      return [...indexes.get(collection)!.values()].sort((a, b) => a.reference.localeCompare(b.reference)) as never;
    },
  };
}

function describeSource(entry: LoadedPlugin): string {
  if (entry.source.kind === 'code') return 'code';
  if (entry.source.kind === 'dependency') return `a dependency in ${entry.source.listedIn}`;
  return entry.source.specifier;
}
