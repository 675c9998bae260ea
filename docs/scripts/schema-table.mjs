import { propertySummaries } from '@synthkit/runtime';

// Tables of the keys of an object, read from its JSON Schema (`optionsJsonSchema` of
// @synthkit/runtime): key, type in words, default, description. Besides `description` and
// `default`, two annotations of synthkit's schemas are read: `defaultDescription`, the default in
// words when it is no fixed value (it depends on the model, an environment variable...), and
// `typeDescription`, the type in words when the schema cannot say it (a formatter's name, which
// the runtime resolves before the schema sees it).

/**
 * A Markdown table of an object schema's keys, one row per key, and a row per key of each object
 * a key may hold (`batch.max_requests`, `templates.<name>.user`).
 *
 * @param {unknown} schema an object JSON Schema.
 * @param {{ links?: Record<string, string>, leadingKey?: string }} [options] `links`: keys that have
 *   a section of their own, by key, with the Markdown link to it (their keys are not listed here);
 *   `leadingKey`: a key to list first (a stage's kind: `task`).
 */
export function schemaTable(schema, { links = {}, leadingKey } = {}) {
  const rows = keyRows(schema, '', links);
  if (leadingKey != null) rows.sort((left, right) => Number(right.key === leadingKey) - Number(left.key === leadingKey));
  if (rows.length === 0) return 'No keys.';
  return [
    '| key | type | default | description |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${cell(`\`${row.key}\``)} | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`),
  ].join('\n');
}

/**
 * What a JSON Schema accepts, in words: `whole number ≥ 1`, `text`, `one of \`keep\`, \`retry\``,
 * `list of text`, `map of text to text`, `\`true\`, \`false\` or an object (keys below)`.
 *
 * @param {Record<string, unknown>} schema
 */
export function readableType(schema) {
  if (typeof schema.typeDescription === 'string') return schema.typeDescription;
  const choices = literalChoices(schema);
  if (choices != null) return choices.length === 1 ? choices[0] : `one of ${choices.join(', ')}`;
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return joinAlternatives(union.flatMap((member) => alternativesOf(member)));
  if (Array.isArray(schema.type)) return joinAlternatives(schema.type.flatMap((type) => alternativesOf({ ...schema, type })));
  if (schema.$ref != null) return 'any JSON value';
  switch (schema.type) {
    case 'string':
      return schema.format === 'uri' ? 'URL' : schema.minLength >= 1 ? 'non-empty text' : 'text';
    case 'boolean':
      return '`true` or `false`';
    case 'integer':
      return `whole number${bounds(schema)}`;
    case 'number':
      return `number${bounds(schema)}`;
    case 'array':
      return schema.items == null ? 'list' : `list of ${readableType(schema.items)}`;
    case 'object':
      if (isRecord(schema)) return `map of text to ${isObjectWithKeys(schema.additionalProperties) ? 'an object' : readableType(schema.additionalProperties)}`;
      return 'an object';
    default:
      return 'any value';
  }
}

// --- Internal helpers ---

/** @returns {Array<{ key: string, type: string, default: string, description: string }>} */
function keyRows(schema, prefix, links) {
  const rows = [];
  for (const property of propertySummaries(schema)) {
    const key = `${prefix}${property.name}`;
    const link = links[property.name];
    rows.push({
      key,
      type: link == null ? readableType(property.schema) : `${property.schema.type === 'array' ? 'list' : 'map'}, see ${link}`,
      default: defaultOf(property),
      description: property.description ?? '',
    });
    if (link == null) rows.push(...nestedRows(property.schema, key, links));
  }
  const rest = schema?.additionalProperties;
  if (schema?.properties != null && rest != null && typeof rest === 'object') {
    rows.push({ key: `${prefix}<any other key>`, type: readableType(rest), default: 'none', description: rest.description ?? '' });
  }
  return rows;
}

/** Rows for the keys of the objects a property may hold: itself, a member of its union, a map's values. */
function nestedRows(schema, key, links) {
  const members = Array.isArray(schema.anyOf) ? schema.anyOf : [schema];
  return members.flatMap((member) => {
    if (isObjectWithKeys(member)) return keyRows(member, `${key}.`, links);
    if (isRecord(member) && isObjectWithKeys(member.additionalProperties)) return keyRows(member.additionalProperties, `${key}.<name>.`, links);
    return [];
  });
}

function defaultOf(property) {
  if ('default' in property) return typeof property.default === 'string' ? `\`${property.default}\`` : `\`${JSON.stringify(property.default)}\``;
  if (typeof property.schema.defaultDescription === 'string') return property.schema.defaultDescription;
  return property.required ? 'required' : 'none';
}

/** `` `a` `` for each value a schema allows, when it allows only listed values; else null. */
function literalChoices(schema) {
  if ('const' in schema) return [`\`${String(schema.const)}\``];
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `\`${String(value)}\``);
  const union = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(union)) return null;
  const members = union.map(literalChoices);
  return members.every((member) => member != null) ? members.flat() : null;
}

/** A union member as the alternatives it adds: a boolean adds `true` and `false`, an object "an object (keys below)". */
function alternativesOf(member) {
  const choices = literalChoices(member);
  if (choices != null) return choices;
  if (member.type === 'boolean') return ['`true`', '`false`'];
  if (isObjectWithKeys(member)) return ['an object (keys below)'];
  return [readableType(member)];
}

function joinAlternatives(alternatives) {
  const unique = [...new Set(alternatives)];
  return unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

/** ` ≥ 1`, ` from 0 to 1`, ` > 0`, or nothing: the bounds of a number, leaving out JavaScript's safe-integer limits. */
function bounds(schema) {
  const safe = (value) => typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER;
  let minimum = safe(schema.minimum) ? schema.minimum : undefined;
  let exclusiveMinimum = safe(schema.exclusiveMinimum) ? schema.exclusiveMinimum : undefined;
  const maximum = safe(schema.maximum) ? schema.maximum : undefined;
  if (schema.type === 'integer' && exclusiveMinimum !== undefined) {
    minimum = Math.floor(exclusiveMinimum) + 1;
    exclusiveMinimum = undefined;
  }
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return ` ≥ ${minimum}`;
  if (exclusiveMinimum !== undefined) return ` > ${exclusiveMinimum}`;
  if (maximum !== undefined) return ` ≤ ${maximum}`;
  return '';
}

function isObjectWithKeys(schema) {
  return schema != null && typeof schema === 'object' && schema.type === 'object' && schema.properties != null;
}

/** A map: an object schema whose keys are free, each value of one schema. */
function isRecord(schema) {
  return schema.type === 'object' && schema.properties == null && schema.additionalProperties != null && typeof schema.additionalProperties === 'object';
}

/** Text safe inside a table cell: no pipe ends the cell, no line break ends the row. */
function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}
