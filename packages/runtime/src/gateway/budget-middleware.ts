import type { LanguageModelMiddlewareV1 } from '@synthkit/core';
import { RunStoppedError } from './run-stopped-error';

/** The run-wide limits `--max-requests` and `--max-cost` set; undefined means no limit. */
export interface RunBudget {
  /** Requests the run may send, retries included. */
  readonly maxRequests?: number;
  /** US dollars the run may spend, from the price table. */
  readonly maxCostUsd?: number;
}

/**
 * Stops the run, cleanly, when it reaches its budget: no request is sent beyond `maxRequests`
 * (counted as they are sent, so concurrent calls cannot overshoot), and once the cost reaches
 * `maxCostUsd` no further request starts. One counter and one cost function are shared by every
 * endpoint's chain, so the budget is the run's, not an endpoint's.
 */
export function createBudgetMiddleware({
  budget,
  sent,
  costUsd,
  stop,
}: {
  budget: RunBudget;
  /** Requests sent so far by the whole run, shared across endpoints and updated here. */
  sent: { count: number };
  /** The run's cost so far in US dollars. */
  costUsd: () => number;
  stop: (error: RunStoppedError) => void;
}): LanguageModelMiddlewareV1 {
  const exhausted = (message: string) => {
    const error = new RunStoppedError({ reason: 'budget-exhausted', message });
    stop(error);
    return error;
  };
  return {
    specificationVersion: 'v1',
    name: 'budget',
    async wrapGenerate({ doGenerate }) {
      if (budget.maxRequests != null && sent.count >= budget.maxRequests) {
        throw exhausted(`Stopped: the run sent ${sent.count} requests, its limit (--max-requests ${budget.maxRequests}). Everything done is kept; continue with --resume and a higher limit.`);
      }
      if (budget.maxCostUsd != null) {
        const cost = costUsd();
        if (cost >= budget.maxCostUsd) {
          throw exhausted(`Stopped: the run has cost $${cost.toFixed(4)}, its limit (--max-cost ${budget.maxCostUsd}). Everything done is kept; continue with --resume and a higher limit.`);
        }
      }
      sent.count++;
      return doGenerate();
    },
  };
}
