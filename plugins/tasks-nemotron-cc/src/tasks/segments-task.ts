import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { loadTokenCounter, tokenizerOptionSchema, type TokenizerName } from '../tokenizer/token-counter';
import { inputFieldOptionSchema } from '../options/input-field-option-schema';
import { documentRecordSchema, readDocument } from './document-record';
import { splitDocument } from './split-document';
import { segmentTargetNames, segmentTargets, targetPromptTokens, type SegmentTargetName } from './segment-targets';

/** Documents shorter than this many tokens are dropped, in every NeMo Curator Nemotron-CC recipe. */
const defaultMinDocumentTokens = 30;

/** The shortest segment kept when no target task says otherwise (NeMo's smallest, rephrase's and distill's). */
const defaultMinSegmentTokens = 10;

/** What NeMo's recipes keep free besides the prompt and the segment. */
const budgetMargin = 2;

const segmentsOptionsSchema = z
  .object({
    target_task: z
      .enum(segmentTargetNames)
      .optional()
      .describe(
        'The nemotron-cc task the segments are for: its input budget and prompt set max_segment_tokens, and its shortest segment min_segment_tokens.',
      ),
    max_input_tokens: z
      .int()
      .min(1)
      .optional()
      .meta({
        description: "The target task's input budget in tokens, prompt and segment together.",
        defaultDescription: "the target task's: 512 rephrase, 1000 diverse-qa and knowledge-list, 2000 distill, 1400 extract-knowledge",
      }),
    max_segment_tokens: z
      .int()
      .min(1)
      .optional()
      .meta({
        description: "The longest segment, in tokens; give it instead of target_task when the target's prompt is not the default one. Lines longer than it are dropped.",
        defaultDescription: "max_input_tokens minus the target task's prompt tokens minus 2",
      }),
    min_document_tokens: z.int().min(0).default(defaultMinDocumentTokens).describe('Drop documents shorter than this many tokens.'),
    min_segment_tokens: z
      .int()
      .min(0)
      .optional()
      .meta({
        description: 'Drop segments shorter than this many tokens.',
        defaultDescription: "the target task's: 10 rephrase and distill, 30 the others; 10 without a target",
      }),
    tokenizer: tokenizerOptionSchema,
    input_field: inputFieldOptionSchema,
  })
  .strict()
  .superRefine((options, context) => {
    const problem = segmentSettingsProblem(options);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem.message, path: [problem.option] });
  });

/** Options of `nemotron-cc:segments`, with defaults applied. */
export type SegmentsOptions = z.output<typeof segmentsOptionsSchema>;

// The segment's text goes to the field `input_field` names (`text` by default), so it is not a fixed key.
const segmentsOutputSchema = z
  .object({
    segment_index: z.int().min(0),
    segment_tokens: z.int().min(0),
  })
  .catchall(z.string());

/** One segment of a document: its text (in the document's field, replacing the document), position and length. */
export type SegmentsOutput = z.output<typeof segmentsOutputSchema>;

/** The limits `nemotron-cc:segments` cuts with, worked out from its options. */
export interface SegmentSettings {
  readonly tokenizer: TokenizerName;
  readonly minDocumentTokens: number;
  readonly maxSegmentTokens: number;
  readonly minSegmentTokens: number;
}

/**
 * The limits of `nemotron-cc:segments` for options that passed the schema: `max_segment_tokens`
 * as given, or `max_input_tokens` (the target's budget by default) minus the target's prompt tokens
 * minus 2; `min_segment_tokens` as given, or the target's.
 *
 * @throws Error when the options give neither a target task nor max_segment_tokens (the schema refuses those).
 */
export function resolveSegmentSettings(options: SegmentsOptions): SegmentSettings {
  const { target_task: targetName } = options;
  const target = targetName === undefined ? undefined : segmentTargets[targetName];
  let maxSegmentTokens = options.max_segment_tokens;
  if (maxSegmentTokens === undefined && targetName !== undefined && target !== undefined) {
    maxSegmentTokens = (options.max_input_tokens ?? target.maxInputTokens) - targetPromptTokens(targetName, options.tokenizer) - budgetMargin;
  }
  if (maxSegmentTokens === undefined) {
    throw new Error('nemotron-cc:segments needs the option target_task or max_segment_tokens; parse the options with the task\'s schema, which says so.');
  }
  return {
    tokenizer: options.tokenizer,
    minDocumentTokens: options.min_document_tokens,
    maxSegmentTokens,
    minSegmentTokens: options.min_segment_tokens ?? target?.minSegmentTokens ?? defaultMinSegmentTokens,
  };
}

