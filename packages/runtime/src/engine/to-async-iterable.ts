/**
 * A task's outputs as one async iterable, whichever of the two shapes `TaskV1.run` returned: an
 * async iterable (yielded as it comes) or a promise of an array.
 */
export async function* toAsyncIterable<Item>(
  value: AsyncIterable<Item> | PromiseLike<ReadonlyArray<Item>>,
): AsyncGenerator<Item> {
  if (Symbol.asyncIterator in value) {
    yield* value as AsyncIterable<Item>;
    return;
  }
  yield* await value;
}
