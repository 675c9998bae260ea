import { describe, expect, it } from 'vitest';
import { APICallError } from './api-call-error';
import { InvalidRecipeError } from './invalid-recipe-error';
import { NoSuchItemError } from './no-such-item-error';
import { SynthkitError } from './synthkit-error';
import { formatIssuePath } from './validation-issue';

describe('errors', () => {
  it('are recognised by marker, also when the class comes from another copy of the package', () => {
    const error = new APICallError({ message: 'rate limited', statusCode: 429 });
    expect(APICallError.isInstance(error)).toBe(true);
    expect(SynthkitError.isInstance(error)).toBe(true);
    expect(NoSuchItemError.isInstance(error)).toBe(false);
    // A structurally foreign object carrying the global marker (what a second copy creates).
    const foreign = { [Symbol.for('synthkit.error')]: true, [Symbol.for('synthkit.error.SYNTHKIT_APICallError')]: true };
    expect(APICallError.isInstance(foreign)).toBe(true);
    expect(APICallError.isInstance(new Error('plain'))).toBe(false);
    expect(APICallError.isInstance(null)).toBe(false);
  });

  it('decide retryability from the status', () => {
    const retryable = (statusCode?: number) => new APICallError({ message: 'x', ...(statusCode == null ? {} : { statusCode }) }).isRetryable;
    expect([408, 409, 429, 500, 503].map(retryable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 404, 422].map(retryable)).toEqual([false, false, false, false]);
    expect(retryable(undefined)).toBe(true);
    expect(new APICallError({ message: 'x', statusCode: 500, isRetryable: false }).isRetryable).toBe(false);
  });

  it('format recipe paths the way users see them', () => {
    expect(formatIssuePath(['stages', 2, 'options', 'n_subtopics'])).toBe('stages[2].options.n_subtopics');
    expect(formatIssuePath(['models', 'my model'])).toBe('models["my model"]');
    expect(formatIssuePath([])).toBe('');
    expect(formatIssuePath(['--model'])).toBe('--model');
    expect(formatIssuePath(['models', '--model'])).toBe('models["--model"]');
    const error = new InvalidRecipeError({ source: 'r.yaml', issues: [{ path: 'stages[0].task', message: 'unknown' }] });
    expect(error.message).toBe('Recipe r.yaml is invalid (1 problem):\n  - stages[0].task: unknown');
  });

  it('suggest what exists', () => {
    const error = new NoSuchItemError({ kind: 'task', reference: 'nemotron:subtopic', available: ['nemotron:subtopics'] });
    expect(error.message).toBe('Unknown task "nemotron:subtopic". Available tasks: nemotron:subtopics.');
  });
});
