import type { ModelStatistics, RunStatistics } from '../engine/run-statistics';
import { costOf } from './model-price';
import type { PriceTable } from './price-table';

/** What a run has cost so far, from the tokens its endpoints reported and the price table. */
export interface RunCost {
  /** US dollars over the models with a known price. */
  readonly totalUsd: number;
  /** Per model reference; undefined for a model with no price. */
  readonly byModel: Readonly<Record<string, number | undefined>>;
  /** Models that used tokens but have no price: their cost is not in `totalUsd`. */
  readonly unpriced: ReadonlyArray<string>;
  /**
   * The whole run's cost projected from the roots finished so far, when the number of roots is
   * known; undefined before the first root finishes.
   */
  readonly projectedUsd: number | undefined;
}

/**
 * Prices the tokens of every model in `statistics`. Answers replayed from the cache cost nothing;
 * answers from batch jobs cost the provider's batch price (the price times its `priceFactor`).
 */
export function runCost(statistics: RunStatistics, prices: PriceTable): RunCost {
  const byModel: Record<string, number | undefined> = {};
  const unpriced: string[] = [];
  let totalUsd = 0;
  for (const [reference, model] of statistics.models) {
    const price = prices.priceOf(reference);
    if (price == null) {
      byModel[reference] = undefined;
      if (usedTokens(model)) unpriced.push(reference);
      continue;
    }
    const factor = statistics.batchPriceFactors.get(reference) ?? 1;
    // Batched tokens are in the model's totals: take off the discount on them.
    const batched = { inputTokens: model.batchInputTokens, outputTokens: model.batchOutputTokens, cachedInputTokens: model.batchCachedInputTokens };
    const cost = costOf(model, price) - (1 - factor) * costOf(batched, price);
    byModel[reference] = cost;
    totalUsd += cost;
  }
  const { expected, finished, finishedBefore } = statistics.roots;
  const remaining = expected == null ? undefined : Math.max(0, expected - finishedBefore - finished);
  const projectedUsd = remaining == null || finished === 0 ? undefined : totalUsd + (totalUsd / finished) * remaining;
  return { totalUsd, byModel, unpriced, projectedUsd };
}

// --- Internal helpers ---

function usedTokens(model: ModelStatistics): boolean {
  return model.inputTokens + model.outputTokens > 0;
}
