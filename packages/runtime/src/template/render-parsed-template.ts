import { TemplateError, type JsonValue } from '@synthkit/core';
import type { ParsedTemplate } from './parse-template';

/** Where a template text sits, for error messages. */
export interface RenderParsedTemplateOptions {
  /**
   * Which part of the template is rendered, e.g. `system` or `user`, so errors can say
   * "in the user text". Omitted from messages when absent.
   */
  readonly field?: string;
}

/**
 * Substitutes variable values into a parsed template. Nothing is evaluated: a value is inserted
 * as text, and braces inside values are kept as they are (never parsed again).
 *
 * Values become text as follows:
 * - strings are inserted as they are;
 * - numbers and booleans with `String()` (`3`, `0.5`, `true`);
 * - `null` becomes the empty string, so an optional variable can be left blank;
 * - arrays and objects become compact JSON (`["a","b"]`, `{"k":1}`). JSON is unambiguous and
 *   round-trips; joining lists with newlines or commas would silently pick a format for the prompt
 *   author. Format lists into a string before rendering when a prompt needs another layout.
 *
 * Only own properties of `variables` count, so `{constructor}` or `{toString}` never picks up
 * something from `Object.prototype`; a property whose value is `undefined` counts as missing.
 *
 * @param parsed A template from `parseTemplate`.
 * @param variables Values by placeholder name. Extra variables are ignored.
 * @param templateName Name of the template, used in error messages.
 * @throws TemplateError naming every placeholder without a value and the variables that were supplied.
 */
export function renderParsedTemplate(
  parsed: ParsedTemplate,
  variables: Readonly<Record<string, JsonValue>>,
  templateName: string,
  options: RenderParsedTemplateOptions = {},
): string {
  let result = '';
  let missing: string[] | undefined;
  for (const segment of parsed.segments) {
    if (segment.type === 'text') {
      result += segment.text;
      continue;
    }
    const value = Object.hasOwn(variables, segment.name) ? variables[segment.name] : undefined;
    if (value === undefined) {
      missing ??= [];
      if (!missing.includes(segment.name)) missing.push(segment.name);
      continue;
    }
    result += formatValue(value);
  }
  if (missing != null) throw missingVariablesError(missing, variables, templateName, options.field);
  return result;
}

// --- Internal helpers ---

function formatValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function missingVariablesError(
  missing: ReadonlyArray<string>,
  variables: Readonly<Record<string, JsonValue>>,
  templateName: string,
  field: string | undefined,
): TemplateError {
  const supplied = Object.keys(variables).filter((name) => variables[name] !== undefined);
  const names = missing.map((name) => `{${name}}`).join(', ');
  const what = missing.length === 1 ? `no value for placeholder ${names}` : `no values for placeholders ${names}`;
  const where = field == null ? '' : ` in the ${field} text`;
  const suppliedList = supplied.length === 0 ? 'none' : supplied.join(', ');
  return new TemplateError({
    template: templateName,
    message: `${what}${where}. Supplied variables: ${suppliedList}. Supply a value for each placeholder, or remove it from the template.`,
  });
}
