import { createSeededRandom } from '@synthkit/runtime';
import { describe, expect, it } from 'vitest';
import { diverseQAHeader, postProcessDiverseQA } from './post-process-diverse-qa';

// A random source whose draws keep the order (Fisher–Yates swaps each item with itself) and pick the
// largest allowed count: NeMo's tests patch `shuffle` to do nothing and `randint` to return its upper bound.
const keepOrderTakeMost = () => 0.999_999;

const twoPairs = [diverseQAHeader, '- Question: What is this?', 'Answer: It is a test.', '- Question: How does it work?', 'Answer: By magic.'].join('\n');
const fourPairs = [diverseQAHeader, '- Question: Q1?', 'Answer: A1.', '- Question: Q2?', 'Answer: A2.', '- Question: Q3?', 'Answer: A3.', '- Question: Q4?', 'Answer: A4.'].join(
  '\n',
);

describe('postProcessDiverseQA', () => {
  it('drops the header and the bullets, pairs each question with its answer and writes them after the document', () => {
    expect(postProcessDiverseQA('Document text', twoPairs, { documentTokens: 150, maxNumPairs: 2, random: keepOrderTakeMost })).toEqual({
      text: 'Document text\n\nQuestion: What is this?\nAnswer: It is a test.\n\nQuestion: How does it work?\nAnswer: By magic.',
    });
  });

  it('keeps one pair for a short document: the bound is max(1, floor(max_num_pairs × tokens / 150))', () => {
    // 2 tokens × 2 pairs / 150 is 0, so the bound is 1.
    expect(postProcessDiverseQA('Document text', twoPairs, { documentTokens: 2, maxNumPairs: 2, random: keepOrderTakeMost })).toEqual({
      text: 'Document text\n\nQuestion: What is this?\nAnswer: It is a test.',
    });
  });

  it('keeps at most the bound, from the shuffled pairs (the first two when the shuffle keeps the order)', () => {
    expect(postProcessDiverseQA('DOC', fourPairs, { documentTokens: 150, maxNumPairs: 2, random: keepOrderTakeMost })).toEqual({
      text: 'DOC\n\nQuestion: Q1?\nAnswer: A1.\n\nQuestion: Q2?\nAnswer: A2.',
    });
  });

  it('keeps pairs written on one line each, as the prompt asks, and lines of an answer that runs on', () => {
    const answer = `${diverseQAHeader}\n- Question: Is the sea salty? Answer: Yes.\n- Question: Why? Answer: Rivers carry minerals\ninto it over time.`;
    expect(postProcessDiverseQA('DOC', answer, { documentTokens: 1500, maxNumPairs: 1, random: keepOrderTakeMost })).toEqual({
      text: 'DOC\n\nQuestion: Is the sea salty? Answer: Yes.\n\nQuestion: Why? Answer: Rivers carry minerals\ninto it over time.',
    });
  });

  it('rejects an answer that begins with an answer, an empty answer, one without questions, and a header alone', () => {
    const settings = { documentTokens: 150, maxNumPairs: 2, random: keepOrderTakeMost };
    expect(postProcessDiverseQA('Doc', `${diverseQAHeader}\n- Answer: Missing question.`, settings)).toEqual({
      rejection: {
        reason: 'no question-answer pairs: a line comes before the first line beginning with "Question:"',
        details: { line: 'Answer: Missing question.' },
      },
    });
    expect(postProcessDiverseQA('Doc', '', settings)).toEqual({ rejection: { reason: 'no question-answer pairs: the answer is empty' } });
    expect(postProcessDiverseQA('Doc', ' \n\n ', settings)).toEqual({ rejection: { reason: 'no question-answer pairs: the answer is empty' } });
    expect('rejection' in postProcessDiverseQA('Doc', `${diverseQAHeader}\n- Just text\n- More text without questions`, settings)).toBe(true);
    expect(postProcessDiverseQA('Doc', diverseQAHeader, settings)).toEqual({
      rejection: { reason: 'no question-answer pairs: the answer holds the header line and nothing else' },
    });
  });

  it('uses a header of its own, and keeps a first line that is not the header as an error', () => {
    const answer = 'Questions:\n- Question: Q? Answer: A.';
    expect(postProcessDiverseQA('D', answer, { documentTokens: 150, maxNumPairs: 1, random: keepOrderTakeMost, header: 'Questions:' })).toEqual({
      text: 'D\n\nQuestion: Q? Answer: A.',
    });
    expect('rejection' in postProcessDiverseQA('D', answer, { documentTokens: 150, maxNumPairs: 1, random: keepOrderTakeMost })).toBe(true);
  });

  it('draws the same pairs for the same seed, and different selections across seeds', () => {
    const eight = [diverseQAHeader, ...Array.from({ length: 8 }, (_, index) => `- Question: Q${index}? Answer: A${index}.`)].join('\n');
    const pick = (seed: string) => postProcessDiverseQA('DOC', eight, { documentTokens: 600, maxNumPairs: 1, random: createSeededRandom(0, seed) });
    expect(pick('record-1')).toEqual(pick('record-1'));
    const outputs = new Set(Array.from({ length: 20 }, (_, index) => JSON.stringify(pick(`record-${index}`))));
    expect(outputs.size).toBeGreaterThan(10);
    for (const output of outputs) {
      const { text } = JSON.parse(output) as { text: string };
      const kept = text.split('\n\n').slice(1);
      // 600 tokens × 1 / 150 = 4: one to four distinct pairs of the eight.
      expect(kept.length).toBeGreaterThanOrEqual(1);
      expect(kept.length).toBeLessThanOrEqual(4);
      expect(new Set(kept).size).toBe(kept.length);
      for (const pair of kept) expect(pair).toMatch(/^Question: Q(\d)\? Answer: A\1\.$/);
    }
  });
});
