import { didYouMean, zodIssues } from '@synthkit/validation-messages';
import type { RecipeCompilation } from './recipe-compilation';
import type { RecipeParams } from './recipe-schema';

/**
 * Checks the `provider_options` of every role in a `params` block (the recipe's or a stage's),
 * before any request: each provider's options against the schema its plugin declares
 * (`ProviderDefinitionV1.providerOptions`), and each key for naming a loaded provider. Models read
 * their options by their provider's name (an `openai:` model and a model of an instance of openai
 * both read `provider_options.openai`), so a key naming an instance is reported with the key to
 * use, and any other unknown key with the closest provider name.
 *
 * @param path where the block is written: `['params']`, `['stages', 2, 'params']`.
 */
export function checkProviderOptions(
  compilation: RecipeCompilation,
  params: Readonly<Record<string, RecipeParams>> | undefined,
  path: ReadonlyArray<PropertyKey>,
): void {
  const providers = compilation.registry.list('providers');
  const loaded = providers.map((provider) => provider.reference);
  for (const [role, roleParams] of Object.entries(params ?? {})) {
    for (const [name, options] of Object.entries(roleParams.provider_options ?? {})) {
      const optionsPath = [...path, role, 'provider_options', name];
      const provider = providers.find((candidate) => candidate.reference === name);
      if (provider == null) {
        compilation.report(optionsPath, unknownProviderMessage(name, loaded, compilation.providers.instanceOf(name)));
        continue;
      }
      const schema = provider.item.providerOptions;
      if (schema == null) continue;
      const result = schema.safeParse(options);
      if (!result.success) compilation.issues.push(...zodIssues(result.error, optionsPath, schema, options));
    }
  }
}

// --- Internal helpers ---

function unknownProviderMessage(name: string, loaded: ReadonlyArray<string>, instanceOf: string | undefined): string {
  if (instanceOf != null) {
    return (
      `"${name}" is an instance of ${instanceOf}, and models read their options by provider, not by instance: ` +
      `write them under provider_options.${instanceOf}. Every ${instanceOf} model receives those, ${name}'s included; ` +
      `to send them to ${name}'s models alone, set them in the params of the roles that use it.`
    );
  }
  const hint = didYouMean(name, loaded);
  return (
    `"${name}" is not a loaded provider (loaded: ${loaded.join(', ') || 'none'}), so no model would receive these options.` +
    (hint === '' ? ' Install the plugin that provides it, or remove them.' : hint)
  );
}
