/** JSON with object keys sorted by code point, so equal values always give equal text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry != null && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0)))
      : entry,
  );
}
