import { formatIssuePath, SynthkitError, type LanguageModelV1, type ProviderV1, type ValidationIssue } from '@synthkit/core';
import { parseReference, type Registry } from '../registry/create-registry';
import type { RecipeDocument } from './recipe-schema';
import { zodIssues } from './zod-issues';

/**
 * Creates each provider of a recipe once (validating its `providers.<name>` settings) and each
 * model once, reporting problems as issues with the path of what named them. Creating makes no
 * request.
 */
export class ProviderCache {
  private readonly providers = new Map<string, ProviderV1 | undefined>();
  private readonly models = new Map<string, LanguageModelV1 | undefined>();

  constructor(
    private readonly document: RecipeDocument,
    private readonly registry: Registry,
    private readonly issues: ValidationIssue[],
  ) {
    for (const name of Object.keys(document.providers ?? {})) {
      if (!registry.list('providers').some((provider) => provider.reference === name)) {
        issues.push({
          path: formatIssuePath(['providers', name]),
          message: `no loaded plugin provides a provider named "${name}". Available providers: ${registry.list('providers').map((provider) => provider.reference).join(', ') || 'none'}.`,
        });
      }
    }
  }

  /** Every model reference the recipe binds to a role. */
  referencesUsed(): ReadonlySet<string> {
    return new Set(this.models.keys());
  }

  /** The model a reference names (`provider:model-id`), or undefined after reporting why not. */
  languageModel(reference: string, path: ReadonlyArray<PropertyKey>): LanguageModelV1 | undefined {
    if (this.models.has(reference)) return this.models.get(reference);
    const parsed = parseReference(reference);
    let model: LanguageModelV1 | undefined;
    if (parsed == null) {
      this.issues.push({ path: formatIssuePath(path), message: 'must be "provider:model-id", e.g. "openai:gpt-4o-mini"' });
    } else {
      const provider = this.provider(parsed.namespace, path);
      if (provider != null) {
        try {
          model = provider.languageModel(parsed.name);
        } catch (error) {
          this.issues.push({ path: formatIssuePath(path), message: (error as Error).message });
        }
      }
    }
    this.models.set(reference, model);
    return model;
  }

  private provider(name: string, path: ReadonlyArray<PropertyKey>): ProviderV1 | undefined {
    if (this.providers.has(name)) return this.providers.get(name);
    let provider: ProviderV1 | undefined;
    try {
      const found = this.registry.get('providers', name);
      const settings = found.item.settings.safeParse(this.document.providers?.[name] ?? {});
      if (!settings.success) {
        this.issues.push(...zodIssues(settings.error, ['providers', name]));
      } else {
        provider = found.item.create(settings.data);
      }
    } catch (error) {
      this.issues.push({ path: formatIssuePath(path), message: describeCreationError(error) });
    }
    this.providers.set(name, provider);
    return provider;
  }
}

/** Synthkit errors explain themselves; anything else thrown by a plugin's factory is a plugin bug. */
export function describeCreationError(error: unknown): string {
  if (SynthkitError.isInstance(error)) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `the plugin failed to create it: ${message}`;
}
