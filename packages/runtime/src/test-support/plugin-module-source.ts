/**
 * Source of a minimal plugin module (plain object, no imports) with one filter, for loader tests.
 * `extra` is spliced into the manifest object literal.
 */
export function pluginModuleSource({
  name,
  version = '1.0.0',
  namespace,
  extra = '',
}: {
  name: string;
  version?: string;
  namespace: string;
  extra?: string;
}): string {
  return `const passAll = {
  specificationVersion: 'v1',
  description: 'Keeps every record.',
  options: { safeParse: (value) => ({ success: true, data: value }) },
  create: () => ({ specificationVersion: 'v1', score: () => true, keep: (score) => score === true }),
};
export default {
  specificationVersion: 'v1',
  meta: { name: ${JSON.stringify(name)}, version: ${JSON.stringify(version)}, namespace: ${JSON.stringify(namespace)} },
  filters: { 'pass-all': passAll },
  ${extra}
};
`;
}
