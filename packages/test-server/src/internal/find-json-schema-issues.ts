/**
 * What keeps `value` from fitting `schema`, as readable lines (`$.tags[1]: expected a string, got
 * 3`); empty when it fits. Checks the part of JSON Schema that says what an answer is made of:
 * `type` (one or a list), `enum`, `const`, and for objects `properties`, `required` and
 * `additionalProperties: false`, for arrays `items`. Lengths, bounds, patterns and formats are not
 * checked: a grammar-constrained local model is held to the shape, and the engine checks the rest.
 */
export function findJsonSchemaIssues(value: unknown, schema: unknown, path = '$'): string[] {
  if (schema === true || schema == null) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  if (typeof schema !== 'object' || Array.isArray(schema)) return [`${path}: the schema is not an object`];
  const rules = schema as Readonly<Record<string, unknown>>;
  const issues: string[] = [];
  const types = rules['type'] == null ? undefined : ([] as unknown[]).concat(rules['type']);
  if (types != null && !types.some((type) => typeof type === 'string' && hasType(value, type))) {
    return [`${path}: expected ${types.map((type) => article(String(type))).join(' or ')}, got ${describeValue(value)}`];
  }
  if (Array.isArray(rules['enum']) && !rules['enum'].some((allowed) => sameJson(allowed, value))) {
    issues.push(`${path}: expected one of ${rules['enum'].map((allowed) => JSON.stringify(allowed)).join(', ')}, got ${describeValue(value)}`);
  }
  if ('const' in rules && !sameJson(rules['const'], value)) {
    issues.push(`${path}: expected ${JSON.stringify(rules['const'])}, got ${describeValue(value)}`);
  }
  if (isPlainObject(value)) {
    const properties = isPlainObject(rules['properties']) ? rules['properties'] : {};
    for (const name of Array.isArray(rules['required']) ? rules['required'] : []) {
      if (typeof name === 'string' && !(name in value)) issues.push(`${path}: the required property "${name}" is missing`);
    }
    for (const [name, member] of Object.entries(value)) {
      if (name in properties) issues.push(...findJsonSchemaIssues(member, properties[name], `${path}.${name}`));
      else if (rules['additionalProperties'] === false) issues.push(`${path}: the property "${name}" is not in the schema`);
      else issues.push(...findJsonSchemaIssues(member, rules['additionalProperties'], `${path}.${name}`));
    }
  }
  if (Array.isArray(value) && rules['items'] != null && !Array.isArray(rules['items'])) {
    value.forEach((item: unknown, index) => issues.push(...findJsonSchemaIssues(item, rules['items'], `${path}[${index}]`)));
  }
  return issues;
}

// --- Internal helpers ---

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

/** Equal as JSON text: enough for the strings, numbers and booleans of `enum` and `const`. */
function sameJson(first: unknown, second: unknown): boolean {
  return JSON.stringify(first) === JSON.stringify(second);
}

function article(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return value === undefined ? 'nothing' : `${typeof value} ${JSON.stringify(value)}`;
}
