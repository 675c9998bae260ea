import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean';

describe('didYouMean', () => {
  it('suggests the closest name within a third of the length (at least 2 edits), ignoring case', () => {
    expect(didYouMean('n_subtopic', ['n_subtopics', 'n_macro_topics'])).toBe(' Did you mean "n_subtopics"?');
    expect(didYouMean('nemotron:macro-topicz', ['nemotron:macro-topics', 'nemotron:subtopics'])).toBe(' Did you mean "nemotron:macro-topics"?');
    expect(didYouMean('Stages', ['stages', 'seed'])).toBe(' Did you mean "stages"?');
    expect(didYouMean('genrator', ['generator', 'converter'])).toBe(' Did you mean "generator"?');
  });

  it('suggests nothing far off, nothing from no candidates, and never the name itself', () => {
    expect(didYouMean('model', ['seed', 'stages'])).toBe('');
    expect(didYouMean('anything', [])).toBe('');
    expect(didYouMean('seed', ['seed'])).toBe('');
  });
});
