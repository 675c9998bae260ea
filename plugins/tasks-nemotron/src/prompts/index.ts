export { conversionTemplates } from './conversion-templates';
export {
  macroTopicsTemplate,
  openQAQuestionsTemplate,
  openQARevisionsTemplate,
  subtopicsTemplate,
  yamlConversionTemplate,
} from './task-templates';
