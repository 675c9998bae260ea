import {
  type ConversationFormatterV1,
  type EmbeddingModelV1,
  formatIssuePath,
  type LanguageModelV1,
  LoadAPIKeyError,
  type ProviderDefinitionV1,
  type ProviderV1,
  type RewardModelV1,
  SynthkitError,
  type ValidationIssue,
} from '@synthkit/core';
import { zodIssues } from '@synthkit/validation-messages';
import { stableStringify } from '../engine/stable-stringify';
import { parseReference, type Registry } from '../registry/create-registry';
import type { PlannedProvider } from './recipe-plan';
import type { ModelEntryDocument, RecipeDocument } from './recipe-schema';

/** A model as a recipe (or `--model`) names it: the reference, and the model's own settings if any. */
export interface ModelEntry {
  /** `provider:model-id`. */
  readonly reference: string;
  /** Everything but `model` of an entry written as an object; undefined for a plain reference. */
  readonly settings: Readonly<Record<string, unknown>> | undefined;
}

/** Splits a recipe's model entry into its reference and its settings. */
export function modelEntryOf(entry: ModelEntryDocument): ModelEntry {
  if (typeof entry === 'string') return { reference: entry, settings: undefined };
  const { model, ...settings } = entry;
  return { reference: model, settings: Object.keys(settings).length === 0 ? undefined : settings };
}

/**
 * Creates each provider of a recipe once (validating its `providers.<name>` settings) and each
 * model once, reporting problems as issues with the path of what named them. A model's own
 * settings are checked with its provider's `modelSettings` schema, their `formatter` looked up
 * among the loaded formatters. Creating makes no request.
 */
export class ProviderCache {
  private readonly providers = new Map<string, CreatedProvider | undefined>();
  private readonly models = new Map<string, LanguageModelV1 | undefined>();
  private readonly scoringModels = new Map<string, RewardModelV1 | EmbeddingModelV1 | undefined>();
  private readonly references = new Set<string>();

  /** Provider instances the recipe names itself: `providers.<alias>.provider` says which provider each is. */
  private readonly aliases = new Map<string, string>();

  /** Providers that could not load their API key, when credentials are deferred (see `compileRecipe`). */
  readonly missingCredentials: ValidationIssue[] = [];

  constructor(
    private readonly document: RecipeDocument,
    private readonly registry: Registry,
    private readonly issues: ValidationIssue[],
    private readonly credentials: 'required' | 'deferred' = 'required',
  ) {
    const loaded = registry.list('providers').map((provider) => provider.reference);
    for (const [name, block] of Object.entries(document.providers ?? {})) {
      const base = block['provider'];
      if (base === undefined || base === name) {
        if (loaded.includes(name)) continue;
        issues.push({
          path: formatIssuePath(['providers', name]),
          message:
            `no loaded plugin provides a provider named "${name}". Available providers: ${loaded.join(', ') || 'none'}. ` +
            `For a second instance of one of them (another endpoint), add provider: <its name>, e.g. provider: openai.`,
        });
      } else if (typeof base !== 'string' || !loaded.includes(base)) {
        issues.push({
          path: formatIssuePath(['providers', name, 'provider']),
          message: `must name a loaded provider (${loaded.join(', ') || 'none'}); got ${JSON.stringify(base)}.`,
        });
      } else if (loaded.includes(name)) {
        issues.push({
          path: formatIssuePath(['providers', name, 'provider']),
          message: `"${name}" is a loaded provider itself, so it cannot name an instance of "${base}": choose another name, e.g. "${name}-${base}".`,
        });
      } else {
        this.aliases.set(name, base);
      }
    }
  }

  /** Every provider name models may use: the loaded providers and the recipe's own instances. */
  providerNames(): ReadonlySet<string> {
    return new Set([...this.registry.list('providers').map((provider) => provider.reference), ...this.aliases.keys()]);
  }

  /** The provider a recipe's own instance is of (`openai` for `local: { provider: openai }`); undefined for any other name. */
  instanceOf(name: string): string | undefined {
    return this.aliases.get(name);
  }

  /** Every provider created so far, by name: the run disposes of them when it ends. */
  created(): ReadonlyArray<PlannedProvider> {
    return [...this.providers].flatMap(([name, created]) => (created == null ? [] : [{ name, provider: created.provider }]));
  }

  /** Every model reference the recipe binds to a role. */
  referencesUsed(): ReadonlySet<string> {
    return this.references;
  }

