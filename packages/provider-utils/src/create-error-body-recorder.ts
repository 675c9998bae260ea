/** A fetch function that keeps the text of error responses, and a way to look it up. */
export interface ErrorBodyRecorder {
  /** Calls the wrapped fetch; for a non-2xx response, also reads a copy of the body. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** The body text of the error response that had these headers, if it was recorded. */
  bodyOf(headers: Headers | undefined): string | undefined;
}

/**
 * Wraps a fetch function to record error response bodies as text. The openai SDK parses an error
 * body and keeps only its `error` member, so a body in another shape (a gateway's HTML page, an
 * older vLLM's `{ "object": "error", ... }`) would be lost. The SDK puts the response's own
 * `Headers` object on its error, so the headers are the key that links the two.
 */
export function createErrorBodyRecorder(
  fetchFunction: () => (input: string | URL | Request, init?: RequestInit) => Promise<Response>,
): ErrorBodyRecorder {
  const bodies = new WeakMap<Headers, string>();
  return {
    async fetch(input, init) {
      const response = await fetchFunction()(input, init);
      if (!response.ok) {
        const text = await response
          .clone()
          .text()
          .catch(() => undefined);
        if (text !== undefined) bodies.set(response.headers, text);
      }
      return response;
    },
    bodyOf(headers) {
      return headers == null ? undefined : bodies.get(headers);
    },
  };
}
