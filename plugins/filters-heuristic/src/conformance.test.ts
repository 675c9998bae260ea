import { describeFilterConformance, describeModifierConformance } from '@synthkit/testkit/conformance';
import plugin from './index';

// Every filter and modifier of the plugin passes the conformance kit of its kind, with its defaults
// (or the options it requires) and with options that change how it scores or rewrites.
const filterOptionSets: Record<string, ReadonlyArray<unknown>> = {
  'word-count': [{}, { min_words: 1, max_words: 5 }],
  'non-alpha-numeric': [{}, { max_non_alpha_numeric_to_text_ratio: 0.5 }],
  'mean-word-length': [{}, { min_mean_word_length: 1, max_mean_word_length: 4 }],
  'repeated-lines': [{}, { max_repeated_line_fraction: 0.9 }],
  'symbols-to-words': [{}, { max_symbol_to_word_ratio: 0 }],
  numbers: [{}, { max_number_to_text_ratio: 0 }],
  urls: [{}, { max_url_to_text_ratio: 0 }],
  bullets: [{}, { max_bullet_lines_ratio: 0 }],
  whitespace: [{}, { max_white_space_ratio: 0.1 }],
  parentheses: [{}, { max_parentheses_ratio: 0 }],
  'long-word': [{}, { max_word_length: 5 }],
  'boilerplate-string': [{}, { max_boilerplate_string_ratio: 0, remove_if_at_top_or_bottom: false }],
  'repeated-paragraphs': [{}, { max_repeated_paragraphs_ratio: 1 }],
  'repeated-lines-by-char': [{}, { max_repeated_lines_char_ratio: 1 }],
  'repeated-paragraphs-by-char': [{}, { max_repeated_paragraphs_char_ratio: 1 }],
  'repeating-top-ngrams': [{}, { n: 4, max_repeating_ngram_ratio: 0.16 }],
  'repeating-duplicate-ngrams': [{}, { n: 10, max_repeating_duplicate_ngram_ratio: 0.1 }],
  punctuation: [{}, { max_num_sentences_without_endmark_ratio: 0.5 }],
  ellipsis: [{}, { max_num_lines_ending_with_ellipsis_ratio: 0 }],
  'common-english-words': [{}, { min_num_common_words: 3, stop_at_false: false }],
  'words-without-alphabets': [{}, { min_words_with_alphabets: 1 }],
  'token-count': [{}, { min_tokens: 5, max_tokens: 100 }],
  substring: [
    { substring: 'the', position: 'any' },
    { substring: 'word', position: 'prefix' },
    { substring: '\r\n', position: 'suffix' },
  ],
  'length-ratio': [{ target_field: 'text' }, { target_field: 'text', max_ratio: 1 }],
  'python-comment-to-code': [{}, { min_comment_to_code_ratio: 0, max_comment_to_code_ratio: 0.5 }],
  'general-comment-to-code': [{ language: 'text/x-c' }, { language: 'text/html' }, { language: 'text/x-shellscript' }, { language: 'text/x-python' }],
  'number-of-lines-of-code': [{}, { min_lines: 1, max_lines: 3 }],
  'xml-header': [{}, { char_prefix_search_length: 5 }],
  alpha: [{}, { min_alpha_ratio: 0.9 }],
  'html-boilerplate': [{}, { min_lang_content_ratio: 0.5, min_lang_content_num_chars: 0 }],
  'score-only': [{ filter: 'heuristic:word-count' }, { filter: 'urls', options: { max_url_to_text_ratio: 0 } }],
  'score-field': [
    // The kit scores the same text with different records: only a path absent from all is stable.
    { path: 'text', min: 0 },
    { path: 'no.such.field', filter: 'heuristic:word-count' },
  ],
  sequential: [
    { steps: [{ filter: 'heuristic:word-count', options: { min_words: 3 } }, { filter: 'heuristic:urls' }] },
    { steps: [{ modifier: 'heuristic:markdown-remover' }, { filter: 'heuristic:punctuation', invert: true }, { filter: 'heuristic:token-count' }] },
  ],
};

const modifierOptionSets: Record<string, ReadonlyArray<unknown>> = {
  slicer: [{}, { left: 'the', right: '.', include_left: false, strip: false }, { left: -10 }],
  'line-remover': [{ patterns: ['- a bullet', ''] }],
  'unicode-normalizer': [{}, { form: 'NFKC' }, { form: 'NFD' }],
};

const extraSamples = [
  '#\n#\n# ## ... … [...]\n• one\n• two\n',
  'Visit https://example.com/porn?x=1 and http://a.b/c today... read more',
  'the cat and the dog\n\nthe cat and the dog\n\nthe cat and the dog',
  '<?xml version="1.0"?>\n<root><!-- a comment --><item>text &amp; more</item></root>',
  'def f(x):\n    """Doc string."""\n    return x  # a comment\n',
  'int main() { /* block */ return 0; // line\n}',
];

for (const [name, definition] of Object.entries(plugin.filters)) {
  describeFilterConformance({ name: `heuristic:${name}`, definition, options: filterOptionSets[name] ?? [{}], samples: extraSamples });
}
for (const [name, definition] of Object.entries(plugin.modifiers)) {
  describeModifierConformance({ name: `heuristic:${name}`, definition, options: modifierOptionSets[name] ?? [{}], samples: extraSamples });
}
