export { checkTemplateVariables } from './check-template-variables';
export { parsePromptTemplate, type ParsedPromptTemplate } from './parse-prompt-template';
export {
  parseTemplate,
  type ParsedTemplate,
  type ParseTemplateOptions,
  type TemplatePlaceholderSegment,
  type TemplateSegment,
  type TemplateTextSegment,
} from './parse-template';
export { renderParsedTemplate, type RenderParsedTemplateOptions } from './render-parsed-template';
export { renderPromptTemplate } from './render-prompt-template';
export { templateHash } from './template-hash';
export { templatePlaceholders } from './template-placeholders';