/**
 * `nemotron-cc:segments`: cuts each document (the field `input_field`, `text` by default) into segments that fit a rewriting task's
 * input budget, as NeMo Curator's Nemotron-CC pre-processing does, with no model:
 *
 * 1. a document shorter than `min_document_tokens` is rejected;
 * 2. it is split into lines, and lines longer than `max_segment_tokens` are dropped;
 * 3. consecutive lines are joined greedily (with their line breaks) while the segment stays within
 *    `max_segment_tokens`, counting each line break as one token;
 * 4. segments shorter than `min_segment_tokens`, and blank ones, are dropped.
 *
 * It emits one `{ text, segment_index, segment_tokens }` record per segment (the segment in
 * `input_field`), merged over the document's record: the document is replaced by the segment,
 * every other field (an `id`...) is kept,
 * and `_meta.parent` links the segment to its document. A document left without a segment is
 * rejected with the reason.
 */
export const segmentsTask = defineTask({
  description: 'Cuts each text into segments that fit a nemotron-cc task\'s input budget (no model); one { text, segment_index, segment_tokens } record each.',
  options: segmentsOptionsSchema,
  input: documentRecordSchema,
  output: segmentsOutputSchema,
  models: {},
  templates: {},
  fields: (options) => ({ reads: [options.input_field], writes: [options.input_field] }),
  async run(input, context) {
    const settings = resolveSegmentSettings(context.options);
    const field = context.options.input_field;
    const document = readDocument(input, field);
    const counter = await loadTokenCounter(settings.tokenizer);
    const split = splitDocument(document, settings, counter);
    if ('rejection' in split) {
      context.reject(split.rejection.reason, split.rejection.details);
      return [];
    }
    return split.segments.map((segment, index) => segmentRecord(field, segment.text, index, segment.length));
  },
});

// --- Internal helpers ---

/** A segment's record: its text under the document's field, its position and its length. */
function segmentRecord(field: string, text: string, index: number, tokens: number): SegmentsOutput {
  // The catch-all of the output schema holds the one text field; TypeScript cannot name it.
  return { [field]: text, segment_index: index, segment_tokens: tokens } as SegmentsOutput;
}

/** The first thing wrong with options the object schema accepted, with the option to point at. */
function segmentSettingsProblem(options: SegmentsOptions): { option: string; message: string } | undefined {
  if (options.input_field === 'segment_index' || options.input_field === 'segment_tokens') {
    return { option: 'input_field', message: `input_field cannot be ${options.input_field}, a field the task writes itself; name the field that holds the document.` };
  }
  if (options.max_input_tokens !== undefined && options.target_task === undefined) {
    return {
      option: 'max_input_tokens',
      message: "max_input_tokens needs target_task, whose prompt's tokens are taken from it; or give max_segment_tokens instead.",
    };
  }
  if (options.target_task === undefined && options.max_segment_tokens === undefined) {
    return {
      option: 'target_task',
      message: `give target_task (one of ${segmentTargetNames.join(', ')}), the task the segments are for, or max_segment_tokens, the longest segment in tokens.`,
    };
  }
  if (options.max_input_tokens !== undefined && options.max_segment_tokens !== undefined) {
    return {
      option: 'max_input_tokens',
      message: 'give max_input_tokens (with target_task) or max_segment_tokens, not both: max_segment_tokens is worked out from max_input_tokens.',
    };
  }
  const settings = resolveSegmentSettings(options);
  if (settings.maxSegmentTokens < 1) {
    const target = options.target_task as SegmentTargetName;
    const promptTokens = targetPromptTokens(target, options.tokenizer);
    return {
      option: 'max_input_tokens',
      message: `${options.max_input_tokens} tokens leave no room for a segment: the ${target} prompt takes ${promptTokens} tokens (${options.tokenizer}) and ${budgetMargin} are kept free. Give at least ${promptTokens + budgetMargin + Math.max(1, settings.minSegmentTokens)}.`,
    };
  }
  if (settings.minSegmentTokens > settings.maxSegmentTokens) {
    return {
      option: 'min_segment_tokens',
      message: `min_segment_tokens ${settings.minSegmentTokens} is more than max_segment_tokens ${settings.maxSegmentTokens}, so no segment could be kept.`,
    };
  }
  return undefined;
}
