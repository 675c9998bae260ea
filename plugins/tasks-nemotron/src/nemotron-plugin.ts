import { definePlugin } from '@synthkit/core';
import { closedQAInstructionsTask } from './tasks/closed-qa-instructions-task';
import { dialogueTask } from './tasks/dialogue-task';
import { macroTopicsTask } from './tasks/macro-topics-task';
import { mathEntityClassificationTask } from './tasks/math-entity-classification-task';
import { mathMacroTopicsTask } from './tasks/math-macro-topics-task';
import { mathProblemsTask } from './tasks/math-problems-task';
import { mathSubtopicsTask } from './tasks/math-subtopics-task';
import { openQAQuestionsTask } from './tasks/open-qa-questions-task';
import { openQARevisionsTask } from './tasks/open-qa-revisions-task';
import { pythonEntityClassificationTask } from './tasks/python-entity-classification-task';
import { pythonMacroTopicsTask } from './tasks/python-macro-topics-task';
import { pythonProblemsTask } from './tasks/python-problems-task';
import { pythonSubtopicsTask } from './tasks/python-subtopics-task';
import { subtopicsTask } from './tasks/subtopics-task';
import { twoTurnPromptsTask } from './tasks/two-turn-prompts-task';
import { writingTaskRevisionsTask } from './tasks/writing-task-revisions-task';
import { writingTasksTask } from './tasks/writing-tasks-task';
import { yamlConversionTask } from './tasks/yaml-conversion-task';
import { VERSION } from './version';

/**
 * The `nemotron` plugin (the package's default export): the list-generating tasks of the
 * Nemotron-4 340B pipelines, meant to be chained as the stage functions of `./pipelines` chain
 * them: open QA (macro-topics → subtopics → open-qa-questions → open-qa-revisions), writing
 * (writing-tasks → writing-task-revisions), closed QA (closed-qa-instructions), math
 * (math-macro-topics → math-subtopics → math-problems) and coding (python-macro-topics →
 * python-subtopics → python-problems), plus the Yes/No classifiers math-entity-classification and
 * python-entity-classification, which mark (or keep only) the topics of their domain, the
 * conversation tasks dialogue and two-turn-prompts, which grow chats from opening prompts with a
 * model playing the user, and yaml-conversion, the list reading of every list task as a stage.
 */
export const nemotronPlugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/tasks-nemotron', version: VERSION, namespace: 'nemotron' },
  tasks: {
    'macro-topics': macroTopicsTask,
    subtopics: subtopicsTask,
    'open-qa-questions': openQAQuestionsTask,
    'open-qa-revisions': openQARevisionsTask,
    'writing-tasks': writingTasksTask,
    'writing-task-revisions': writingTaskRevisionsTask,
    'closed-qa-instructions': closedQAInstructionsTask,
    'math-macro-topics': mathMacroTopicsTask,
    'math-subtopics': mathSubtopicsTask,
    'math-problems': mathProblemsTask,
    'python-macro-topics': pythonMacroTopicsTask,
    'python-subtopics': pythonSubtopicsTask,
    'python-problems': pythonProblemsTask,
    'math-entity-classification': mathEntityClassificationTask,
    'python-entity-classification': pythonEntityClassificationTask,
    dialogue: dialogueTask,
    'two-turn-prompts': twoTurnPromptsTask,
    'yaml-conversion': yamlConversionTask,
  },
});
