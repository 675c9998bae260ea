import { definePlugin, taskStage } from '@synthkit/core';
import { addContextTask } from './tasks/add-context-task';
import { educationalTextTask } from './tasks/educational-text-task';
import { explainTask } from './tasks/explain-task';
import { extractTask } from './tasks/extract-task';
import { paraphraseTask } from './tasks/paraphrase-task';
import { promptTask } from './tasks/prompt-task';
import { simplifyTask } from './tasks/simplify-task';
import { styleTransferTask } from './tasks/style-transfer-task';
import { translateTask } from './tasks/translate-task';
import { VERSION } from './version';

export { VERSION } from './version';
export { promptTask, type PromptOptions } from './tasks/prompt-task';
export { paraphraseTask, type ParaphraseOptions } from './tasks/paraphrase-task';
export { styleTransferTask, type StyleTransferOptions } from './tasks/style-transfer-task';
export { simplifyTask, type SimplifyOptions } from './tasks/simplify-task';
export { translateTask, type TranslateOptions } from './tasks/translate-task';
export { explainTask, type ExplainOptions } from './tasks/explain-task';
export { addContextTask, type AddContextOptions } from './tasks/add-context-task';
export { extractTask, type ExtractOptions } from './tasks/extract-task';
export { educationalTextTask, noEducationalContentMarker, type EducationalTextOptions } from './tasks/educational-text-task';
export { jsonSchemaOf, responseSchemaSchema, type ResponseSchema } from './options/response-schema';
export type { TextTransformOptions } from './options/text-transform-options';

/**
 * The `transform` plugin: tasks that transform the records a user brings (a JSONL file with a
 * `text` field, or an earlier stage's output). `prompt` runs the stage's own prompt over any
 * fields; the others are ready-made transforms of one text field, each with its own prompt.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/tasks-transform', version: VERSION, namespace: 'transform' },
  tasks: {
    prompt: promptTask,
    paraphrase: paraphraseTask,
    'style-transfer': styleTransferTask,
    simplify: simplifyTask,
    translate: translateTask,
    explain: explainTask,
    'add-context': addContextTask,
    extract: extractTask,
    'educational-text': educationalTextTask,
  },
});

export default plugin;

/**
 * Stage factories for pipelines written in code (`run` of `@synthkit/runtime`):
 * `prompt({ output: 'summary' }, { templates: { prompt: { user: 'Summarise: {text}' } } })`,
 * `translate({ languages: ['French', 'German'] })`.
 */
export const prompt = taskStage(plugin, 'prompt');
export const paraphrase = taskStage(plugin, 'paraphrase');
export const styleTransfer = taskStage(plugin, 'style-transfer');
export const simplify = taskStage(plugin, 'simplify');
export const translate = taskStage(plugin, 'translate');
export const explain = taskStage(plugin, 'explain');
export const addContext = taskStage(plugin, 'add-context');
export const extract = taskStage(plugin, 'extract');
export const educationalText = taskStage(plugin, 'educational-text');
