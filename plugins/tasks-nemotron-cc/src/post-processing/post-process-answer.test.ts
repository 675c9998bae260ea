import { describe, expect, it } from 'vitest';
import type { RewriteOptions } from '../options/rewrite-options-shape';
import { loadTokenCounter } from '../tokenizer/token-counter';
import { postProcessAnswer } from './post-process-answer';

const options: RewriteOptions = { input_field: 'text', tokenizer: 'estimate', remove_markdown: true, max_answer_tokens: 10, min_output_tokens: 2 };
const identity = (text: string) => ({ text });

describe('postProcessAnswer', () => {
  it('rejects an answer over max_answer_tokens before anything else, as cut off', async () => {
    const counter = await loadTokenCounter('estimate');
    expect(postProcessAnswer('x'.repeat(41), { options, counter, transform: identity })).toEqual({
      rejection: {
        reason: 'answer too long: 11 tokens (estimate), more than max_answer_tokens 10; it was probably cut off at max_tokens',
        details: { tokens: 11, max_answer_tokens: 10, tokenizer: 'estimate' },
      },
    });
    expect(postProcessAnswer('x'.repeat(41), { options: { ...options, max_answer_tokens: null }, counter, transform: identity })).toEqual({
      text: 'x'.repeat(41),
    });
  });

  it('removes markdown before the task\'s steps, unless remove_markdown is off', async () => {
    const counter = await loadTokenCounter('estimate');
    const seen: string[] = [];
    const transform = (text: string) => {
      seen.push(text);
      return { text };
    };
    postProcessAnswer('**Bold** words here', { options, counter, transform });
    postProcessAnswer('**Bold** words here', { options: { ...options, remove_markdown: false }, counter, transform });
    expect(seen).toEqual(['Bold words here', '**Bold** words here']);
  });

  it('passes on the task\'s rejection, and rejects an empty or too short output', async () => {
    const counter = await loadTokenCounter('estimate');
    const rejection = { rejection: { reason: 'missing prefix: x' } };
    expect(postProcessAnswer('answer text', { options, counter, transform: () => rejection })).toBe(rejection);
    expect(postProcessAnswer('answer text', { options, counter, transform: () => ({ text: ' \n ' }) })).toEqual({
      rejection: { reason: 'empty output: nothing is left of the answer after post-processing' },
    });
    expect(postProcessAnswer('answer text', { options: { ...options, min_output_tokens: 0 }, counter, transform: () => ({ text: '' }) })).toEqual({
      rejection: { reason: 'empty output: nothing is left of the answer after post-processing' },
    });
    expect(postProcessAnswer('abc', { options, counter, transform: identity })).toEqual({
      rejection: {
        reason: 'output too short: 1 tokens (estimate), fewer than min_output_tokens 2',
        details: { tokens: 1, min_output_tokens: 2, tokenizer: 'estimate' },
      },
    });
  });
});
