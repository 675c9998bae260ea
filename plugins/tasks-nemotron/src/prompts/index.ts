export { macroTopicsTemplate } from './macro-topics-template';
export { openQAQuestionsTemplate } from './open-qa-questions-template';
export { openQARevisionsTemplate } from './open-qa-revisions-template';
export { subtopicsTemplate } from './subtopics-template';
export { yamlConversionTemplate } from './yaml-conversion-template';
