import { definePlugin, taskStage } from '@synthkit/core';
import { answerTask } from './tasks/answer-task';
import { bestOfNTask } from './tasks/best-of-n-task';
import { distillTask } from './tasks/distill-task';
import { messagesTask } from './tasks/messages-task';
import { preferencePairsTask } from './tasks/preference-pairs-task';
import { VERSION } from './version';

export { VERSION } from './version';
export { answerTask, type AnswerOptions } from './tasks/answer-task';
export { messagesTask, type MessagesOptions } from './tasks/messages-task';
export { bestOfNTask, type BestOfNOptions } from './tasks/best-of-n-task';
export { preferencePairsTask, type PreferencePairsOptions } from './tasks/preference-pairs-task';
export { distillTask, type DistillOptions } from './tasks/distill-task';
export { judgeVerdictSchema, type JudgeVerdict } from './candidates/judge-templates';

/**
 * The `quality` plugin: quality-focused generation. Answers for generated prompts, chat `messages`
 * layout, best-of-n (rejection sampling) with an LLM judge, preference pairs for DPO, and knowledge
 * distillation into SFT pairs.
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/tasks-quality', version: VERSION, namespace: 'quality' },
  tasks: {
    answer: answerTask,
    messages: messagesTask,
    'best-of-n': bestOfNTask,
    'preference-pairs': preferencePairsTask,
    distill: distillTask,
  },
});

export default plugin;

/**
 * Stage factories for pipelines written in code (`run` of `@synthkit/runtime`):
 * `answer({ prompt_field: 'revision' })`, `bestOfN({ n: 8 }, { templates: { judge: { user: '...' } } })`.
 */
export const answer = taskStage(plugin, 'answer');
export const messages = taskStage(plugin, 'messages');
export const bestOfN = taskStage(plugin, 'best-of-n');
export const preferencePairs = taskStage(plugin, 'preference-pairs');
export const distill = taskStage(plugin, 'distill');