  /**
   * The model an entry names, or undefined after reporting why not. `path` is where the entry is
   * written (`models.generator`); problems with the reference of an object entry point at its
   * `model` key, problems with a setting at that setting.
   */
  languageModel(entry: ModelEntry, path: ReadonlyArray<PropertyKey>): LanguageModelV1 | undefined {
    const key = entry.settings === undefined ? entry.reference : `${entry.reference}\u0000${stableStringify(entry.settings)}`;
    if (this.models.has(key)) return this.models.get(key);
    this.references.add(entry.reference);
    const referencePath = entry.settings === undefined ? path : [...path, 'model'];
    const parsed = parseReference(entry.reference);
    let model: LanguageModelV1 | undefined;
    if (parsed == null) {
      this.issues.push({ path: formatIssuePath(referencePath), message: 'must be "provider:model-id", e.g. "openai:gpt-4o-mini"' });
    } else {
      const created = this.provider(parsed.namespace, referencePath);
      if (created != null) model = this.createModel(created, parsed.name, entry.settings, path);
    }
    this.models.set(key, model);
    return model;
  }

  /**
   * The reward model an entry names (`provider.rewardModel(id)`), or undefined after reporting why
   * not: a provider without reward models, settings (reward models take none), a bad reference.
   */
  rewardModel(entry: ModelEntry, path: ReadonlyArray<PropertyKey>): RewardModelV1 | undefined {
    return this.scoringModel('reward', entry, path) as RewardModelV1 | undefined;
  }

  /** The embedding model an entry names (`provider.embeddingModel(id)`); see {@link rewardModel}. */
  embeddingModel(entry: ModelEntry, path: ReadonlyArray<PropertyKey>): EmbeddingModelV1 | undefined {
    return this.scoringModel('embedding', entry, path) as EmbeddingModelV1 | undefined;
  }

  private scoringModel(kind: 'reward' | 'embedding', entry: ModelEntry, path: ReadonlyArray<PropertyKey>): RewardModelV1 | EmbeddingModelV1 | undefined {
    const key = `${kind}\u0000${entry.reference}\u0000${entry.settings === undefined ? '' : stableStringify(entry.settings)}`;
    if (this.scoringModels.has(key)) return this.scoringModels.get(key);
    this.references.add(entry.reference);
    const referencePath = entry.settings === undefined ? path : [...path, 'model'];
    const parsed = parseReference(entry.reference);
    let model: RewardModelV1 | EmbeddingModelV1 | undefined;
    if (parsed == null) {
      this.issues.push({ path: formatIssuePath(referencePath), message: 'must be "provider:model-id", e.g. "openai:nvidia/nemotron-4-340b-reward"' });
    } else if (entry.settings !== undefined) {
      this.issues.push({
        path: formatIssuePath(path),
        message: `${kind} models take no settings (got ${Object.keys(entry.settings).map((name) => `"${name}"`).join(', ')}); write the model as its plain reference, "${entry.reference}".`,
      });
    } else {
      const created = this.provider(parsed.namespace, referencePath);
      const provider = created?.provider;
      const create =
        provider == null
          ? undefined
          : kind === 'reward'
            ? provider.rewardModel == null
              ? undefined
              : (modelId: string) => provider.rewardModel!(modelId)
            : provider.embeddingModel == null
              ? undefined
              : (modelId: string) => provider.embeddingModel!(modelId);
      if (created != null && create == null) {
        this.issues.push({
          path: formatIssuePath(path),
          message:
            `provider "${created.name}" offers no ${kind} models, and this role needs one. ` +
            (kind === 'reward'
              ? 'Use a provider that does: openai (an NVIDIA reward model such as nvidia/nemotron-4-340b-reward on an OpenAI-compatible endpoint) or mock.'
              : 'Use a provider that does: openai (POST /embeddings), llama-cpp (a GGUF embedding model) or mock.'),
        });
      } else if (created != null && create != null) {
        try {
          model = create(parsed.name);
        } catch (error) {
          this.issues.push({ path: formatIssuePath(path), message: describeCreationError(error) });
        }
      }
    }
    this.scoringModels.set(key, model);
    return model;
  }

  /** Creates a model of a created provider, with its settings when the entry has some. */
  private createModel(
    created: CreatedProvider,
    modelId: string,
    written: Readonly<Record<string, unknown>> | undefined,
    path: ReadonlyArray<PropertyKey>,
  ): LanguageModelV1 | undefined {
    const settings = written === undefined ? undefined : this.modelSettings(written, created, path);
    if (written !== undefined && settings === undefined) return undefined;
    try {
      return settings === undefined
        ? created.provider.languageModel(modelId)
        : created.provider.languageModel(modelId, settings.value);
    } catch (error) {
      this.issues.push({ path: formatIssuePath(path), message: (error as Error).message });
      return undefined;
    }
  }

