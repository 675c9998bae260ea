import { createFilter, defineFilter, strictOptionsObject } from '@synthkit/core';
import type { z } from 'zod';
import type { HeuristicTextFilter } from './heuristic-text-filter';
import { countOption } from './internal/option-schemas';

/** Options of `heuristic:xml-header`, named and defaulted like NeMo Curator's `XMLHeaderFilter`. */
export interface XmlHeaderFilterOptions {
  /** How many characters (code points) at the start of the source to search. Default 100, NeMo's. */
  readonly char_prefix_search_length?: number;
}

const xmlHeaderFilterOptionsSchema: z.ZodType<Required<XmlHeaderFilterOptions>, XmlHeaderFilterOptions | undefined> = strictOptionsObject({
  char_prefix_search_length: countOption(100, 'How many characters at the start of the source to search for <?xml version=.', 'characters'),
}).prefault({});

/**
 * `heuristic:xml-header` (StarCoder, Li et al., 2023): drops "code" files that are really XML, found
 * by their header, like NeMo Curator's `XMLHeaderFilter`.
 *
 * Score: 1 when `<?xml version=` occurs within the first `char_prefix_search_length` code points,
 * else 0. Keep: `score ≠ 1`.
 */
export const xmlHeaderFilter = defineFilter({
  description: 'Drops source whose first char_prefix_search_length characters contain "<?xml version=", like NeMo Curator XMLHeaderFilter (StarCoder).',
  options: xmlHeaderFilterOptionsSchema,
  create: (options) => {
    const prefixLength = options.char_prefix_search_length;
    return {
      options,
      score: (text) => (prefix(text, prefixLength).includes('<?xml version=') ? 1 : 0),
      keep: (score) => score !== 1,
      describe: (score) =>
        score === 1
          ? `an XML header "<?xml version=" in the first ${prefixLength} characters`
          : `no XML header in the first ${prefixLength} characters`,
    };
  },
});

/** Creates the `heuristic:xml-header` filter without the plugin registry (see {@link xmlHeaderFilter}). */
export function createXmlHeaderFilter(options?: XmlHeaderFilterOptions): HeuristicTextFilter<Required<XmlHeaderFilterOptions>> {
  return createFilter(xmlHeaderFilter, options, 'heuristic:xml-header');
}

// --- Internal helpers ---

/** The first `length` code points of `text` (Python's `text[:length]`). */
function prefix(text: string, length: number): string {
  let end = 0;
  for (let taken = 0; taken < length && end < text.length; taken++) {
    const codeUnit = text.charCodeAt(end);
    end += codeUnit >= 0xd800 && codeUnit <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return text.slice(0, end);
}
