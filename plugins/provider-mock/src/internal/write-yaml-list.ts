/**
 * True for a prompt that asks to convert, copy or reformat a list into a YAML list, like the
 * Nemotron tasks' converter step ("Copy the items of that list into a YAML list of strings").
 */
export function isYamlConversion(prompt: string): boolean {
  return (
    /\byaml\b/i.test(prompt) &&
    /\blist\b/i.test(prompt) &&
    /\b(?:convert|copy|reformat|format|turn|rewrite|transform|extract|put)\b/i.test(prompt)
  );
}

/**
 * The items of the list the prompt holds, copied verbatim into a YAML list of double-quoted
 * strings (one `- "item"` line each), so every item occurs word for word in the original list.
 *
 * The list is looked for between `--- START OF TEXT ---` and `--- END OF TEXT ---` markers when
 * the prompt has them, else in the first code fence, else in the whole prompt. Its items are the
 * lines numbered `1.` or `1)`; when there are none, the lines bulleted `-`, `*` or `•`. An empty
 * list is written as `[]`.
 */
export function writeYamlList(prompt: string): string {
  const items = listItemsOf(sourceOf(prompt));
  if (items.length === 0) return '[]';
  // JSON strings are valid YAML double-quoted scalars: quotes, backslashes and control characters escaped.
  return items.map((item) => `- ${JSON.stringify(item)}`).join('\n');
}

// --- Internal helpers ---

function sourceOf(prompt: string): string {
  const marked = /-{3}\s*START OF TEXT\s*-{3}\r?\n([\s\S]*?)\r?\n?-{3}\s*END OF TEXT\s*-{3}/i.exec(prompt)?.[1];
  if (marked != null) return marked;
  const fenced = /```[\w-]*\r?\n([\s\S]*?)```/.exec(prompt)?.[1];
  return fenced ?? prompt;
}

function listItemsOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const numbered = lines.flatMap((line) => itemOf(/^\s*\d+[.)]\s+(.*\S)\s*$/, line));
  if (numbered.length > 0) return numbered;
  return lines.flatMap((line) => itemOf(/^\s*[-*•]\s+(.*\S)\s*$/, line));
}

function itemOf(pattern: RegExp, line: string): string[] {
  const item = pattern.exec(line)?.[1]?.trim();
  return item == null || item === '' ? [] : [item];
}
