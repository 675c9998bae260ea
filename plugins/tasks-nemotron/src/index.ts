import { nemotronPlugin } from './nemotron-plugin';

export { VERSION } from './version';
export { nemotronPlugin } from './nemotron-plugin';
export {
  closedQAInstructions,
  dialogue,
  macroTopics,
  mathEntityClassification,
  mathMacroTopics,
  mathProblems,
  mathSubtopics,
  openQAQuestions,
  openQARevisions,
  pythonEntityClassification,
  pythonMacroTopics,
  pythonProblems,
  pythonSubtopics,
  subtopics,
  twoTurnPrompts,
  writingTaskRevisions,
  writingTasks,
  yamlConversion,
} from './stage-factories';
export { closedQAStages, type ClosedQAStagesOptions } from './pipelines/closed-qa-stages';
export { dialogueStages, type DialogueStagesOptions } from './pipelines/dialogue-stages';
export { mathStages, type MathStagesOptions } from './pipelines/math-stages';
export { openQAStages, type OpenQAStagesOptions } from './pipelines/open-qa-stages';
export type { PipelineOptions } from './pipelines/pipeline-options';
export { pythonStages, type PythonStagesOptions } from './pipelines/python-stages';
export type { TopicTreeOptions } from './pipelines/topic-tree-options';
export { writingStages, type WritingStagesOptions } from './pipelines/writing-stages';
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
export {
  defaultTextMaterialTypes,
  writingTasksTask,
  type WritingTasksInput,
  type WritingTasksOptions,
  type WritingTasksOutput,
} from './tasks/writing-tasks-task';
export {
  writingTaskRevisionsTask,
  type WritingTaskRevisionsInput,
  type WritingTaskRevisionsOptions,
  type WritingTaskRevisionsOutput,
} from './tasks/writing-task-revisions-task';
export {
  closedQAInstructionsTask,
  type ClosedQAInstructionsInput,
  type ClosedQAInstructionsOptions,
  type ClosedQAInstructionsOutput,
} from './tasks/closed-qa-instructions-task';
export {
  mathMacroTopicsTask,
  type MathMacroTopicsInput,
  type MathMacroTopicsOptions,
  type MathMacroTopicsOutput,
} from './tasks/math-macro-topics-task';
export { mathSubtopicsTask, type MathSubtopicsInput, type MathSubtopicsOptions, type MathSubtopicsOutput } from './tasks/math-subtopics-task';
export { mathProblemsTask, type MathProblemsInput, type MathProblemsOptions, type MathProblemsOutput } from './tasks/math-problems-task';
export {
  pythonMacroTopicsTask,
  type PythonMacroTopicsInput,
  type PythonMacroTopicsOptions,
  type PythonMacroTopicsOutput,
} from './tasks/python-macro-topics-task';
export {
  pythonSubtopicsTask,
  type PythonSubtopicsInput,
  type PythonSubtopicsOptions,
  type PythonSubtopicsOutput,
} from './tasks/python-subtopics-task';
export {
  pythonProblemsTask,
  type PythonProblemsInput,
  type PythonProblemsOptions,
  type PythonProblemsOutput,
} from './tasks/python-problems-task';
export {
  mathEntityClassificationTask,
  type MathEntityClassificationInput,
  type MathEntityClassificationOptions,
  type MathEntityClassificationOutput,
} from './tasks/math-entity-classification-task';
export {
  pythonEntityClassificationTask,
  type PythonEntityClassificationInput,
  type PythonEntityClassificationOptions,
  type PythonEntityClassificationOutput,
} from './tasks/python-entity-classification-task';
export { dialogueTask, type DialogueInput, type DialogueOptions, type DialogueOutput } from './tasks/dialogue-task';
export {
  twoTurnPromptsTask,
  type TwoTurnPromptsInput,
  type TwoTurnPromptsOptions,
  type TwoTurnPromptsOutput,
} from './tasks/two-turn-prompts-task';
export {
  yamlConversionTask,
  type YamlConversionInput,
  type YamlConversionOptions,
  type YamlConversionOutput,
} from './tasks/yaml-conversion-task';
export {
  continueConversation,
  conversationOutputSchema,
  renderConversationHistory,
  type ConversationTurn,
} from './tasks/continue-conversation';
export { conversationTaskModels } from './tasks/conversation-task-models';
export type { ConversationOptions, UserStyle } from './options/conversation-options-schema';
export { readUserTurn, type UserTurnReading } from './read-user-turn';
export { parseYesNoAnswer } from './parse-yes-no-answer';
export type { ConversionOptions, ListConversionMode } from './options/conversion-options-shape';
export { conversionOptionsShape } from './options/conversion-options-shape';
export {
  conversationTemplates,
  conversionTemplates,
  macroTopicsTemplate,
  openQAQuestionsTemplate,
  openQARevisionsTemplate,
  subtopicsTemplate,
  userStyleInstructions,
  yamlConversionTemplate,
} from './prompts';
export {
  convertToYamlList,
  converterRole,
  defaultConversionParams,
  type ConvertToYamlListRequest,
} from './convert-to-yaml-list';
export { convertGeneratedList, type ConvertGeneratedListRequest } from './tasks/convert-generated-list';
export { checkListItems, type CheckListItemsRequest } from './check-list-items';
export {
  maximumSurroundingLines,
  parseListLocally,
  type ListMarkerKind,
  type LocalListParse,
  type LocalListProblem,
} from './parse-list-locally';
export { YamlConversionError, type ListConversionPath, type YamlConversionFailureKind } from './yaml-conversion-error';

export default nemotronPlugin;
