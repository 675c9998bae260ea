import { joinGreedily, type GreedyJoinGroup } from '@synthkit/text-processing';
import type { AnswerRejection } from '../post-processing/post-process-answer';
import type { TokenCounter } from '../tokenizer/token-counter';
import type { SegmentSettings } from './segments-task';

/** The segments {@link splitDocument} cut a document into, or why it cut none. */
export type SplitDocumentResult = { readonly segments: GreedyJoinGroup[] } | { readonly rejection: AnswerRejection };

/**
 * Cuts a document into segments that fit a budget, as NeMo Curator's Nemotron-CC pre-processing
 * does (`nemotron-cc:segments` and `nemotron-cc:rephrase-document` both cut with it):
 *
 * 1. a document shorter than `minDocumentTokens` gives no segment;
 * 2. it is split into lines, and lines longer than `maxSegmentTokens` are dropped;
 * 3. consecutive lines are joined greedily (with their line breaks) while the segment stays within
 *    `maxSegmentTokens`, counting each line break as one token;
 * 4. segments shorter than `minSegmentTokens`, and blank ones, are dropped.
 *
 * Each segment's `length` is what the budget was checked against: NeMo's sum of the lines' tokens
 * plus one per line break. The segment counted whole is usually a few tokens shorter (`.\n` is one
 * Llama 3 token).
 *
 * @returns the segments in document order, or the reason (and figures) when none is left.
 */
export function splitDocument(document: string, settings: SegmentSettings, counter: TokenCounter): SplitDocumentResult {
  const documentTokens = counter.count(document);
  if (documentTokens < settings.minDocumentTokens) {
    return {
      rejection: {
        reason: `document too short: ${documentTokens} tokens (${counter.name}), fewer than min_document_tokens ${settings.minDocumentTokens}`,
        details: { tokens: documentTokens, min_document_tokens: settings.minDocumentTokens, tokenizer: counter.name },
      },
    };
  }
  const lines = document.split('\n').map((line) => ({ text: line, length: counter.count(line) }));
  const fitting = lines.filter((line) => line.length <= settings.maxSegmentTokens);
  const segments = joinGreedily(fitting, { maxLength: settings.maxSegmentTokens, separator: '\n', separatorLength: 1 }).filter(
    (segment) => segment.length >= settings.minSegmentTokens && segment.text.trim() !== '',
  );
  if (segments.length > 0) return { segments };
  return {
    rejection: {
      reason: `no segment left: every line is longer than max_segment_tokens ${settings.maxSegmentTokens} or falls in a segment shorter than min_segment_tokens ${settings.minSegmentTokens}`,
      details: {
        lines: lines.length,
        lines_too_long: lines.length - fitting.length,
        max_segment_tokens: settings.maxSegmentTokens,
        min_segment_tokens: settings.minSegmentTokens,
        tokenizer: counter.name,
      },
    },
  };
}
