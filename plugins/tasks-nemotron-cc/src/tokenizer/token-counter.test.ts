import { describe, expect, it } from 'vitest';
import { estimateTokens, loadTokenCounter, tokenizerOptionSchema } from './token-counter';

describe('loadTokenCounter', () => {
  it('counts Llama 3 tokens exactly, without begin- and end-of-text tokens', async () => {
    const llama = await loadTokenCounter('llama-3');
    expect(llama).toMatchObject({ name: 'llama-3', exact: true });
    // "Hello world!" is [9906, 1917, 0] in Llama 3's vocabulary.
    expect(llama.count('Hello world!')).toBe(3);
    expect(llama.count('')).toBe(0);
    expect(llama.count('\n')).toBe(1);
    // Control characters, a lone surrogate and emoji are counted, not thrown on.
    expect(llama.count('\u0000\ud800 🙂 日本語')).toBeGreaterThan(0);
    expect(await loadTokenCounter('llama-3')).toBe(llama);
  });

  it('estimates one token per 4 characters, rounded up', async () => {
    const estimate = await loadTokenCounter('estimate');
    expect(estimate).toMatchObject({ name: 'estimate', exact: false });
    expect(estimate.count('Hello world!')).toBe(3);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('')).toBe(0);
  });

  it('defaults the tokenizer option to llama-3 and refuses others', () => {
    expect(tokenizerOptionSchema.parse(undefined)).toBe('llama-3');
    expect(tokenizerOptionSchema.safeParse('gpt-4').success).toBe(false);
  });
});
