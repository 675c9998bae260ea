import { z } from 'zod';

/**
 * Schema of an option that lists topics (or other short phrases) of your own: strings, each
 * trimmed and not empty. Add `.default(...)` and `.describe(...)` where it is used.
 *
 * @param optionName The option's key, used in messages (`additional_macro_topics`).
 */
export function topicListSchema(optionName: string) {
  return z.array(z.string().trim().min(1, { error: `${optionName} must not contain empty topics.` }));
}
