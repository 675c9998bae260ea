import type { z } from 'zod';

/**
 * A zod check for options objects with a range: fails when the option named `minimumOption` is
 * greater than the one named `maximumOption`, with a message naming both and their values. The
 * issue is reported at `minimumOption`, so recipe errors point at a real key.
 */
export function checkMinimumNotAboveMaximum<
  MinimumOption extends string,
  MaximumOption extends string,
>(minimumOption: MinimumOption, maximumOption: MaximumOption) {
  return (context: z.core.ParsePayload<Record<MinimumOption | MaximumOption, number>>): void => {
    const minimum = context.value[minimumOption];
    const maximum = context.value[maximumOption];
    if (minimum > maximum) {
      context.issues.push({
        code: 'custom',
        message: `${minimumOption} (${minimum}) must be less than or equal to ${maximumOption} (${maximum})`,
        input: context.value,
        path: [minimumOption],
      });
    }
  };
}
