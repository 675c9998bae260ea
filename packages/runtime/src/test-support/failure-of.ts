/**
 * The error a promise rejects with, for tests that inspect it; fails the test when the promise
 * resolves instead.
 */
export async function failureOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, but the promise resolved');
}
