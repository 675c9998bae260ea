import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { loadTokenCounter } from '../tokenizer/token-counter';
import { tideDocument } from '../test-support/sample-texts';
import { segmentTargets } from './segment-targets';
import { resolveSegmentSettings, segmentsTask } from './segments-task';

/** A line of `tokens` estimated tokens (4 characters each). */
const line = (letter: string, tokens: number) => letter.repeat(tokens * 4);

const optionIssues = (options: unknown) => {
  const result = segmentsTask.options.safeParse(options);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('nemotron-cc:segments', () => {
  it('works out max_segment_tokens from the target task\'s budget minus its prompt\'s tokens minus 2', () => {
    const settings = (options: object) => resolveSegmentSettings(segmentsTask.options.parse(options));
    expect(settings({ target_task: 'rephrase' })).toEqual({ tokenizer: 'llama-3', minDocumentTokens: 30, maxSegmentTokens: 512 - 127 - 2, minSegmentTokens: 10 });
    expect(settings({ target_task: 'diverse-qa' })).toMatchObject({ maxSegmentTokens: 1000 - 190 - 2, minSegmentTokens: 30 });
    expect(settings({ target_task: 'distill', max_input_tokens: 4000 })).toMatchObject({ maxSegmentTokens: 4000 - 143 - 2, minSegmentTokens: 10 });
    expect(settings({ target_task: 'knowledge-list', min_segment_tokens: 5, min_document_tokens: 0 })).toMatchObject({
      maxSegmentTokens: 1000 - 96 - 2,
      minSegmentTokens: 5,
      minDocumentTokens: 0,
    });
    expect(settings({ max_segment_tokens: 300 })).toEqual({ tokenizer: 'llama-3', minDocumentTokens: 30, maxSegmentTokens: 300, minSegmentTokens: 10 });
    expect(settings({ target_task: 'extract-knowledge', tokenizer: 'estimate' }).maxSegmentTokens).toBeLessThan(segmentTargets['extract-knowledge'].maxInputTokens);
  });

  it('says what is missing or contradictory in its options when the recipe is validated', () => {
    expect(optionIssues({})).toEqual([
      'target_task: give target_task (one of rephrase, diverse-qa, distill, extract-knowledge, knowledge-list), the task the segments are for, or max_segment_tokens, the longest segment in tokens.',
    ]);
    expect(optionIssues({ max_input_tokens: 800 })).toEqual([
      "max_input_tokens: max_input_tokens needs target_task, whose prompt's tokens are taken from it; or give max_segment_tokens instead.",
    ]);
    expect(optionIssues({ target_task: 'distill', max_input_tokens: 800, max_segment_tokens: 500 })[0]).toMatch(/^max_input_tokens: give max_input_tokens \(with target_task\) or max_segment_tokens, not both/);
    expect(optionIssues({ target_task: 'distill', max_input_tokens: 100 })).toEqual([
      'max_input_tokens: 100 tokens leave no room for a segment: the distill prompt takes 143 tokens (llama-3) and 2 are kept free. Give at least 155.',
    ]);
    expect(optionIssues({ max_segment_tokens: 20, min_segment_tokens: 30 })).toEqual([
      'min_segment_tokens: min_segment_tokens 30 is more than max_segment_tokens 20, so no segment could be kept.',
    ]);
    expect(optionIssues({ target_task: 'summarise' })[0]).toMatch(/^target_task: /);
    expect(optionIssues({ target_task: 'distill', max_segments: 3 })).not.toEqual([]);
  });

  it('joins consecutive lines greedily up to max_segment_tokens, dropping lines too long to fit', async () => {
    const text = [line('a', 10), line('b', 10), line('c', 20), line('d', 50), line('e', 2)].join('\n');
    const { records, rejections } = await runTask(segmentsTask, {
      options: { max_segment_tokens: 30, min_segment_tokens: 5, tokenizer: 'estimate' },
      input: { text },
      models: {},
    });
    expect(rejections).toEqual([]);
    // a + b: 10 + 1 + 10 = 21; c would make 42. c + e: 20 + 1 + 2 = 23 (d, 50 tokens, is dropped).
    expect(records).toEqual([
      { text: `${line('a', 10)}\n${line('b', 10)}`, segment_index: 0, segment_tokens: 21 },
      { text: `${line('c', 20)}\n${line('e', 2)}`, segment_index: 1, segment_tokens: 23 },
    ]);
  });

  it('drops segments under min_segment_tokens and blank ones, numbering the kept ones in order', async () => {
    const text = [line('a', 25), '', '', line('b', 3), line('c', 28), '\n\n\n\n\n\n\n\n\n\n\n\n'].join('\n');
    const { records } = await runTask(segmentsTask, {
      options: { max_segment_tokens: 30, min_segment_tokens: 8, min_document_tokens: 0, tokenizer: 'estimate' },
      input: { text },
      models: {},
    });
    // a with the two empty lines and b: 25 + 1 + 0 + 1 + 0 + 1 + 3 = 31 > 30, so [a, '', ''] (27) and [b] (3, too short);
    // c and two of the empty lines after it (30); the other empty lines make a blank segment, dropped.
    expect(records).toEqual([
      { text: `${line('a', 25)}\n\n`, segment_index: 0, segment_tokens: 27 },
      { text: `${line('c', 28)}\n\n`, segment_index: 1, segment_tokens: 30 },
    ]);
  });

  it('reads the document from input_field and writes each segment back to that field', async () => {
    const text = [line('a', 10), line('b', 30)].join('\n');
    const { records } = await runTask(segmentsTask, {
      options: { max_segment_tokens: 30, min_document_tokens: 0, tokenizer: 'estimate', input_field: 'raw_content' },
      input: { raw_content: text, url: 'https://tides.example' },
      models: {},
    });
    expect(records).toEqual([
      { raw_content: line('a', 10), segment_index: 0, segment_tokens: 10 },
      { raw_content: line('b', 30), segment_index: 1, segment_tokens: 30 },
    ]);
    expect(optionIssues({ max_segment_tokens: 30, input_field: 'segment_index' })).toEqual([
      'input_field: input_field cannot be segment_index, a field the task writes itself; name the field that holds the document.',
    ]);
  });

  it('rejects a document under min_document_tokens, and one that leaves no segment, with the reason', async () => {
    const short = await runTask(segmentsTask, { options: { target_task: 'rephrase' }, input: { text: 'Tides rise and fall twice a day.' }, models: {} });
    expect(short.records).toEqual([]);
    expect(short.rejections).toEqual([
      { reason: 'document too short: 9 tokens (llama-3), fewer than min_document_tokens 30', details: { tokens: 9, min_document_tokens: 30, tokenizer: 'llama-3' } },
    ]);
    const oneLongLine = await runTask(segmentsTask, {
      options: { max_segment_tokens: 20, tokenizer: 'estimate' },
      input: { text: line('x', 40) },
      models: {},
    });
    expect(oneLongLine.rejections).toEqual([
      {
        reason: 'no segment left: every line is longer than max_segment_tokens 20 or falls in a segment shorter than min_segment_tokens 10',
        details: { lines: 1, lines_too_long: 1, max_segment_tokens: 20, min_segment_tokens: 10, tokenizer: 'estimate' },
      },
    ]);
  });

  it('cuts a long document into segments within the target\'s budget, counted with the Llama 3 tokenizer', async () => {
    const document = Array.from({ length: 12 }, () => tideDocument).join('\n');
    const { records } = await runTask(segmentsTask, { options: { target_task: 'rephrase' }, input: { text: document }, models: {} });
    const llama = await loadTokenCounter('llama-3');
    expect(records.length).toBeGreaterThan(2);
    expect(records.map((record) => record.segment_index)).toEqual(records.map((_, index) => index));
    for (const record of records) {
      expect(record.segment_tokens).toBeLessThanOrEqual(383);
      expect(record.segment_tokens).toBeGreaterThanOrEqual(10);
      // The budget counts each line alone plus one token per line break; the whole segment has no more
      // (".\n" is a single Llama 3 token).
      expect(llama.count(record.text!)).toBeLessThanOrEqual(record.segment_tokens);
    }
    // No line is lost: the segments are the document's lines, in order.
    expect(records.map((record) => record.text).join('\n')).toBe(document);
  });
});
