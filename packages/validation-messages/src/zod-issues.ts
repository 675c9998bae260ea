import { formatIssuePath, type ValidationIssue } from '@synthkit/core';
import type { z } from 'zod';
import { didYouMean } from './did-you-mean';

/**
 * Zod issues as validation issues with full paths (`stages[2].options.n_subtopics`) and messages in
 * synthkit's words: what is wrong and what would be right. An unknown key lists the valid keys (and
 * the closest one); a wrong type, a number out of range or a value outside a set says what it must
 * be and what it got. Messages a schema wrote itself (`{ error: '...' }`) are kept as they are.
 *
 * A value that fits no form of a union says which forms it may take; when it has the shape of just
 * one form (an object where the union takes `false` or an object), the problems inside it are
 * reported instead, each at its own path.
 *
 * @param schema the schema that refused `value`, to list the keys it knows.
 * @param value what was parsed, to quote what was got.
 */
export function zodIssues(error: z.ZodError, prefix: ReadonlyArray<PropertyKey>, schema: z.ZodType, value: unknown): ValidationIssue[] {
  return validationIssues(error.issues, prefix, schema, value);
}

// --- Internal helpers ---

function validationIssues(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  prefix: ReadonlyArray<PropertyKey>,
  schema: unknown,
  value: unknown,
): ValidationIssue[] {
  return issues.flatMap((issue): ValidationIssue[] => {
    const path = formatIssuePath([...prefix, ...issue.path]);
    if (issue.code === 'unrecognized_keys') {
      return [{ path, message: unknownKeysMessage(issue.keys, keysAt(schema, issue.path)) }];
    }
    if (!isZodDefaultMessage(issue)) return [{ path, message: issue.message }];
    const got = valueAt(value, issue.path);
    if (issue.code === 'invalid_union') {
      const matched = matchedOption(issue);
      if (matched != null) {
        const option = unwrap(definitionAt(schema, issue.path))?.options?.[matched];
        return validationIssues(issue.errors[matched] ?? [], [...prefix, ...issue.path], option, got.value);
      }
      const expected = unionExpectation(issue);
      return [{ path, message: expected == null ? `does not fit any of the forms it may take, got ${describe(got.value)}` : `must be ${expected}, got ${describe(got.value)}` }];
    }
    return [{ path, message: rewrittenMessage(issue, got) }];
  });
}

