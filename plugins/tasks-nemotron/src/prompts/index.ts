export { conversationTemplates } from './conversation-templates';
export { conversionTemplates } from './conversion-templates';
export {
  macroTopicsTemplate,
  openQAQuestionsTemplate,
  openQARevisionsTemplate,
  subtopicsTemplate,
  yamlConversionTemplate,
} from './task-templates';
export { userStyleInstructions, type BuiltInUserStyle } from './user-style-instructions';
