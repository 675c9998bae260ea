import { describe, expect, it } from 'vitest';
import { issueSentence } from './issue-sentence';

describe('issueSentence', () => {
  it('starts with the path, ends with one full stop, and sets an unknown key apart with a colon', () => {
    expect(issueSentence({ path: 'maxRetries', message: 'must be a whole number, got 1.5' })).toBe('maxRetries must be a whole number, got 1.5.');
    expect(issueSentence({ path: 'mode', message: 'must be "fast", got the text "fsat". Did you mean "fast"?' })).toBe(
      'mode must be "fast", got the text "fsat". Did you mean "fast"?',
    );
    expect(issueSentence({ path: 'retry', message: 'unknown key "limt". Valid keys: limit.' })).toBe('retry: unknown key "limt". Valid keys: limit.');
    expect(issueSentence({ path: '', message: 'unknown key "x". Valid keys: none.' })).toBe('unknown key "x". Valid keys: none.');
  });
});