/** Zod's message for `issue` in synthkit's words, given the value found at its path. */
function rewrittenMessage(issue: z.core.$ZodIssue, got: { found: boolean; value: unknown }): string {
  switch (issue.code) {
    case 'invalid_type':
      return got.found ? `must be ${article(issue.expected)}, got ${describe(got.value)}` : `is required (${article(issue.expected)})`;
    case 'too_big':
      return `${boundMessage(issue.origin, 'at most', issue.maximum, issue.inclusive)}, got ${describe(got.value)}`;
    case 'too_small':
      return `${boundMessage(issue.origin, 'at least', issue.minimum, issue.inclusive)}, got ${describe(got.value)}`;
    case 'invalid_value': {
      const allowed = issue.values.map((allowedValue) => JSON.stringify(allowedValue));
      const hint = typeof got.value === 'string' ? didYouMean(got.value, issue.values.filter((entry): entry is string => typeof entry === 'string')) : '';
      return `must be ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}, got ${describe(got.value)}.${hint}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, got ${describe(got.value)}`;
    case 'invalid_format':
      return `${formatRule(issue)}, got ${describe(got.value)}`;
    default:
      return issue.message;
  }
}

/**
 * The index of the one form of a union whose shape the value has (the form refused something in
 * the value or about it, such as an unknown key or a length, not its type or value), or undefined
 * when there is no such form or several.
 */
function matchedOption(issue: z.core.$ZodIssueInvalidUnion): number | undefined {
  const refusesShape = (optionIssue: z.core.$ZodIssue) =>
    optionIssue.path.length === 0 && (optionIssue.code === 'invalid_type' || optionIssue.code === 'invalid_value' || optionIssue.code === 'invalid_union');
  const matched = issue.errors.flatMap((optionIssues, index) => (optionIssues.length > 0 && !optionIssues.some(refusesShape) ? [index] : []));
  return matched.length === 1 ? matched[0] : undefined;
}

/**
 * Zod's own wording (`Invalid input: expected boolean, received string`, `Too big: ...`, `Invalid
 * URL`), which synthkit rewrites.
 */
function isZodDefaultMessage(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_format') return issue.message.startsWith('Invalid ');
  return /^(Invalid input|Invalid option|Too big|Too small|Invalid number|Invalid string|Invalid value|Invalid format)\b/.test(issue.message);
}

/** What a string of a format must be: `must be a valid URL`, `must start with "hf:"`. */
function formatRule(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const { format } = issue;
  if (format === 'starts_with' && 'prefix' in issue) return `must start with ${JSON.stringify(issue.prefix)}`;
  if (format === 'ends_with' && 'suffix' in issue) return `must end with ${JSON.stringify(issue.suffix)}`;
  if (format === 'includes' && 'includes' in issue) return `must include ${JSON.stringify(issue.includes)}`;
  if (format === 'regex' || format === 'template_literal') return 'must be in the expected format';
  return `must be a valid ${formatNames[format] ?? format}`;
}

/** Readable names of zod's string formats, where the format's own name is not one. */
const formatNames: Readonly<Record<string, string>> = {
  url: 'URL',
  email: 'email address',
  uuid: 'UUID',
  guid: 'GUID',
  datetime: 'ISO date and time',
  date: 'ISO date',
  time: 'ISO time',
  duration: 'ISO duration',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  base64: 'base64 text',
  base64url: 'base64url text',
  json_string: 'JSON text',
  jwt: 'JWT',
};

/** `unknown key "stagez" (did you mean "stages"?). Valid keys: ...` */
function unknownKeysMessage(keys: ReadonlyArray<string>, known: ReadonlyArray<string> | undefined): string {
  const quoted = keys.map((key) => {
    const hint = known == null ? '' : didYouMean(key, known);
    return hint === '' ? `"${key}"` : `"${key}" (${hint.trim().replace(/^Did/, 'did')})`;
  });
  const valid = known == null ? '' : ` Valid keys: ${known.length === 0 ? 'none' : known.join(', ')}.`;
  return `unknown key${keys.length > 1 ? 's' : ''} ${quoted.join(', ')}.${valid}`;
}

/**
 * What a value that fits none of a union's forms must be: `a boolean or an object`, `false or an
 * object`, when every form refused the value itself, else undefined.
 */
function unionExpectation(issue: z.core.$ZodIssueInvalidUnion): string | undefined {
  const expected: string[] = [];
  for (const optionIssues of issue.errors) {
    const first = optionIssues[0];
    if (optionIssues.length !== 1 || first == null || first.path.length > 0) return undefined;
    if (first.code === 'invalid_type') expected.push(article(first.expected));
    else if (first.code === 'invalid_value') expected.push(...first.values.map((allowed) => JSON.stringify(allowed)));
    else return undefined;
  }
  return expected.length === 0 ? undefined : [...new Set(expected)].join(' or ');
}

function boundMessage(origin: string, relation: 'at most' | 'at least', bound: number | bigint | Date, inclusive: boolean | undefined): string {
  const limit = String(bound instanceof Date ? bound.toISOString() : bound);
  switch (origin) {
    case 'string':
      return `must be ${relation} ${limit} characters long`;
    case 'array':
    case 'set':
      return `must have ${relation} ${limit} items`;
    default:
      if (inclusive === false) return `must be ${relation === 'at most' ? 'less' : 'greater'} than ${limit}`;
      return `must be ${relation} ${limit}`;
  }
}

/** `a string`, `an object`, `a whole number`: a zod type name as a phrase. */
function article(expected: string): string {
  const phrase = expected === 'int' ? 'whole number' : expected === 'record' ? 'object' : expected;
  return `${/^[aeiou]/.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** A value as a message quotes it: JSON, shortened, with its kind when that helps (`the string "5"`). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const json = JSON.stringify(value) ?? String(value);
  const shown = json.length > 60 ? `${json.slice(0, 57)}...` : json;
  return typeof value === 'string' ? `the text ${shown}` : shown;
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let current = value;
  for (const key of path) {
    if (current == null || typeof current !== 'object' || !Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: current !== undefined, value: current };
}

/** The keys the object schema at `path` knows, or undefined when `path` does not lead to one. */
function keysAt(schema: unknown, path: ReadonlyArray<PropertyKey>): ReadonlyArray<string> | undefined {
  const definition = unwrap(definitionAt(schema, path));
  return definition?.type === 'object' ? Object.keys(definition.shape ?? {}) : undefined;
}

/** The definition of the schema at `path` inside `schema` (through objects, records and lists), if it can be followed. */
function definitionAt(schema: unknown, path: ReadonlyArray<PropertyKey>): SchemaDefinition | undefined {
  let current: SchemaDefinition | undefined = definitionOf(schema);
  for (const key of path) {
    current = unwrap(current);
    if (current == null) return undefined;
    if (current.type === 'object') current = definitionOf(current.shape?.[String(key)]);
    else if (current.type === 'record') current = definitionOf(current.valueType);
    else if (current.type === 'array') current = definitionOf(current.element);
    else return undefined;
  }
  return current;
}

/** The parts of a zod 4 schema definition (`schema._zod.def`) that lead to the keys of an object and the forms of a union. */
interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly valueType?: unknown;
  readonly element?: unknown;
  readonly options?: ReadonlyArray<unknown>;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly getter?: () => unknown;
}

function definitionOf(schema: unknown): SchemaDefinition | undefined {
  return (schema as { _zod?: { def?: SchemaDefinition } } | undefined)?._zod?.def;
}

/** Through optional, default, nullable, readonly and pipe wrappers and lazy schemas, to what they wrap. */
function unwrap(definition: SchemaDefinition | undefined): SchemaDefinition | undefined {
  let current = definition;
  for (let depth = 0; current != null && depth < 16; depth++) {
    if (current.innerType != null) current = definitionOf(current.innerType);
    else if (current.type === 'pipe') current = definitionOf(current.in);
    else if (current.type === 'lazy' && current.getter != null) current = definitionOf(current.getter());
    else return current;
  }
  return current;
}
