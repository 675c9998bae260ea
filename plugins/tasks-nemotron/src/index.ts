import { definePlugin, taskStage } from '@synthkit/core';
import { macroTopicsTask } from './tasks/macro-topics-task';
import { openQAQuestionsTask } from './tasks/open-qa-questions-task';
import { openQARevisionsTask } from './tasks/open-qa-revisions-task';
import { subtopicsTask } from './tasks/subtopics-task';
import { VERSION } from './version';

export { VERSION } from './version';
export { macroTopicsTask, type MacroTopicsInput, type MacroTopicsOptions, type MacroTopicsOutput } from './tasks/macro-topics-task';
export { subtopicsTask, type SubtopicsInput, type SubtopicsOptions, type SubtopicsOutput } from './tasks/subtopics-task';
export {
  openQAQuestionsTask,
  type OpenQAQuestionsInput,
  type OpenQAQuestionsOptions,
  type OpenQAQuestionsOutput,
} from './tasks/open-qa-questions-task';
export {
  openQARevisionsTask,
  type OpenQARevisionsInput,
  type OpenQARevisionsOptions,
  type OpenQARevisionsOutput,
} from './tasks/open-qa-revisions-task';
export type { ConversionOptions } from './options/conversion-options-shape';
export {
  conversionTemplates,
  macroTopicsTemplate,
  openQAQuestionsTemplate,
  openQARevisionsTemplate,
  subtopicsTemplate,
  yamlConversionTemplate,
} from './prompts';
export {
  convertToYamlList,
  converterRole,
  defaultConversionParams,
  type ConvertToYamlListRequest,
} from './convert-to-yaml-list';
export { YamlConversionError, type YamlConversionFailureKind } from './yaml-conversion-error';

/**
 * The `nemotron` plugin: the Nemotron-4 340B open QA pipeline as four tasks, meant to be chained
 * macro-topics → subtopics → open-qa-questions → open-qa-revisions.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/tasks-nemotron', version: VERSION, namespace: 'nemotron' },
  tasks: {
    'macro-topics': macroTopicsTask,
    subtopics: subtopicsTask,
    'open-qa-questions': openQAQuestionsTask,
    'open-qa-revisions': openQARevisionsTask,
  },
});

export default plugin;

/** Stage factories for pipelines written in code (`run` of `@synthkit/runtime`): `subtopics({ n_subtopics: 5 })`. */
export const macroTopics = taskStage(plugin, 'macro-topics');
export const subtopics = taskStage(plugin, 'subtopics');
export const openQAQuestions = taskStage(plugin, 'open-qa-questions');
export const openQARevisions = taskStage(plugin, 'open-qa-revisions');
