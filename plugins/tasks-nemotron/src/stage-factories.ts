import { taskStage } from '@synthkit/core';
import { nemotronPlugin } from './nemotron-plugin';

// Stage factories for pipelines written in code (`run` of `@synthkit/runtime`), one per task:
// `subtopics({ n_subtopics: 5 }, { models: { generator: openai('gpt-4o') } })`. The options are
// typed from the task's schema; the stage carries the records it reads and writes.

/** `nemotron:macro-topics` stages. */
export const macroTopics = taskStage(nemotronPlugin, 'macro-topics');
/** `nemotron:subtopics` stages. */
export const subtopics = taskStage(nemotronPlugin, 'subtopics');
/** `nemotron:open-qa-questions` stages. */
export const openQAQuestions = taskStage(nemotronPlugin, 'open-qa-questions');
/** `nemotron:open-qa-revisions` stages. */
export const openQARevisions = taskStage(nemotronPlugin, 'open-qa-revisions');
/** `nemotron:writing-tasks` stages. */
export const writingTasks = taskStage(nemotronPlugin, 'writing-tasks');
/** `nemotron:writing-task-revisions` stages. */
export const writingTaskRevisions = taskStage(nemotronPlugin, 'writing-task-revisions');
/** `nemotron:closed-qa-instructions` stages. */
export const closedQAInstructions = taskStage(nemotronPlugin, 'closed-qa-instructions');
/** `nemotron:math-macro-topics` stages. */
export const mathMacroTopics = taskStage(nemotronPlugin, 'math-macro-topics');
/** `nemotron:math-subtopics` stages. */
export const mathSubtopics = taskStage(nemotronPlugin, 'math-subtopics');
/** `nemotron:math-problems` stages. */
export const mathProblems = taskStage(nemotronPlugin, 'math-problems');
/** `nemotron:python-macro-topics` stages. */
export const pythonMacroTopics = taskStage(nemotronPlugin, 'python-macro-topics');
/** `nemotron:python-subtopics` stages. */
export const pythonSubtopics = taskStage(nemotronPlugin, 'python-subtopics');
/** `nemotron:python-problems` stages. */
export const pythonProblems = taskStage(nemotronPlugin, 'python-problems');
/** `nemotron:math-entity-classification` stages. */
export const mathEntityClassification = taskStage(nemotronPlugin, 'math-entity-classification');
/** `nemotron:python-entity-classification` stages. */
export const pythonEntityClassification = taskStage(nemotronPlugin, 'python-entity-classification');
/** `nemotron:dialogue` stages. */
export const dialogue = taskStage(nemotronPlugin, 'dialogue');
/** `nemotron:two-turn-prompts` stages. */
export const twoTurnPrompts = taskStage(nemotronPlugin, 'two-turn-prompts');
/** `nemotron:yaml-conversion` stages. */
export const yamlConversion = taskStage(nemotronPlugin, 'yaml-conversion');
