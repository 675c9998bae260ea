import { createModifier, defineModifier, strictOptionsObject } from '@synthkit/core';
import { removeMarkdown } from '@synthkit/text-processing';
import type { z } from 'zod';

const noOptionsSchema: z.ZodType<Record<string, never>, Record<string, never> | undefined> = strictOptionsObject({}).prefault({}) as never;

/**
 * `heuristic:markdown-remover`: removes inline Markdown, line by line, like NeMo Curator's
 * `MarkdownRemover` (with `removeMarkdown` of `@synthkit/text-processing`): `**bold**`, then
 * `*italic*`, then `_underlined_` lose their markers, and a link `[text](target)` becomes its target.
 * Headings, lists and code are left alone; like NeMo's, it joins snake_case words (`max_len` →
 * `maxlen`). No options.
 */
export const markdownRemoverModifier = defineModifier({
  description: 'Removes inline Markdown (**bold**, *italic*, _underline_, [text](link) → link) line by line, like NeMo Curator MarkdownRemover.',
  options: noOptionsSchema,
  create: () => ({ modify: (text) => removeMarkdown(text) }),
});

/** Creates the `heuristic:markdown-remover` modifier without the plugin registry. */
export function createMarkdownRemoverModifier() {
  return createModifier(markdownRemoverModifier, {}, 'heuristic:markdown-remover');
}
