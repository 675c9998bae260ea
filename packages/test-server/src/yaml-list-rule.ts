import type { AnswerRule } from './answer-rule';
import { matchPrompt } from './internal/match-prompt';

/** Options of {@link yamlListRule}. */
export interface YamlListRuleOptions {
  /** Tested against the prompt, e.g. `/convert .* into a yaml list/i`. */
  readonly match: RegExp;
  /**
   * Picks the text whose list items are converted, e.g. the part of the prompt after a marker.
   * Default: the whole prompt (lines that are not list items are ignored anyway).
   */
  readonly source?: (prompt: string) => string;
}

/**
 * Plays a model asked to convert a list into YAML: when `match` matches the prompt, finds the list
 * lines in `source(prompt)` (numbered `1.` / `1)` or bulleted `-` / `*`) and answers a YAML block
 * sequence of their texts, each quoted with `JSON.stringify` so the YAML is valid whatever the text
 * holds. Answers `[]` when there are no list lines.
 *
 * ```ts
 * yamlListRule({ match: /yaml list/i })
 * // "Convert to a yaml list:\n1. Cats\n2. Dogs" -> '- "Cats"\n- "Dogs"'
 * ```
 */
export function yamlListRule({ match, source = (prompt) => prompt }: YamlListRuleOptions): AnswerRule {
  return (request) => {
    if (matchPrompt(match, request.prompt) == null) return undefined;
    const items = listItems(source(request.prompt));
    if (items.length === 0) return '[]';
    return items.map((item) => `- ${JSON.stringify(item)}`).join('\n');
  };
}

// --- Internal helpers ---

/** `1. text`, `1) text`, `- text` or `* text`, with optional indentation. */
const listLinePattern = /^\s*(?:\d+[.)]|[-*])\s+(.*\S)\s*$/;

function listItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const found = listLinePattern.exec(line);
    if (found?.[1] != null) items.push(found[1]);
  }
  return items;
}
