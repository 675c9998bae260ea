import { validatePluginManifest, type FilterDefinitionV1, type ModifierDefinitionV1 } from '@synthkit/core';
import { expect, it } from 'vitest';

/** The item fits a plugin manifest, and its options schema refuses a key it does not know. */
export function itFitsAManifest(collection: 'filters' | 'modifiers', definition: FilterDefinitionV1<any> | ModifierDefinitionV1<any>): void {
  it('fits a plugin manifest, with a description', () => {
    const manifest = { specificationVersion: 'v1', meta: { name: 'conformance', version: '1.0.0', namespace: 'conformance' }, [collection]: { item: definition } };
    expect(validatePluginManifest(manifest)).toEqual([]);
    expect(definition.description.trim().length).toBeGreaterThan(0);
  });

  it('refuses an option it does not know, so a typo in a recipe is reported (make the schema .strict())', () => {
    expect(definition.options.safeParse({ 'no-such-option': 1 }).success).toBe(false);
  });
}

/** Freezes a value and everything in it, so a filter or modifier that changes a record throws. */
export function deepFreeze<Value>(value: Value): Value {
  if (value != null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** A text shortened for test messages. */
export function preview(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
