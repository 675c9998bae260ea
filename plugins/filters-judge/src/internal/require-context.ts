import type { FilterContextV1 } from '@synthkit/core';

/**
 * The engine's context of a filter that calls models, or an error saying how to get one: such a
 * filter scores only through the engine (a recipe stage, `synthkit filter`, `runFilter` in tests),
 * which passes its models, never through a bare `score(text, record)`.
 *
 * @param reference the filter's name, e.g. `judge:llm`, for the message.
 * @throws Error when `context` is missing.
 */
export function requireContext<Context extends FilterContextV1>(context: Context | undefined, reference: string): Context {
  if (context != null) return context;
  throw new Error(
    `${reference} calls a model, so it scores only through the engine, which passes its context: use it in a recipe stage, with synthkit filter, or in tests with runFilter from @synthkit/testkit.`,
  );
}
