import { defaultPrices } from './default-prices';
import type { RecipeDocument } from '../recipe/recipe-schema';
import type { ModelPrice, ModelPriceDocument } from './model-price';

/**
 * The prices a run uses: the recipe's `prices:` over the defaults. Looks a model up by its
 * reference, then without a trailing date (`-2024-07-18`, `-20250514`), then without a `-latest`,
 * then by its provider's `provider:*` entry, which prices every model of that provider (e.g. the
 * models of a self-hosted server behind `openai:*`, or the free `mock:*`). A model of a provider
 * instance (`providers.<name>.provider` in a recipe) falls back last to the `*` entry of the
 * provider it is an instance of: a second `llama-cpp` instance is as free as the first, while a
 * second `openai` endpoint does not take OpenAI's price for a model of the same name.
 */
export class PriceTable {
  private readonly prices: Map<string, ModelPrice>;
  private readonly instances: Readonly<Record<string, string>>;

  /**
   * @param overrides the recipe's `prices:` block.
   * @param defaults list prices. Default: {@link defaultPrices}.
   * @param instances the provider each provider instance of the recipe is an instance of, by name.
   */
  constructor(
    overrides: Readonly<Record<string, ModelPriceDocument>> = {},
    defaults: Readonly<Record<string, ModelPrice>> = defaultPrices,
    instances: Readonly<Record<string, string>> = {},
  ) {
    this.instances = instances;
    this.prices = new Map(Object.entries(defaults));
    for (const [reference, price] of Object.entries(overrides)) {
      this.prices.set(reference, { input: price.input, output: price.output, ...(price.cached_input == null ? {} : { cachedInput: price.cached_input }) });
    }
  }

  /** The prices of a recipe: its `prices:` over the defaults, knowing its provider instances. */
  static forRecipe(document: Pick<RecipeDocument, 'prices' | 'providers'>): PriceTable {
    const instances = Object.fromEntries(
      Object.entries(document.providers ?? {}).flatMap(([name, block]) => (typeof block['provider'] === 'string' ? [[name, block['provider']]] : [])),
    );
    return new PriceTable(document.prices, defaultPrices, instances);
  }

  /** The price of a model reference (`provider:model-id`), or undefined when unknown. */
  priceOf(reference: string): ModelPrice | undefined {
    for (const candidate of candidates(reference, this.instances)) {
      const price = this.prices.get(candidate);
      if (price != null) return price;
    }
    return undefined;
  }
}

// --- Internal helpers ---

function candidates(reference: string, instances: Readonly<Record<string, string>>): string[] {
  const withoutDate = reference.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');
  const provider = reference.slice(0, Math.max(0, reference.indexOf(':')));
  const base = Object.hasOwn(instances, provider) ? instances[provider] : undefined;
  return [
    ...new Set([
      reference,
      withoutDate,
      withoutDate.replace(/-latest$/, ''),
      ...(provider === '' ? [] : [`${provider}:*`]),
      ...(base == null ? [] : [`${base}:*`]),
    ]),
  ];
}
