import type { PromptTemplateV1 } from '@synthkit/core';
import { macroTopicsTask } from '../tasks/macro-topics-task';
import { openQAQuestionsTask } from '../tasks/open-qa-questions-task';
import { openQARevisionsTask } from '../tasks/open-qa-revisions-task';
import { subtopicsTask } from '../tasks/subtopics-task';

// The tasks key their templates once, in their `templates`; these are the same objects, for code
// that reads or copies a prompt. A recipe overrides a template by its name (the key).

/** `macro-topics`: asks for `{n_macro_topics}` broad topics as a bare numbered list. */
export const macroTopicsTemplate: PromptTemplateV1 = macroTopicsTask.templates['macro-topics'];

/** `subtopics`: asks for `{n_subtopics}` distinct subtopics of `{macro_topic}` as a bare numbered list. */
export const subtopicsTemplate: PromptTemplateV1 = subtopicsTask.templates.subtopics;

/** `open-qa-questions`: asks for `{n_openlines}` varied questions or requests about `{topic}` as a bare numbered list. */
export const openQAQuestionsTemplate: PromptTemplateV1 = openQAQuestionsTask.templates['open-qa-questions'];

/** `open-qa-revisions`: asks for `{n_revisions}` more demanding rewrites of `{openline}` as a bare numbered list. */
export const openQARevisionsTemplate: PromptTemplateV1 = openQARevisionsTask.templates['open-qa-revisions'];

/**
 * `yaml-conversion`: asks the converter to copy the items of `{llm_response}` into a YAML list of
 * strings. Every task has the same one (each spreads `conversionTemplates`); this is macro-topics'.
 */
export const yamlConversionTemplate: PromptTemplateV1 = macroTopicsTask.templates['yaml-conversion'];
