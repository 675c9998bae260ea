import { definePlugin, taskStage } from '@synthkit/core';
import { distillTask } from './tasks/distill-task';
import { diverseQATask } from './tasks/diverse-qa-task';
import { extractKnowledgeTask } from './tasks/extract-knowledge-task';
import { knowledgeListTask } from './tasks/knowledge-list-task';
import { rephraseDocumentTask } from './tasks/rephrase-document-task';
import { rephraseTask } from './tasks/rephrase-task';
import { segmentsTask } from './tasks/segments-task';
import { VERSION } from './version';

export { VERSION } from './version';
export { segmentsTask, resolveSegmentSettings, type SegmentSettings, type SegmentsOptions, type SegmentsOutput } from './tasks/segments-task';
export { rephraseTask, rephrasePrefix, type RephraseOptions, type RephraseOutput } from './tasks/rephrase-task';
export { rephraseDocumentTask, type RephraseDocumentOptions, type RephraseDocumentOutput } from './tasks/rephrase-document-task';
export { splitDocument, type SplitDocumentResult } from './tasks/split-document';
export { diverseQATask, type DiverseQAOptions, type DiverseQAOutput } from './tasks/diverse-qa-task';
export { distillTask, distillPrefix, type DistillOptions, type DistillOutput } from './tasks/distill-task';
export { extractKnowledgeTask, passageLabelLines, type ExtractKnowledgeOptions, type ExtractKnowledgeOutput } from './tasks/extract-knowledge-task';
export { knowledgeListTask, type KnowledgeListOptions, type KnowledgeListOutput } from './tasks/knowledge-list-task';
export { documentRecordSchema, readDocument } from './tasks/document-record';
export { inputFieldOptionSchema } from './options/input-field-option-schema';
export {
  promptWithoutDocument,
  segmentTargetNames,
  segmentTargets,
  targetPromptTokens,
  type SegmentTarget,
  type SegmentTargetName,
} from './tasks/segment-targets';
export { nemotronCCDistillSystemPrompt, nemotronCCSystemPrompt } from './prompts/system-prompts';
export { nemotronCCGenerationDefaults } from './options/nemotron-cc-generation-defaults';
export { diverseQAHeader, postProcessDiverseQA, type DiverseQASettings } from './post-processing/post-process-diverse-qa';
export { formatKnowledgeList } from './post-processing/format-knowledge-list';
export { postProcessParaphrase, type ParaphraseSettings } from './post-processing/post-process-paraphrase';
export { postProcessAnswer, type AnswerRejection, type PostProcessAnswerSettings, type PostProcessResult } from './post-processing/post-process-answer';
export {
  estimateTokens,
  loadTokenCounter,
  tokenizerNames,
  tokenizerOptionSchema,
  type TokenCounter,
  type TokenizerName,
} from './tokenizer/token-counter';

/**
 * The `nemotron-cc` plugin: the five Nemotron-CC rewriting tasks (rephrase, diverse-qa, distill,
 * extract-knowledge, knowledge-list), each with NeMo Curator's post-processing, `segments`, the
 * pre-processing that cuts documents to a task's input budget, and `rephrase-document`, which
 * rephrases a whole document segment by segment and joins the segments back, as NeMo does.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/tasks-nemotron-cc', version: VERSION, namespace: 'nemotron-cc' },
  tasks: {
    segments: segmentsTask,
    rephrase: rephraseTask,
    'rephrase-document': rephraseDocumentTask,
    'diverse-qa': diverseQATask,
    distill: distillTask,
    'extract-knowledge': extractKnowledgeTask,
    'knowledge-list': knowledgeListTask,
  },
});

export default plugin;

/** Stage factories for pipelines written in code (`run` of `@synthkit/runtime`): `segments({ target_task: 'distill' })`. */
export const segments = taskStage(plugin, 'segments');
export const rephrase = taskStage(plugin, 'rephrase');
export const rephraseDocument = taskStage(plugin, 'rephrase-document');
export const diverseQA = taskStage(plugin, 'diverse-qa');
export const distill = taskStage(plugin, 'distill');
export const extractKnowledge = taskStage(plugin, 'extract-knowledge');
export const knowledgeList = taskStage(plugin, 'knowledge-list');
