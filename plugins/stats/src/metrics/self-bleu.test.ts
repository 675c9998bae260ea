import { describe, expect, it } from 'vitest';
import { selfBleu } from './self-bleu';

const words = (text: string) => text.split(' ');

describe('selfBleu', () => {
  it('is 1 for identical texts, short ones included', () => {
    expect(selfBleu([words('a b c d e'), words('a b c d e'), words('a b c d e')])).toBeCloseTo(1, 12);
    expect(selfBleu([words('yes'), words('yes')])).toBeCloseTo(1, 12);
  });

  it('is near 0 for texts that share no word', () => {
    const texts = Array.from({ length: 4 }, (_, text) => Array.from({ length: 20 }, (_, word) => `t${text}w${word}`));
    const score = selfBleu(texts)!;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(0.01);
  });

  it('matches a hand-worked BLEU-4 with the smoothed missing order', () => {
    // "a b c d" against "a b c e" (and back): p1 = 3/4, p2 = 2/3, p3 = 1/2, p4 = 0 -> 0.1 / 1; same length.
    const expected = (0.75 * (2 / 3) * 0.5 * 0.1) ** (1 / 4);
    expect(selfBleu([words('a b c d'), words('a b c e')])).toBeCloseTo(expected, 12);
  });

  it('clips each n-gram by the one reference where it occurs most, not by their sum', () => {
    // "x x x x" against "x x" and "x x": x is matched at most 2 times (not 4): p1 = 2/4; "x x" 3 times
    // against at most 1: p2 = 1/3; p3, p4 unmatched: 0.1/2, 0.1/1; the closest reference (2) is shorter: no penalty.
    const long = (0.5 * (1 / 3) * 0.05 * 0.1) ** (1 / 4);
    // Each "x x" against "x x x x" and the other "x x": p1 = p2 = 1, closest reference 2: BLEU 1.
    expect(selfBleu([words('x x x x'), words('x x'), words('x x')])).toBeCloseTo((long + 2) / 3, 12);
  });

  it('applies the brevity penalty against the closest reference length', () => {
    // "a b" against "a b c d": p1 = p2 = 1, the reference is longer (4 > 2): penalty exp(1 - 4/2).
    // "a b c d" against "a b": p1 = 2/4, p2 = 1/3, p3 and p4 unmatched: 0.1/2 and 0.1/1; no penalty.
    const short = Math.exp(-1);
    const long = (0.5 * (1 / 3) * 0.05 * 0.1) ** (1 / 4);
    expect(selfBleu([words('a b'), words('a b c d')])).toBeCloseTo((short + long) / 2, 12);
  });

  it('needs two texts with words', () => {
    expect(selfBleu([words('alone')])).toBeNull();
    expect(selfBleu([words('alone'), []])).toBeNull();
  });
});
