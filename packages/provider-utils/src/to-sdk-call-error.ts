import { APICallError } from '@synthkit/core';
import { credentialSecrets } from './credential-secrets';
import { toAPICallError, type SdkErrorClasses } from './to-api-call-error';

/**
 * What {@link toSdkCallError} needs: the call that failed and the client that made it. A provider's
 * model config (client, errorBodyOf, secrets, keySource) can be spread in as it is.
 */
export interface SdkCallFailure {
  /** Who was called, for messages: `OpenAI`, `Anthropic`. */
  readonly provider: string;
  /** The URL called, without credentials. */
  readonly url: string;
  /** The call's signal: an error after it aborted is the abort, returned as it is. */
  readonly signal: AbortSignal | undefined;
  /** The client's key, base URL and timeout (ms): the first two are redacted from messages. */
  readonly client: { readonly apiKey: string | null; readonly baseURL: string; readonly timeout: number };
  /** The raw body of an error answer, by its response headers (see `createErrorBodyRecorder`). */
  readonly errorBodyOf?: ((headers: Headers | undefined) => string | undefined) | undefined;
  /** More values to redact (configured header values). */
  readonly secrets?: ReadonlyArray<string> | undefined;
  /** Where the key came from, named in a 401/403 message. */
  readonly keySource?: string | undefined;
  /** The SDK's error classes; called only when needed (the SDK is loaded by then: this reads the module cache). */
  readonly sdk: () => Promise<SdkErrorClasses>;
}

/**
 * What a provider built on a Stainless SDK throws for a failed call: the abort error as it is when
 * the call's signal aborted, an `APICallError` as it is (the provider's own check of an answer),
 * and anything the SDK threw converted by {@link toAPICallError}, with the API key, base-URL
 * credentials and configured secrets redacted.
 */
export async function toSdkCallError(error: unknown, failure: SdkCallFailure): Promise<unknown> {
  if (failure.signal?.aborted) return error;
  if (APICallError.isInstance(error)) return error;
  const { client, errorBodyOf = () => undefined, secrets = [], keySource } = failure;
  return toAPICallError(
    error,
    {
      provider: failure.provider,
      url: failure.url,
      timeoutMs: client.timeout,
      secrets: [...credentialSecrets(client.apiKey, client.baseURL), ...secrets],
      bodyOf: errorBodyOf,
      ...(keySource == null ? {} : { keySource }),
    },
    await failure.sdk(),
  );
}
