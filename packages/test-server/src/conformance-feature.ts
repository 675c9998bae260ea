/**
 * Features a provider may lack; the conformance checks of a feature it does not declare are
 * skipped, and their titles say which feature they need.
 */
export type ConformanceFeature =
  /** The provider honours `params.topK` (over HTTP: sends it). Without it, it must warn that it did not. */
  | 'topK'
  /** The provider honours `params.seed` (over HTTP: sends it). Without it, it must warn that it did not. */
  | 'seed'
  /** `onActivity` is called while the answer arrives (streaming and in-process providers). */
  | 'activity'
  /** A `responseFormat` with a JSON schema gets an answer that is JSON valid against the schema. */
  | 'structuredOutput'
  /**
   * The same call with the same `seed` gives the same text, every time. Declare it for local and
   * offline models (the mock, llama.cpp); few HTTP APIs promise it.
   */
  | 'deterministic'
  /** `result.rateLimit` is read from the API's rate-limit headers (HTTP providers only). */
  | 'rateLimitHeaders';

/** The features an in-process provider can declare: every {@link ConformanceFeature} but HTTP headers. */
export type InProcessConformanceFeature = Exclude<ConformanceFeature, 'rateLimitHeaders'>;
