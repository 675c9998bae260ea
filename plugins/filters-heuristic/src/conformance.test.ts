import { describeFilterConformance } from '@synthkit/testkit/conformance';
import plugin from './index';

// Every filter of the plugin passes the filter conformance kit, with its defaults and with options
// that change how it scores.
const optionSets: Record<string, ReadonlyArray<unknown>> = {
  'word-count': [{}, { min_words: 1, max_words: 5 }],
  'non-alpha-numeric': [{}, { max_non_alpha_numeric_to_text_ratio: 0.5 }],
  'mean-word-length': [{}, { min_mean_word_length: 1, max_mean_word_length: 4 }],
  'repeated-lines': [{}, { max_repeated_line_fraction: 0.9 }],
};

for (const [name, definition] of Object.entries(plugin.filters)) {
  describeFilterConformance({ name: `heuristic:${name}`, definition, options: optionSets[name] ?? [{}] });
}
