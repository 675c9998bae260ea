/**
 * `item` marked as a v1 spec object, for the define helpers, whose authors write no
 * `specificationVersion`. The item itself is returned, with the property added, so a filter or
 * modifier written as a class instance keeps its prototype's methods and private fields; a frozen
 * object is wrapped instead (its members read through the prototype chain).
 */
export function withSpecificationVersion<Item extends object>(item: Item): Item & { readonly specificationVersion: 'v1' } {
  if ((item as { specificationVersion?: unknown }).specificationVersion === 'v1') return item as Item & { readonly specificationVersion: 'v1' };
  if (Object.isExtensible(item)) {
    Object.defineProperty(item, 'specificationVersion', { value: 'v1', enumerable: true, configurable: true });
    return item as Item & { readonly specificationVersion: 'v1' };
  }
  return Object.create(item, { specificationVersion: { value: 'v1', enumerable: true } }) as Item & { readonly specificationVersion: 'v1' };
}
