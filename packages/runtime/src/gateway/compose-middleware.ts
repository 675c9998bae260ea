import type {
  LanguageModelMiddlewareV1,
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1Result,
  ModelCallContextV1,
} from '@synthkit/core';

/** A model call through a chain of middleware: options and the engine's description of the call. */
export type GenerateFunction = (params: LanguageModelV1CallOptions, call: ModelCallContextV1) => Promise<LanguageModelV1Result>;

/**
 * Chains middleware around a final `send` function, the first middleware outermost (it sees the
 * call first and the result last), as the AI SDK's `wrapLanguageModel` does.
 */
export function composeMiddleware(
  model: LanguageModelV1,
  middleware: ReadonlyArray<LanguageModelMiddlewareV1>,
  send: GenerateFunction,
): GenerateFunction {
  let next = send;
  for (let index = middleware.length - 1; index >= 0; index--) {
    const layer = middleware[index]!;
    const inner = next;
    const { transformParams, wrapGenerate } = layer;
    const wrap = (transformed: LanguageModelV1CallOptions, call: ModelCallContextV1) =>
      wrapGenerate == null
        ? inner(transformed, call)
        : wrapGenerate.call(layer, {
            doGenerate: (override, callOverride) => inner(override ?? transformed, callOverride ?? call),
            params: transformed,
            model,
            call,
          });
    // Without `transformParams` (the engine's own layers) the call goes straight to the layer,
    // with no async wrapper of its own: one promise and a few microtask hops less per layer and
    // call. A layer that throws instead of rejecting still gives a rejected promise.
    next =
      transformParams == null
        ? (params, call) => {
            try {
              return Promise.resolve(wrap(params, call));
            } catch (error) {
              return Promise.reject(error);
            }
          }
        : async (params, call) => wrap(await transformParams.call(layer, { params, model, call }), call);
  }
  return next;
}
