import { describe, expect, it } from 'vitest';
import { stableStringify } from './stable-stringify';

/** What stableStringify must equal, written the slow, obvious way: keys sorted by code unit. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : reference(item))).join(',')}]`;
  if (value == null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${reference((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

describe('stableStringify', () => {
  it('writes keys in sorted order at every depth, whatever order they were made in', () => {
    expect(stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(stableStringify({ b: 1, a: 2 })).toBe(stableStringify({ a: 2, b: 1 }));
    expect(stableStringify({ 10: 'x', 9: 'y', a: 'z' })).toBe('{"10":"x","9":"y","a":"z"}');
    expect(stableStringify('text')).toBe('"text"');
    expect(stableStringify([3, { b: 1, a: undefined }])).toBe('[3,{"b":1}]');
  });

  it('equals sorting every object by hand, on many random values', () => {
    let state = 11;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const keyNames = ['a', 'b', 'Z', 'é', '_id', '10', '2', 'text', 'b2', ''];
    const make = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.3) return [0, 'x', true, null, 1.5, 'ünï'][Math.floor(random() * 6)];
      if (pick < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
      const object: Record<string, unknown> = {};
      for (let index = Math.floor(random() * 5); index > 0; index--) object[keyNames[Math.floor(random() * keyNames.length)]!] = make(depth + 1);
      return object;
    };
    for (let index = 0; index < 2000; index++) {
      const value = make(0);
      expect(stableStringify(value)).toBe(reference(value));
    }
  });
});
