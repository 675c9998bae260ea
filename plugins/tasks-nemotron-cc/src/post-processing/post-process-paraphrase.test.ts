import { describe, expect, it } from 'vitest';
import { postProcessParaphrase } from './post-process-paraphrase';

const prefix = 'Here is a paraphrased version:';

describe('postProcessParaphrase', () => {
  it('drops the prefix and the quotes around the text, trimming it', () => {
    expect(postProcessParaphrase(`${prefix}\n\n"The tide rises twice a day."\n`, { prefix, removeQuotes: true })).toEqual({
      text: 'The tide rises twice a day.',
    });
  });

  it('tolerates white space before the prefix', () => {
    expect(postProcessParaphrase(`\n  ${prefix} Tides.`, { prefix, removeQuotes: true })).toEqual({ text: 'Tides.' });
  });

  it('rejects an answer that does not begin with the prefix, even when it holds it later', () => {
    expect(postProcessParaphrase(`Sure! ${prefix} Tides.`, { prefix, removeQuotes: true })).toEqual({
      rejection: {
        reason: 'missing prefix: the answer does not begin with "Here is a paraphrased version:"',
        details: { prefix, answer_start: `Sure! ${prefix} Tides.` },
      },
    });
  });

  it('keeps every answer whole without a prefix, and the quotes when asked to', () => {
    expect(postProcessParaphrase('  "Quoted."  ', { prefix: null, removeQuotes: false })).toEqual({ text: '"Quoted."' });
    expect(postProcessParaphrase('  "Quoted."  ', { prefix: null, removeQuotes: true })).toEqual({ text: 'Quoted.' });
  });

  it('keeps quotes that belong to a quoted first line', () => {
    expect(postProcessParaphrase(`${prefix} "Tides"\nThey rise and "fall"`, { prefix, removeQuotes: true })).toEqual({
      text: '"Tides"\nThey rise and "fall"',
    });
    // A first line that does not end with a quote: the quotes are taken to surround the whole text.
    expect(postProcessParaphrase(`${prefix} "Tides," he said.\nThey "rise."`, { prefix, removeQuotes: true })).toEqual({
      text: 'Tides," he said.\nThey "rise.',
    });
  });
});
