import { lowerFirst, questionShapes, subjectFacets, upperFirst } from './answer-vocabulary';
import type { SeededRandom } from './seeded-random';
import { writeText } from './write-text';

/** A JSON schema, or one of its subschemas, as a plain object. */
type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * Writes a JSON value that fits a JSON schema (draft 2020-12 or 07, as `z.toJSONSchema` and most
 * hand-written schemas are), with texts about the prompt's subject. Understood:
 *
 * - `type` (one or a list; `null` is chosen for about one nullable value in five), `const`, `enum`;
 * - `anyOf` / `oneOf` (one branch drawn), `allOf` (object branches merged), `$ref` to `#/$defs/...`
 *   or `#/definitions/...` (recursion stops after a few levels at the smallest allowed value);
 * - objects: every `required` property, each optional one half of the time, no other keys;
 * - arrays: `prefixItems`, `items`, `minItems` / `maxItems` (default one to three items), `uniqueItems`;
 * - strings: `minLength` / `maxLength`, `format` (date-time, date, time, email, uri/url, uuid,
 *   hostname, ipv4), and a `pattern` when one of a few candidate shapes (a word, a slug, digits,
 *   the value for its format) happens to match it: any other pattern is not honoured;
 * - numbers and integers: `minimum` / `maximum`, their exclusive forms and `multipleOf`, with a
 *   plausible range picked from the property's name (`age`, `year`, `score`, `price`...);
 * - booleans.
 *
 * Property names steer the texts: a `name` or `title` gets a short title, a `question` a question,
 * a `description`, `answer` or `reasoning` sentences, an `email` an address. An enum of a yes and a
 * no (`"Y"`/`"N"`, `"yes"`/`"no"`) is yes nine times in ten, as a judge of generated data mostly says.
 */
export function writeJson(schema: JsonSchema, subject: string, prompt: string, random: SeededRandom): string {
  return JSON.stringify(valueOf(schema, { root: schema, subject, prompt, random, depth: 0, name: '' }));
}

// --- Internal helpers ---

interface WriteContext {
  readonly root: JsonSchema;
  readonly subject: string;
  readonly prompt: string;
  readonly random: SeededRandom;
  /** Nesting depth: references stop being followed deep down, so recursive schemas end. */
  readonly depth: number;
  /** Name of the property (or of the array holding the item) being written. */
  readonly name: string;
}

/** Below this depth a recursive schema stops growing: arrays get their fewest items, nullables null. */
const maximumDepth = 6;

function valueOf(schema: unknown, context: WriteContext): unknown {
  if (schema === true || schema == null || typeof schema !== 'object') return stringOf({}, context);
  const node = schema as JsonSchema;
  if (typeof node['$ref'] === 'string') return valueOf(resolveReference(node['$ref'], context.root), { ...context, depth: context.depth + 1 });
  if ('const' in node) return node['const'];
  if (Array.isArray(node['enum']) && node['enum'].length > 0) return enumValueOf(node['enum'], context);
  const branches = (node['anyOf'] ?? node['oneOf']) as unknown[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) return valueOf({ ...withoutKeys(node, 'anyOf', 'oneOf'), ...chooseBranch(branches, context) }, context);
  if (Array.isArray(node['allOf'])) return valueOf(mergeAll(node), context);
  switch (chooseType(node, context)) {
    case 'null':
      return null;
    case 'boolean':
      return context.random.chance(0.5);
    case 'integer':
      return numberOf(node, context, true);
    case 'number':
      return numberOf(node, context, false);
    case 'array':
      return arrayOf(node, context);
    case 'object':
      return objectOf(node, context);
    default:
      return stringOf(node, context);
  }
}

/** Yes and no spelled as judges' verdicts are: `Y`/`N`, `yes`/`no`, `true`/`false`, any case. */
const yesValue = /^(?:y|yes|true)$/i;
const noValue = /^(?:n|no|false)$/i;

/** A value of an enum: drawn evenly, but a yes/no pair answers yes nine times in ten. */
function enumValueOf(values: unknown[], context: WriteContext): unknown {
  const yes = values.find((value) => typeof value === 'string' && yesValue.test(value));
  const isYesNo = values.length === 2 && yes != null && values.some((value) => typeof value === 'string' && noValue.test(value));
  if (!isYesNo) return context.random.pick(values);
  return context.random.chance(0.9) ? yes : values.find((value) => value !== yes);
}

