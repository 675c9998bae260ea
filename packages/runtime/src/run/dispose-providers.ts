import type { WarningListener } from '../engine/create-task-context';
import type { RecipePlan } from '../recipe/recipe-plan';

/**
 * Lets every provider a plan created release what it holds (an in-process model's memory), once
 * the work with the plan is over, whatever its outcome. A provider that fails to is reported, not
 * fatal: what the work produced is already written.
 */
export async function disposeProviders(plan: RecipePlan, onWarning?: WarningListener): Promise<void> {
  await Promise.all(
    (plan.providers ?? []).map(async ({ name, provider }) => {
      try {
        await provider.dispose?.();
      } catch (error) {
        onWarning?.({ model: name, message: `provider "${name}" failed to release its resources: ${error instanceof Error ? error.message : String(error)}` });
      }
    }),
  );
}
