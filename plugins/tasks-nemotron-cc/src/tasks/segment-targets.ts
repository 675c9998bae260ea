import type { PromptTemplateV1 } from '@synthkit/core';
import { estimateTokens, type TokenizerName } from '../tokenizer/token-counter';
import { distillTask } from './distill-task';
import { diverseQATask } from './diverse-qa-task';
import { extractKnowledgeTask } from './extract-knowledge-task';
import { knowledgeListTask } from './knowledge-list-task';
import { rephraseTask } from './rephrase-task';

/** The rewriting tasks `nemotron-cc:segments` can cut documents for. */
export const segmentTargetNames = ['rephrase', 'diverse-qa', 'distill', 'extract-knowledge', 'knowledge-list'] as const;

/** A rewriting task `nemotron-cc:segments` can cut documents for. */
export type SegmentTargetName = (typeof segmentTargetNames)[number];

/** What NeMo Curator's Nemotron-CC recipes budget for the segments of one rewriting task. */
export interface SegmentTarget {
  /** The task's input budget in tokens: its prompt and the segment together. */
  readonly maxInputTokens: number;
  /** Segments shorter than this many tokens are dropped. */
  readonly minSegmentTokens: number;
  /** The task's default template, whose tokens (without the document) are taken from the budget. */
  readonly template: PromptTemplateV1;
}

/**
 * The segment budget of each rewriting task, from NeMo Curator's per-task configuration (input
 * budgets 512, 1000, 2000, 1400 and 1000 tokens; shortest segments 10 or 30 tokens). Rephrase keeps
 * the legacy line's 10-token segments (the Ray tutorials use 5).
 */
export const segmentTargets: Readonly<Record<SegmentTargetName, SegmentTarget>> = {
  rephrase: { maxInputTokens: 512, minSegmentTokens: 10, template: rephraseTask.templates.rephrase },
  'diverse-qa': { maxInputTokens: 1000, minSegmentTokens: 30, template: diverseQATask.templates['diverse-qa'] },
  distill: { maxInputTokens: 2000, minSegmentTokens: 10, template: distillTask.templates.distill },
  'extract-knowledge': { maxInputTokens: 1400, minSegmentTokens: 30, template: extractKnowledgeTask.templates['extract-knowledge'] },
  'knowledge-list': { maxInputTokens: 1000, minSegmentTokens: 30, template: knowledgeListTask.templates['knowledge-list'] },
};

/**
 * The text of a target's prompt without the document, as NeMo Curator's Ray recipes count it: the
 * system prompt, a line break, and the user template with `{document}` left empty.
 */
export function promptWithoutDocument(template: Pick<PromptTemplateV1, 'system' | 'user'>): string {
  return `${template.system ?? ''}\n${template.user.replace('{document}', '')}`;
}

/**
 * How many tokens a target's default prompt takes without the document. The Llama 3 counts are
 * written here, so that recipe validation can check a budget without loading the tokenizer; a test
 * checks them against the tokenizer whenever a prompt changes.
 */
export function targetPromptTokens(target: SegmentTargetName, tokenizer: TokenizerName): number {
  return tokenizer === 'llama-3' ? llama3PromptTokens[target] : estimateTokens(promptWithoutDocument(segmentTargets[target].template));
}

// --- Internal helpers ---

/** `promptWithoutDocument` of each target's template, counted with the Llama 3 tokenizer. */
const llama3PromptTokens: Readonly<Record<SegmentTargetName, number>> = {
  rephrase: 127,
  'diverse-qa': 190,
  distill: 143,
  'extract-knowledge': 122,
  'knowledge-list': 96,
};
