/**
 * NeMo Curator's knowledge list post-processor: drops the first line when it does not begin with
 * `-` (a heading or an introduction the model added), removes the first two characters of every
 * line that begins with `- ` or two spaces (a bullet, or the indentation of a bullet's continuation)
 * and trims it, and keeps the other lines as they are.
 *
 * ```ts
 * formatKnowledgeList('Key facts:\n- Tides rise twice a day.\n  Springs are higher.'); // 'Tides rise twice a day.\nSprings are higher.'
 * ```
 */
export function formatKnowledgeList(text: string): string {
  return text
    .split('\n')
    .filter((line, index) => index > 0 || line.startsWith('-'))
    .map((line) => (line.startsWith('- ') || line.startsWith('  ') ? line.slice(2).trim() : line))
    .join('\n');
}
