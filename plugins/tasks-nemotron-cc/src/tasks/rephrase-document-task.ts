import { defineTask, type JsonRecord } from '@synthkit/core';
import { z } from 'zod';
import { nemotronCCGenerationDefaults } from '../options/nemotron-cc-generation-defaults';
import { paraphraseOptionsShape } from '../options/paraphrase-options-shape';
import { rewriteOptionsShape } from '../options/rewrite-options-shape';
import { postProcessAnswer, type PostProcessResult } from '../post-processing/post-process-answer';
import { postProcessParaphrase } from '../post-processing/post-process-paraphrase';
import { loadTokenCounter } from '../tokenizer/token-counter';
import { documentRecordSchema, readDocument } from './document-record';
import { rephrasePrefix, rephraseTask } from './rephrase-task';
import { resolveSegmentSettings, segmentsTask, type SegmentsOptions } from './segments-task';
import { splitDocument } from './split-document';

const rephraseDocumentOptionsSchema = z
  .object({
    ...rewriteOptionsShape({ maxAnswerTokens: 510, minOutputTokens: 50 }),
    ...paraphraseOptionsShape(rephrasePrefix, 'rephrased segment'),
    max_input_tokens: z
      .int()
      .min(1)
      .optional()
      .meta({
        description: 'The input budget of one rephrasing request in tokens, prompt and segment together; the segments are cut to fit it.',
        defaultDescription: '512, NeMo Curator\'s for rephrasing',
      }),
    max_segment_tokens: z
      .int()
      .min(1)
      .optional()
      .meta({
        description: 'The longest segment, in tokens; give it instead of max_input_tokens when you replace the rephrase template. Lines longer than it are dropped.',
        defaultDescription: 'max_input_tokens minus the rephrase prompt\'s tokens minus 2: 383 with llama-3',
      }),
    min_document_tokens: z.int().min(0).default(30).describe('Reject documents shorter than this many tokens.'),
    min_segment_tokens: z.int().min(0).default(10).describe('Drop segments shorter than this many tokens before rephrasing.'),
  })
  .strict()
  .superRefine((options, context) => {
    // The segment budget is checked by nemotron-cc:segments' own schema, so both say the same.
    const result = segmentsTask.options.safeParse(segmentsOptionsOf(options));
    for (const issue of result.success ? [] : result.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });

/** Options of `nemotron-cc:rephrase-document`, with defaults applied. */
export type RephraseDocumentOptions = z.output<typeof rephraseDocumentOptionsSchema>;

const droppedSegmentSchema = z.object({ segment_index: z.int().min(0), reason: z.string() }).strict();

const rephraseDocumentOutputSchema = z
  .object({
    rephrased: z.string().min(1),
    segments: z.int().min(1),
    segments_rephrased: z.int().min(1),
    dropped_segments: z.array(droppedSegmentSchema).optional(),
  })
  .strict();

/** The rephrased document, with how many segments it was cut into and how many of them made it. */
export type RephraseDocumentOutput = z.output<typeof rephraseDocumentOutputSchema>;

/**
 * `nemotron-cc:rephrase-document`: rephrases a whole document in the style of an encyclopedia
 * article, as NeMo Curator's Nemotron-CC low-quality pipeline does across its stages, in one
 * record's run:
 *
 * 1. the document (`input_field`, `text` by default) is cut into segments exactly as
 *    `nemotron-cc:segments` cuts for `target_task: rephrase` (383 Llama 3 tokens by default);
 * 2. every segment is rephrased with the `rephrase` template, one request each, all sent at once
 *    (the engine's window bounds them);
 * 3. each answer gets `nemotron-cc:rephrase`'s post-processing (answer length, markdown, prefix,
 *    quotes) except the minimum length; an answer that fails it drops its segment, as NeMo drops the
 *    row before joining, and the segment's index and reason go to `dropped_segments`;
 * 4. the surviving segments are joined with "\n" in document order, and the joined text must have
 *    `min_output_tokens` (50) tokens.
 *
 * A document too short to cut, one whose segments all fail, and one whose joined text is too short
 * are rejected with the reason. One record per document: `rephrased`, `segments` (how many were
 * sent) and `segments_rephrased` (how many are in `rephrased`).
 */
export const rephraseDocumentTask = defineTask({
  description:
    'Rephrases each whole text in an encyclopedic style, segment by segment within the rephrase budget, and joins the segments back; writes rephrased.',
  options: rephraseDocumentOptionsSchema,
  input: documentRecordSchema,
  output: rephraseDocumentOutputSchema,
  models: { generator: 'Rewrites each segment of the text in an encyclopedic style.' },
  templates: { rephrase: rephraseTask.templates.rephrase },
  fields: (options) => ({ reads: [options.input_field] }),
  async run(input, context) {
    const { options } = context;
    const document = readDocument(input, options.input_field);
    const settings = resolveSegmentSettings(segmentsOptionsOf(options));
    const counter = await loadTokenCounter(options.tokenizer);
    const split = splitDocument(document, settings, counter);
    if ('rejection' in split) {
      context.reject(split.rejection.reason, split.rejection.details);
      return [];
    }
    // Each segment's answer gets rephrase's steps; the minimum length applies to the joined document only.
    const segmentSettings = { options: { ...options, min_output_tokens: 0 }, counter };
    const paraphrase = { prefix: options.answer_prefix, removeQuotes: options.remove_quotes };
    const results = await Promise.all(
      split.segments.map(async (segment): Promise<PostProcessResult> => {
        const { text } = await context.generate({
          role: 'generator',
          template: 'rephrase',
          variables: { document: segment.text },
          defaults: nemotronCCGenerationDefaults(512),
        });
        return postProcessAnswer(text, { ...segmentSettings, transform: (answer) => postProcessParaphrase(answer, paraphrase) });
      }),
    );
    const kept = results.flatMap((result) => ('text' in result ? [result.text] : []));
    const dropped = results.flatMap((result, index) => ('rejection' in result ? [{ segment_index: index, reason: result.rejection.reason }] : []));
    if (kept.length === 0) {
      context.reject(`no segment rephrased: the answers for all ${results.length} segments failed post-processing (first: ${dropped[0]?.reason})`, {
        segments: results.length,
        dropped_segments: dropped,
      });
      return [];
    }
    // The joined text is checked as a whole: not empty, at least min_output_tokens tokens.
    const joined = postProcessAnswer(kept.join('\n'), {
      options: { ...options, max_answer_tokens: null, remove_markdown: false },
      counter,
      transform: (text) => ({ text }),
    });
    if ('rejection' in joined) {
      const details: JsonRecord = { ...joined.rejection.details, segments: results.length, segments_rephrased: kept.length, dropped_segments: dropped };
      context.reject(joined.rejection.reason, details);
      return [];
    }
    const output: RephraseDocumentOutput = { rephrased: joined.text, segments: results.length, segments_rephrased: kept.length };
    return [dropped.length === 0 ? output : { ...output, dropped_segments: dropped }];
  },
});

// --- Internal helpers ---

/** The options `nemotron-cc:segments` would need to cut the documents the way this task does. */
function segmentsOptionsOf(
  options: Pick<RephraseDocumentOptions, 'max_input_tokens' | 'max_segment_tokens' | 'min_document_tokens' | 'min_segment_tokens' | 'tokenizer' | 'input_field'>,
): SegmentsOptions {
  return {
    target_task: 'rephrase',
    ...(options.max_input_tokens === undefined ? {} : { max_input_tokens: options.max_input_tokens }),
    ...(options.max_segment_tokens === undefined ? {} : { max_segment_tokens: options.max_segment_tokens }),
    min_document_tokens: options.min_document_tokens,
    min_segment_tokens: options.min_segment_tokens,
    tokenizer: options.tokenizer,
    input_field: options.input_field,
  };
}