  private provider(name: string, path: ReadonlyArray<PropertyKey>): CreatedProvider | undefined {
    if (this.providers.has(name)) return this.providers.get(name);
    let created: CreatedProvider | undefined;
    try {
      const found = this.registry.get('providers', this.aliases.get(name) ?? name);
      const { provider: _base, ...written } = this.document.providers?.[name] ?? {};
      const settings = found.item.settings.safeParse(written);
      if (!settings.success) {
        this.issues.push(...zodIssues(settings.error, ['providers', name], found.item.settings, written));
      } else {
        created = { name, provider: this.create(name, found.item, settings.data, path), definition: found.item, namespace: found.plugin.namespace };
      }
    } catch (error) {
      this.issues.push({ path: formatIssuePath(path), message: describeCreationError(error) });
    }
    this.providers.set(name, created);
    return created;
  }

  /**
   * Creates a provider. With deferred credentials, one that cannot load its API key is replaced by
   * a stand-in whose models fail with that error when called, and the error is recorded.
   */
  private create(name: string, definition: ProviderDefinitionV1, settings: unknown, path: ReadonlyArray<PropertyKey>): ProviderV1 {
    try {
      return definition.create(settings);
    } catch (error) {
      if (this.credentials !== 'deferred' || !LoadAPIKeyError.isInstance(error)) throw error;
      this.missingCredentials.push({ path: formatIssuePath(path), message: error.message });
      return providerWithoutCredentials(name, error);
    }
  }

  /**
   * A model's settings parsed with its provider's schema, the formatter resolved first; undefined
   * after reporting every problem.
   */
  private modelSettings(
    written: Readonly<Record<string, unknown>>,
    created: CreatedProvider,
    path: ReadonlyArray<PropertyKey>,
  ): { value: unknown } | undefined {
    const schema = created.definition.modelSettings;
    if (schema == null) {
      this.issues.push({
        path: formatIssuePath(path),
        message:
          `provider "${created.name}" takes no model settings (got ${Object.keys(written).map((key) => `"${key}"`).join(', ')}); ` +
          `write the model as its plain reference, e.g. "${created.name}:model-id".`,
      });
      return undefined;
    }
    let settings: Record<string, unknown> = { ...written };
    if ('formatter' in written) {
      const formatter = this.formatter(written['formatter'], created, [...path, 'formatter']);
      if (formatter == null) return undefined;
      settings = { ...settings, formatter };
    }
    const result = schema.safeParse(settings);
    if (!result.success) {
      this.issues.push(...zodIssues(result.error, path, schema, settings));
      return undefined;
    }
    return { value: result.data };
  }

  /**
   * The formatter a model entry names: `nemotron` among the formatters of the provider's own plugin
   * (`openai:nemotron`), `namespace:name` as written.
   */
  private formatter(name: unknown, created: CreatedProvider, path: ReadonlyArray<PropertyKey>): ConversationFormatterV1 | undefined {
    const known = this.registry.list('formatters').map((formatter) => formatter.reference);
    if (typeof name !== 'string' || name === '') {
      this.issues.push({
        path: formatIssuePath(path),
        message: `must be the name of a conversation formatter, e.g. nemotron. Known formatters: ${known.join(', ') || 'none'}.`,
      });
      return undefined;
    }
    const reference = parseReference(name) == null ? `${created.namespace}:${name}` : name;
    const found = this.registry.list('formatters').find((formatter) => formatter.reference === reference);
    if (found != null) return found.item;
    const lookedUp =
      reference === name ? '' : ` (a name without a namespace is one of the provider's plugin's, here ${reference})`;
    this.issues.push({
      path: formatIssuePath(path),
      message:
        `unknown formatter "${name}"${lookedUp}. Known formatters: ${known.join(', ') || 'none: no loaded plugin has any'}. ` +
        'Write namespace:name for another plugin\'s formatter (synthkit formatters list shows them).',
    });
    return undefined;
  }
}

/** Synthkit errors explain themselves; anything else thrown by a plugin's factory is a plugin bug. */
export function describeCreationError(error: unknown): string {
  if (SynthkitError.isInstance(error)) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `the plugin failed to create it: ${message}`;
}

// --- Internal helpers ---

/** A provider created from the recipe's settings, with its definition and the namespace of its plugin. */
interface CreatedProvider {
  /** The provider's name, e.g. `openai`. */
  readonly name: string;
  readonly provider: ProviderV1;
  readonly definition: ProviderDefinitionV1;
  /** Namespace of the plugin that contributes it, where a bare formatter name is looked up. */
  readonly namespace: string;
}

/** A provider standing in for one that has no API key here: its models fail with `error` when called. */
function providerWithoutCredentials(name: string, error: LoadAPIKeyError): ProviderV1 {
  return {
    specificationVersion: 'v1',
    rewardModel: (modelId) => ({ specificationVersion: 'v1', provider: name, modelId, doScore: () => Promise.reject(error) }),
    embeddingModel: (modelId) => ({ specificationVersion: 'v1', provider: name, modelId, doEmbed: () => Promise.reject(error) }),
    languageModel: (modelId) => ({
      specificationVersion: 'v1',
      provider: name,
      modelId,
      doGenerate: () => Promise.reject(error),
    }),
  };
}
