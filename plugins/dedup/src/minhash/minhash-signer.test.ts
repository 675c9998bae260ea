import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test-support/seeded-random';
import { MinhashSigner } from './minhash-signer';
import { jaccardSimilarity, shingleSet } from './shingle-set';

const defaults = { charNgrams: 24, numBands: 20, hashesPerBand: 13, seed: 42 };
const random = seededRandom(17);
const randomText = (length: number) => Array.from({ length }, () => 'abcdefghij klmnopqrst uvwxyz'[Math.floor(random() * 29)]).join('');

describe('MinhashSigner', () => {
  it('estimates the Jaccard similarity of shingle sets (share of equal values) within a few hundredths', () => {
    const signer = new MinhashSigner(defaults);
    for (const changed of [0, 10, 30, 60, 120, 300]) {
      let error = 0;
      for (let trial = 0; trial < 20; trial++) {
        const text = randomText(600);
        const at = Math.floor(random() * (600 - changed));
        const other = text.slice(0, at) + randomText(changed) + text.slice(at + changed);
        const left = Int32Array.from(signer.sign(text));
        const right = signer.sign(other);
        const estimate = left.filter((value, index) => value === right[index]).length / left.length;
        error += Math.abs(estimate - jaccardSimilarity(shingleSet(text, 24), shingleSet(other, 24)));
      }
      expect(error / 20, `${changed} characters changed`).toBeLessThan(0.04);
    }
  });

  it('gives the same signature for the same text and seed, another for another seed', () => {
    const text = randomText(300);
    expect(Array.from(new MinhashSigner(defaults).sign(text))).toEqual(Array.from(new MinhashSigner(defaults).sign(text)));
    expect(Array.from(new MinhashSigner({ ...defaults, seed: 43 }).sign(text))).not.toEqual(Array.from(new MinhashSigner(defaults).sign(text)));
  });

  it('signs a text shorter than charNgrams as one shingle: the whole text', () => {
    const signer = new MinhashSigner(defaults);
    const short = Array.from(signer.sign('abc'));
    expect(Array.from(signer.sign('abc'))).toEqual(short);
    expect(Array.from(signer.sign('abd'))).not.toEqual(short);
    expect(Array.from(signer.sign(''))).not.toEqual(short);
    expect(new Set(short).size).toBeGreaterThan(250);
  });

  it('gives two texts the same band key exactly when their band values are equal', () => {
    const signer = new MinhashSigner({ ...defaults, numBands: 2, hashesPerBand: 2 });
    const keys = (text: string) => {
      const signature = Array.from(signer.sign(text));
      const out = new Uint32Array(4);
      signer.writeBandKey(0, out, 0);
      signer.writeBandKey(1, out, 2);
      return { signature, keys: Array.from(out) };
    };
    const text = randomText(200);
    const first = keys(text);
    const second = keys(`${text.slice(0, 199)}!`);
    for (const band of [0, 1]) {
      const sameValues = first.signature.slice(band * 2, band * 2 + 2).join() === second.signature.slice(band * 2, band * 2 + 2).join();
      expect(first.keys.slice(band * 2, band * 2 + 2).join() === second.keys.slice(band * 2, band * 2 + 2).join()).toBe(sameValues);
    }
    expect(keys(text)).toEqual(first);
  });
});
