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
    next = async (params, call) => {
      const transformed = transformParams == null ? params : await transformParams.call(layer, { params, model, call });
      if (wrapGenerate == null) return inner(transformed, call);
      return wrapGenerate.call(layer, {
        doGenerate: (override, callOverride) => inner(override ?? transformed, callOverride ?? call),
        params: transformed,
        model,
        call,
      });
    };
  }
  return next;
}
