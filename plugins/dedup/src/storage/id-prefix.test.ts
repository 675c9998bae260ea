import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test-support/seeded-random';
import { compareIdPrefixes, compareIds, writeIdPrefix } from './id-prefix';

describe('writeIdPrefix', () => {
  it('orders ids as plain string comparison does whenever their prefixes differ', () => {
    const random = seededRandom(3);
    const alphabet = ['a', 'b', '0', '9', '\u0000', '\u007f', '\u0080', 'é', '\u01ff', '\u0200', '中', '\ud83d', '\ude00', '\uffff'];
    const ids = Array.from({ length: 400 }, () => Array.from({ length: Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    ids.push('0123456789abcdef', '0123456789abcdeg', 'a', 'a\u0000', '');
    const prefixes = new Uint32Array(ids.length * 4);
    ids.forEach((id, index) => writeIdPrefix(id, prefixes, index * 4));
    const disagreements: string[] = [];
    let ties = 0;
    for (let left = 0; left < ids.length; left++) {
      for (let right = 0; right < ids.length; right++) {
        const byPrefix = Math.sign(compareIdPrefixes(prefixes, left * 4, prefixes, right * 4));
        if (byPrefix === 0) ties += ids[left] === ids[right] ? 0 : 1;
        else if (byPrefix !== compareIds(ids[left]!, ids[right]!)) disagreements.push(`${JSON.stringify(ids[left])} vs ${JSON.stringify(ids[right])}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Ties (left to the whole-id comparison) only between ids sharing their first 16 bytes.
    expect(ties).toBeLessThan(ids.length);
  });

  it('keeps engine ids (16 hex characters) whole, so they never tie', () => {
    const prefixes = new Uint32Array(8);
    writeIdPrefix('3f2a0000ffff9999', prefixes, 0);
    writeIdPrefix('3f2a0000ffff999a', prefixes, 4);
    expect(compareIdPrefixes(prefixes, 0, prefixes, 4)).toBeLessThan(0);
  });
});
