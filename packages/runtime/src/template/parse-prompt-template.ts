import type { PromptTemplateV1 } from '@synthkit/core';
import { parseTemplate, type ParsedTemplate } from './parse-template';

/** Both texts of a prompt template, parsed. Frozen: results are cached and shared. */
export interface ParsedPromptTemplate {
  /** The parsed system text; undefined when the template has no system text or it is empty. */
  readonly system: ParsedTemplate | undefined;
  readonly user: ParsedTemplate;
  /** Every placeholder name, once each: those of the system text first, then the user text, in order of first use. */
  readonly placeholders: ReadonlyArray<string>;
}

/**
 * Parses the system and user texts of a prompt template.
 *
 * Results are cached per template object (in a `WeakMap`, so templates can still be garbage
 * collected): a task renders the same template for every record, and parsing once is enough.
 * Templates are treated as immutable, as their `readonly` fields say; build a new object to change one.
 *
 * @throws TemplateError when either text is malformed (see `parseTemplate`). Failures are not cached.
 */
export function parsePromptTemplate(template: PromptTemplateV1): ParsedPromptTemplate {
  const cached = cache.get(template);
  if (cached != null) return cached;

  const system =
    template.system == null || template.system === ''
      ? undefined
      : parseTemplate(template.system, template.name, { field: 'system' });
  const user = parseTemplate(template.user, template.name, { field: 'user' });
  const placeholders = [...new Set([...(system?.placeholders ?? []), ...user.placeholders])];
  const parsed: ParsedPromptTemplate = Object.freeze({ system, user, placeholders: Object.freeze(placeholders) });
  cache.set(template, parsed);
  return parsed;
}

// --- Internal helpers ---

const cache = new WeakMap<PromptTemplateV1, ParsedPromptTemplate>();
