/**
 * Removes inline Markdown emphasis and links, line by line, by the rules of NeMo Curator's
 * `MarkdownRemover`, applied in this order on each line:
 *
 * 1. `**bold**` → `bold`
 * 2. `*italic*` → `italic`
 * 3. `_underlined_` → `underlined`
 * 4. `[text](target)` → `target` (the link's target is kept and its text dropped)
 *
 * Each rule pairs the nearest markers on the same line, never across a line break. Headings, list
 * markers, code and tables are left as they are. Like NeMo's, the underscore rule also joins words
 * written in snake_case (`max_num_pairs` → `maxnumpairs`): turn markdown removal off for text that
 * holds identifiers.
 *
 * ```ts
 * removeMarkdown('**Note:** see [the paper](https://arxiv.org/abs/2412.02595).');
 * // 'Note: see https://arxiv.org/abs/2412.02595.'
 * ```
 */
export function removeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(boldPattern, '$1')
        .replace(italicPattern, '$1')
        .replace(underlinePattern, '$1')
        .replace(linkPattern, '$1'),
    )
    .join('\n');
}

// --- Internal helpers ---

// `[^\n]` rather than `.`: JavaScript's `.` also stops at `\r`, U+2028 and U+2029, NeMo's (Python's) only at `\n`.
const boldPattern = /\*\*([^\n]*?)\*\*/g;
const italicPattern = /\*([^\n]*?)\*/g;
const underlinePattern = /_([^\n]*?)_/g;
const linkPattern = /\[[^\n]*?\]\(([^\n]*?)\)/g;
