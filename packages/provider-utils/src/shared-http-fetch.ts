import { createHttpFetch, type FetchFunction } from './create-http-fetch';

/**
 * The process's one `createHttpFetch()` function, made on first use: providers that are given no
 * `fetch` share it, so every provider instance of a run draws on one keep-alive connection pool
 * (connections are kept per origin, so endpoints never mix).
 */
export function sharedHttpFetch(): FetchFunction {
  return (shared ??= createHttpFetch());
}

// --- Internal helpers ---

let shared: FetchFunction | undefined;