function chooseType(node: JsonSchema, context: WriteContext): string {
  const type = node['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type) && type.length > 0) {
    const concrete = type.filter((entry) => entry !== 'null') as string[];
    if (concrete.length === 0) return 'null';
    if (concrete.length < type.length && (context.depth >= maximumDepth || context.random.chance(0.2))) return 'null';
    return context.random.pick(concrete);
  }
  if ('properties' in node || 'additionalProperties' in node || 'required' in node) return 'object';
  if ('items' in node || 'prefixItems' in node) return 'array';
  if ('minimum' in node || 'maximum' in node || 'exclusiveMinimum' in node || 'exclusiveMaximum' in node) return 'number';
  return 'string';
}

/** A branch of `anyOf`/`oneOf`: `null` about one time in five when it is allowed, always when deep. */
function chooseBranch(branches: unknown[], context: WriteContext): JsonSchema {
  const isNull = (branch: unknown) => (branch as JsonSchema | null)?.['type'] === 'null';
  const concrete = branches.filter((branch) => !isNull(branch));
  const nullable = concrete.length < branches.length;
  if (concrete.length === 0 || (nullable && (context.depth >= maximumDepth || context.random.chance(0.2)))) return { type: 'null' };
  const chosen = context.random.pick(concrete);
  return chosen != null && typeof chosen === 'object' ? (chosen as JsonSchema) : {};
}

function mergeAll(node: JsonSchema): JsonSchema {
  const merged: Record<string, unknown> = { ...withoutKeys(node, 'allOf') };
  for (const part of node['allOf'] as unknown[]) {
    if (part == null || typeof part !== 'object') continue;
    const branch = part as JsonSchema;
    for (const [key, value] of Object.entries(branch)) {
      if (key === 'properties') merged[key] = { ...(merged[key] as object | undefined), ...(value as object) };
      else if (key === 'required') merged[key] = [...((merged[key] as unknown[] | undefined) ?? []), ...(value as unknown[])];
      else merged[key] ??= value;
    }
  }
  return merged;
}

