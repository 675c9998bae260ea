import type { AnswerRequest, AnswerRule } from './answer-rule';
import { matchPrompt } from './internal/match-prompt';

/** Options of {@link listRule}. */
export interface ListRuleOptions {
  /**
   * Tested against the prompt; its first capture group must be the number of items asked for,
   * e.g. `/list (\d+) topics/`. When the group is missing or not a whole number, the rule passes.
   */
  readonly match: RegExp;
  /**
   * Text of one item. `index` counts from 0; `match` is the prompt match, so items can reuse its
   * capture groups.
   */
  readonly item: (index: number, match: RegExpMatchArray, request: AnswerRequest) => string;
  /** `numbered` gives `1. item` lines, `bulleted` gives `- item` lines. Default: `numbered`. */
  readonly style?: 'numbered' | 'bulleted';
}

/**
 * Plays a model that is asked for N items: when `match` matches the prompt and its first capture
 * group is N, answers a list of exactly N lines (joined by `\n`, no trailing newline).
 *
 * ```ts
 * listRule({ match: /generate (\d+) subtopics/i, item: (index) => `Subtopic ${index + 1}` })
 * // "Generate 3 subtopics" -> "1. Subtopic 1\n2. Subtopic 2\n3. Subtopic 3"
 * ```
 */
export function listRule({ match, item, style = 'numbered' }: ListRuleOptions): AnswerRule {
  return (request) => {
    const found = matchPrompt(match, request.prompt);
    const countText = found?.[1]?.trim();
    if (found == null || countText == null || !/^\d+$/.test(countText)) return undefined;
    const count = Number(countText);
    const lines: string[] = [];
    for (let index = 0; index < count; index++) {
      const marker = style === 'numbered' ? `${index + 1}.` : '-';
      lines.push(`${marker} ${item(index, found, request)}`);
    }
    return lines.join('\n');
  };
}
