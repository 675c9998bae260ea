export { SynthkitError } from './synthkit-error';
export { APICallError, isRetryableStatus } from './api-call-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { InvalidRecipeError } from './invalid-recipe-error';
export { LoadAPIKeyError } from './load-api-key-error';
export { NoSuchItemError, type PluginItemKind } from './no-such-item-error';
export { PluginLoadError, type PluginLoadFailure } from './plugin-load-error';
export { TemplateError } from './template-error';
export { formatIssuePath, formatIssues, type ValidationIssue } from './validation-issue';