function resolveReference(reference: string, root: JsonSchema): unknown {
  if (reference === '#') return root;
  if (!reference.startsWith('#/')) return {};
  let node: unknown = root;
  for (const part of reference.slice(2).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node != null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node ?? {};
}

function objectOf(node: JsonSchema, context: WriteContext): Record<string, unknown> {
  const properties = (node['properties'] ?? {}) as Record<string, unknown>;
  const required = new Set((node['required'] as string[] | undefined) ?? []);
  const value: Record<string, unknown> = {};
  const deeper = { ...context, depth: context.depth + 1 };
  for (const [key, schema] of Object.entries(properties)) {
    if (!required.has(key) && (context.depth >= maximumDepth || !context.random.chance(0.5))) continue;
    value[key] = valueOf(schema, { ...deeper, name: key });
  }
  // Required keys the properties do not describe still have to be there.
  for (const key of required) if (!(key in value)) value[key] = valueOf(node['additionalProperties'] ?? {}, { ...deeper, name: key });
  // A map (no named properties, a schema for the values): a few keys of its own.
  const extra = node['additionalProperties'];
  if (Object.keys(properties).length === 0 && extra != null && typeof extra === 'object' && context.depth < maximumDepth) {
    const fewest = Math.max(numberKeyword(node, 'minProperties') ?? 1, 1);
    const most = Math.max(fewest, Math.min(numberKeyword(node, 'maxProperties') ?? fewest + 2, fewest + 2));
    const count = context.random.integer(fewest, most);
    for (let index = 1; Object.keys(value).length < count; index += 1) {
      const key = `${slugOf(context.subject)}-${index}`;
      if (!(key in value)) value[key] = valueOf(extra, { ...deeper, name: context.name });
    }
  }
  return value;
}

function arrayOf(node: JsonSchema, context: WriteContext): unknown[] {
  const prefix = Array.isArray(node['prefixItems']) ? (node['prefixItems'] as unknown[]) : [];
  const minimum = Math.max(numberKeyword(node, 'minItems') ?? 0, prefix.length);
  const maximum = numberKeyword(node, 'maxItems') ?? Math.max(minimum, 3);
  const count =
    context.depth >= maximumDepth ? minimum : context.random.integer(Math.min(Math.max(minimum, 1), maximum), Math.min(maximum, Math.max(minimum, 3)));
  const items = node['items'] ?? (prefix.length > 0 ? false : {});
  const deeper = { ...context, depth: context.depth + 1 };
  const values: unknown[] = prefix.slice(0, count).map((schema) => valueOf(schema, deeper));
  const seen = new Set(values.map((value) => JSON.stringify(value)));
  for (let attempts = 0; values.length < count && items !== false && attempts < count * 20; attempts += 1) {
    const value = valueOf(items, deeper);
    if (node['uniqueItems'] === true && seen.has(JSON.stringify(value))) continue;
    seen.add(JSON.stringify(value));
    values.push(value);
  }
  return values;
}

function numberOf(node: JsonSchema, context: WriteContext, integer: boolean): number {
  const hint = numberRangeFor(context.name);
  let low = numberKeyword(node, 'minimum') ?? -Infinity;
  let high = numberKeyword(node, 'maximum') ?? Infinity;
  const exclusiveLow = exclusiveBound(node, 'exclusiveMinimum', 'minimum');
  const exclusiveHigh = exclusiveBound(node, 'exclusiveMaximum', 'maximum');
  if (exclusiveLow != null) low = Math.max(low, integer ? Math.floor(exclusiveLow) + 1 : exclusiveLow);
  if (exclusiveHigh != null) high = Math.min(high, integer ? Math.ceil(exclusiveHigh) - 1 : exclusiveHigh);
  if (integer) {
    low = Math.ceil(low);
    high = Math.floor(high);
  }
  // A plausible range inside the allowed one: the name's, else 0-100; next to the bounds when apart.
  const span = hint.high - hint.low;
  let from = Math.max(low, hint.low);
  let to = Math.min(high, hint.high);
  if (from > to) {
    from = Number.isFinite(low) ? low : high - span;
    to = Number.isFinite(high) ? Math.min(high, from + span) : from + span;
  }
  const multipleOf = numberKeyword(node, 'multipleOf');
  if (multipleOf != null && multipleOf > 0) {
    const first = Math.ceil(from / multipleOf);
    const last = Math.floor(to / multipleOf);
    if (first <= last) return roundAway(context.random.integer(first, Math.min(last, first + 1_000)) * multipleOf, multipleOf);
  }
  if (integer) return context.random.integer(Math.ceil(from), Math.floor(to));
  const drawn = from + context.random.next() * (to - from);
  const rounded = Math.round(drawn * 100) / 100;
  const fits = (value: number) =>
    value >= low && value <= high && (exclusiveLow == null || value > exclusiveLow) && (exclusiveHigh == null || value < exclusiveHigh);
  return fits(rounded) ? rounded : fits(drawn) ? drawn : (from + to) / 2;
}

/** A typical range for a number by its property's name; 0-100 when the name says nothing. */
function numberRangeFor(name: string): { low: number; high: number } {
  const lower = name.toLowerCase();
  if (/age/.test(lower)) return { low: 18, high: 80 };
  if (/year/.test(lower)) return { low: 1950, high: 2025 };
  if (/(?:score|rating|stars|level|difficulty)/.test(lower)) return { low: 1, high: 10 };
  if (/(?:probability|confidence|ratio|fraction|weight)/.test(lower)) return { low: 0, high: 1 };
  if (/(?:price|cost|amount|salary|budget)/.test(lower)) return { low: 5, high: 500 };
  if (/(?:count|number|quantity|total|size|length)/.test(lower)) return { low: 1, high: 20 };
  return { low: 0, high: 100 };
}

/** The exclusive bound of draft 2020-12 (a number), or of draft 04 (a boolean beside `minimum`). */
function exclusiveBound(node: JsonSchema, keyword: string, inclusiveKeyword: string): number | undefined {
  const value = node[keyword];
  if (typeof value === 'number') return value;
  if (value === true) return numberKeyword(node, inclusiveKeyword);
  return undefined;
}

function stringOf(node: JsonSchema, context: WriteContext): string {
  const format = typeof node['format'] === 'string' ? node['format'] : undefined;
  const text = format == null ? textFor(context) : formatted(format, context);
  const pattern = typeof node['pattern'] === 'string' ? patternOf(node['pattern']) : undefined;
  const candidates = [text, ...(pattern == null ? [] : patternCandidates(context))];
  const chosen = pattern == null ? text : (candidates.find((candidate) => pattern.test(candidate)) ?? text);
  return fitLength(chosen, numberKeyword(node, 'minLength'), numberKeyword(node, 'maxLength'), context);
}

/** Text for a string property, chosen by its name. */
function textFor(context: WriteContext): string {
  const { name, subject, random } = context;
  const lower = name.toLowerCase();
  if (/(?:email|e-mail)/.test(lower)) return formatted('email', context);
  if (/(?:url|link|website|homepage|uri)$/.test(lower)) return formatted('uri', context);
  if (/(?:^id$|_id$|Id$|uuid)/.test(name)) return formatted('uuid', context);
  if (/(?:date|time|created|updated)/.test(lower)) return formatted('date', context);
  if (/(?:language|locale)/.test(lower)) return random.pick(['English', 'French', 'Spanish', 'German', 'Japanese']);
  if (/country/.test(lower)) return random.pick(['Canada', 'Kenya', 'Japan', 'Brazil', 'Norway', 'India']);
  if (/city/.test(lower)) return random.pick(['Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Melbourne', 'Lyon']);
  if (/(?:question|prompt|query|request|instruction)/.test(lower)) return random.pick(questionShapes)(subject);
  if (/(?:name|title|label|heading|topic|category|tag|keyword|subject)/.test(lower)) return upperFirst(random.pick(subjectFacets)(subject));
  if (/(?:answer|text|description|summary|explanation|content|body|reason|reasoning|rationale|justification|comment|feedback|message|response|details|notes?)$/.test(lower)) {
    return writeText(context.prompt, random);
  }
  return lowerFirst(random.pick(subjectFacets)(subject));
}

function formatted(format: string, context: WriteContext): string {
  const { random, subject } = context;
  const date = new Date(Date.UTC(random.integer(2015, 2025), random.integer(0, 11), random.integer(1, 28), random.integer(0, 23), random.integer(0, 59), random.integer(0, 59)));
  switch (format) {
    case 'date-time':
      return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'date':
      return date.toISOString().slice(0, 10);
    case 'time':
      return date.toISOString().slice(11, 19);
    case 'email':
      return `${random.pick(['alex', 'sam', 'kim', 'jordan', 'maria', 'li'])}.${random.pick(['lee', 'garcia', 'smith', 'chen', 'okafor'])}@example.com`;
    case 'uri':
    case 'url':
    case 'uri-reference':
    case 'iri':
      return `https://example.com/${slugOf(subject)}`;
    case 'uuid':
      return uuidOf(random);
    case 'hostname':
      return `${slugOf(subject)}.example.com`;
    case 'ipv4':
      return `192.0.2.${random.integer(1, 254)}`;
    default:
      return textFor({ ...context, name: '' });
  }
}

/** A version 4 UUID from the seeded random numbers. */
function uuidOf(random: SeededRandom): string {
  const hex = (length: number) => Array.from({ length }, () => random.integer(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

/** Shapes tried, in order, against a `pattern` the text does not match. */
function patternCandidates(context: WriteContext): string[] {
  const { subject, random } = context;
  const word = subject.split(/\s+/).find((part) => /^[A-Za-z]{3,}$/.test(part)) ?? 'topic';
  return [
    slugOf(subject),
    word.toLowerCase(),
    upperFirst(word.toLowerCase()),
    word.toUpperCase(),
    String(random.integer(1, 9999)),
    String(random.integer(10, 99)),
    uuidOf(random),
    formatted('email', context),
    formatted('date', context),
    formatted('date-time', context),
    formatted('uri', context),
  ];
}

function patternOf(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

/** Pads a short text with more words about the subject, and cuts a long one at a word if it can. */
function fitLength(text: string, minimum: number | undefined, maximum: number | undefined, context: WriteContext): string {
  let result = text;
  while (minimum != null && [...result].length < minimum) result = `${result} ${lowerFirst(context.random.pick(subjectFacets)(context.subject))}`.trim();
  if (maximum != null && [...result].length > maximum) {
    const cut = [...result].slice(0, maximum).join('');
    const atWord = cut.replace(/\s+\S*$/, '');
    result = atWord.length >= Math.max(minimum ?? 0, 1) ? atWord : cut;
  }
  return result;
}

function slugOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'item';
}

function numberKeyword(node: JsonSchema, keyword: string): number | undefined {
  const value = node[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function withoutKeys(node: JsonSchema, ...keys: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...node };
  for (const key of keys) delete copy[key];
  return copy;
}

/** Removes the floating-point noise of `n * step` (0.30000000000000004 becomes 0.3). */
function roundAway(value: number, step: number): number {
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step)) + 2));
  return Number(value.toFixed(decimals));
}
