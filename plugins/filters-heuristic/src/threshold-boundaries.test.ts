import { describe, expect, it } from 'vitest';
import {
  createAlphaFilter,
  createBoilerplateStringFilter,
  createBulletsFilter,
  createCommonEnglishWordsFilter,
  createEllipsisFilter,
  createGeneralCommentToCodeFilter,
  createHtmlBoilerplateFilter,
  createLengthRatioFilter,
  createLineRemoverModifier,
  createLongWordFilter,
  createMarkdownRemoverModifier,
  createNumberOfLinesOfCodeFilter,
  createNumbersFilter,
  createParenthesesFilter,
  createPornographicUrlsFilter,
  createPunctuationFilter,
  createPythonCommentToCodeFilter,
  createQuotationRemoverModifier,
  createRepeatedLinesByCharFilter,
  createRepeatedParagraphsByCharFilter,
  createRepeatedParagraphsFilter,
  createRepeatingDuplicateNgramsFilter,
  createRepeatingTopNgramsFilter,
  createScoreFieldFilter,
  createScoreOnlyFilter,
  createSequentialFilter,
  createSlicerModifier,
  createSubstringFilter,
  createSymbolsToWordsFilter,
  createTokenCountFilter,
  createUnicodeNormalizerModifier,
  createUrlsFilter,
  createWhitespaceFilter,
  createWordsWithoutAlphabetsFilter,
  createXmlHeaderFilter,
} from './index';

/** Each filter on hand-made texts at its threshold and just either side of it (values as CPython gives them). */
interface Case {
  readonly text: string;
  readonly score: number;
  readonly kept: boolean;
}
function check(filter: { score(text: string): number; keep(score: number): boolean; describe(score: number): string }, cases: ReadonlyArray<Case>): void {
  for (const { text, score, kept } of cases) {
    expect(filter.score(text), JSON.stringify(text)).toBeCloseTo(score, 12);
    expect(filter.keep(filter.score(text)), `keep ${JSON.stringify(text)}`).toBe(kept);
    expect(filter.describe(filter.score(text))).toMatch(/\S/);
  }
}
const repeat = (piece: string, count: number) => Array.from({ length: count }, () => piece).join('');

describe('thresholds: kept at the threshold, dropped just past it', () => {
  it('symbols-to-words (≤ 0.1; # runs, ellipsis words; no words → −1)', () => {
    const words = (symbols: number, total: number) => [...repeat('# ', symbols).trim().split(' ').filter(Boolean), ...Array.from({ length: total - symbols }, () => 'w')].join(' ');
    check(createSymbolsToWordsFilter(), [
      { text: words(1, 10), score: 0.1, kept: true },
      { text: words(2, 19), score: 2 / 19, kept: false },
      { text: words(1, 11), score: 1 / 11, kept: true },
      { text: '## ### w w w w w w w w', score: 0, kept: true }, // one run each: not more than half
      { text: '#a# … w w w w w w w w', score: 0.2, kept: false },
      { text: ' \n', score: -1, kept: false },
    ]);
    expect(createSymbolsToWordsFilter().describe(-1)).toBe('no words');
  });

  it('numbers (≤ 0.15, ASCII digits only)', () => {
    check(createNumbersFilter(), [
      { text: `${repeat('1', 3)}${repeat('a', 17)}`, score: 0.15, kept: true },
      { text: `${repeat('1', 4)}${repeat('a', 16)}`, score: 0.2, kept: false },
      { text: '٣٤٥٦aaaa', score: 0, kept: true },
      { text: '', score: 1, kept: false },
    ]);
  });

  it('urls (≤ 0.2, URL characters over length)', () => {
    const url = 'http://a.io'; // 11 characters
    check(createUrlsFilter(), [
      { text: `${url} ${repeat('x', 43)}`, score: 11 / 55, kept: true },
      { text: `${url} ${repeat('x', 42)}`, score: 11 / 54, kept: false },
      { text: 'see https://x.y/{z} now', score: 12 / 23, kept: false }, // "{" ends the URL
    ]);
  });

  it('bullets (≤ 0.9 of lines; stripped line starts with a bullet)', () => {
    check(createBulletsFilter(), [
      { text: `${repeat('• item\n', 9)}plain`, score: 0.9, kept: true },
      { text: `${repeat('  ● item\n', 10)}`, score: 1, kept: false },
      { text: '- a\n* b\n', score: 0, kept: true },
      { text: '', score: -1, kept: false },
    ]);
  });

  it('whitespace (≤ 0.25: tab, newline, carriage return, backspace, space)', () => {
    check(createWhitespaceFilter(), [
      { text: 'abc abc abc ', score: 0.25, kept: true },
      { text: 'ab\tab\bab\r', score: 1 / 3, kept: false },
      { text: 'abc\u00a0abc', score: 0, kept: true }, // no-break space does not count
    ]);
  });

  it('parentheses (≤ 0.1)', () => {
    check(createParenthesesFilter(), [
      { text: `(${repeat('a', 18)})`, score: 0.1, kept: true },
      { text: `⟨${repeat('a', 17)}⟩`, score: 2 / 19, kept: false },
    ]);
  });

  it('long-word (≤ 1000 code points)', () => {
    check(createLongWordFilter(), [
      { text: `short ${repeat('x', 1000)}`, score: 1000, kept: true },
      { text: `${repeat('😀', 1001)} short`, score: 1001, kept: false },
      { text: '', score: -1, kept: false },
    ]);
  });

  it('boilerplate-string (≤ 0.4 of paragraphs; lorem ipsum → 1)', () => {
    const paragraphs = (notices: number, total: number) =>
      [...Array.from({ length: notices }, () => 'Read our Privacy Policy.'), ...Array.from({ length: total - notices }, (_, index) => `Paragraph ${index}.`)].join('\n\n');
    check(createBoilerplateStringFilter(), [
      { text: paragraphs(2, 5), score: 0.4, kept: true },
      { text: paragraphs(3, 5), score: 0.6, kept: false },
      { text: 'Body.\n\nLorem Ipsum dolor', score: 1, kept: false },
      { text: 'Our Coo\u212Aie Policy.\n\na\n\nb', score: 1 / 3, kept: true }, // the Kelvin sign lower-cases to k
    ]);
  });

  it('repeated-paragraphs (≥ 0.7 distinct)', () => {
    check(createRepeatedParagraphsFilter(), [
      { text: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'g', 'g', 'g'].join('\n\n'), score: 0.7, kept: true },
      { text: 'a\n\na\n\nb', score: 2 / 3, kept: false },
    ]);
  });

  it('repeated-lines-by-char and repeated-paragraphs-by-char (≥ 0.8 of characters)', () => {
    check(createRepeatedLinesByCharFilter(), [
      { text: `${repeat('x', 8)}\nab\nab`, score: 10 / 12, kept: true },
      { text: 'abcd\nabcd\nabcdefgh', score: 12 / 16, kept: false },
      { text: '\n \n', score: -1, kept: false },
    ]);
    check(createRepeatedParagraphsByCharFilter(), [
      { text: `${repeat('x', 12)}\n\nabcd\n\nabcd`, score: 0.8, kept: true },
      { text: 'abcd\n\nabcd\n\nabcdefgh', score: 0.75, kept: false },
      { text: '\n\n', score: -1, kept: false },
    ]);
  });

  it('repeating-top-ngrams (≤ 0.2: characters of every occurrence of the top n-gram)', () => {
    const filter = createRepeatingTopNgramsFilter();
    // "a b" occurs twice: 6 characters of 30.
    check(filter, [
      { text: `a b ${repeat('x', 10)} a b ${repeat('y', 11)}`, score: 6 / 30, kept: true },
      { text: `a b ${repeat('x', 10)} a b ${repeat('y', 10)}`, score: 6 / 29, kept: false },
      { text: 'one', score: 1, kept: false }, // fewer words than n
    ]);
    // Ties: the n-gram met first ("p q", not "r s") is removed, inside longer words too.
    expect(filter.score('p q r s p q r s p qq')).toBeCloseTo(9 / 20, 12);
  });

  it('repeating-duplicate-ngrams (≤ 0.2: characters inside repeated n-grams)', () => {
    check(createRepeatingDuplicateNgramsFilter(), [
      { text: `ab cd ${repeat('x', 13)} ab cd`, score: 5 / 25, kept: true },
      { text: `ab cd ${repeat('x', 12)} ab cd`, score: 5 / 24, kept: false },
      { text: 'a b a b a b', score: 7 / 11, kept: false }, // overlapping duplicates are counted once
    ]);
  });

  it('punctuation (≤ 0.85 of lines without an end mark) and ellipsis (≤ 0.3 ending with one)', () => {
    const lines = (without: number, total: number) => [...Array.from({ length: without }, () => 'no mark'), ...Array.from({ length: total - without }, () => 'done.')].join('\n');
    check(createPunctuationFilter(), [
      { text: lines(17, 20), score: 0.85, kept: true },
      { text: lines(18, 20), score: 0.9, kept: false },
      { text: 'quoted "\nsaid \'  ', score: 0, kept: true },
    ]);
    check(createEllipsisFilter(), [
      { text: 'a...\nb …\nc\nd\ne\nf\ng\nh\ni\nj [...]', score: 0.3, kept: true },
      { text: 'Read More\nb -»\nc', score: 2 / 3, kept: false },
      { text: 'a..\nb', score: 0, kept: true },
    ]);
  });

  it('common-english-words (≥ 2, exact lower case) and words-without-alphabets (≥ 0.8)', () => {
    check(createCommonEnglishWordsFilter(), [
      { text: 'the cat and the dog', score: 2, kept: true }, // stops counting at 2
      { text: 'The cat AND dog and', score: 1, kept: false },
    ]);
    expect(createCommonEnglishWordsFilter({ stop_at_false: false }).score('the cat and the dog')).toBe(3);
    check(createWordsWithoutAlphabetsFilter(), [
      { text: 'a b c d 1', score: 0.8, kept: true },
      { text: 'a b c 1 2', score: 0.6, kept: false },
      { text: 'ж 中 Ⅻ 1 2', score: 0.6, kept: false }, // letters of any script, letter numbers
      { text: '', score: -1, kept: false },
    ]);
  });

  it('pornographic-urls, substring, xml-header (yes/no scores)', () => {
    check(createPornographicUrlsFilter(), [
      { text: 'see https://example.com/porn/1', score: 1, kept: false },
      { text: 'see https://example.com/PORN porn', score: 0, kept: true },
    ]);
    check(createSubstringFilter({ substring: 'Answer:', position: 'prefix' }), [
      { text: 'Answer: yes', score: 1, kept: true },
      { text: ' Answer: yes', score: 0, kept: false },
    ]);
    expect(() => createSubstringFilter({ substring: 'x', position: 'middle' as never })).toThrow('position: must be one of prefix, suffix, any');
    check(createXmlHeaderFilter({ char_prefix_search_length: 14 }), [
      { text: '<?xml version="1.0"?>', score: 1, kept: false },
      { text: ' <?xml version="1.0"?>', score: 0, kept: true }, // the header ends past the first 14 characters
    ]);
  });

  it('code: lines of code (10 to 20000), alpha (≥ 0.25), comment ratios (0.01 to 0.85), HTML visible text (≥ 0.2)', () => {
    check(createNumberOfLinesOfCodeFilter(), [
      { text: repeat('x\n', 9), score: 10, kept: true },
      { text: repeat('x\n', 8), score: 9, kept: false },
    ]);
    check(createAlphaFilter(), [
      { text: 'ab123456', score: 0.25, kept: true },
      { text: 'a1234567', score: 0.125, kept: false },
    ]);
    const python = createPythonCommentToCodeFilter();
    const source = 'def f(x):\n    """Doc."""\n    return x  # c\n';
    expect(python.score(source)).toBeCloseTo((3 + 4) / source.length, 12);
    expect(python.keep(python.score(source))).toBe(true);
    expect(python.score("it's prose, not code")).toBe(0);
    expect(python.keep(python.score('x = 1\n'))).toBe(false);
    const c = createGeneralCommentToCodeFilter({ language: 'text/x-c' });
    const cSource = 'int x = 1; // one\nchar *s = "// no"; /* two */';
    expect(c.score(cSource)).toBeCloseTo((' one'.length + 1 + ' two '.length) / cSource.length, 12);
    expect(c.score('char *s = "open')).toBe(9999);
    const html = createHtmlBoilerplateFilter({ min_lang_content_num_chars: 10 });
    const page = `<html><script>var x = 1;</script><p>${repeat('word ', 4)}&amp;</p></html>`;
    expect(html.score(page)).toBeCloseTo(21 / page.length, 12);
    expect(html.score('<p>short</p>')).toBe(0);
  });

  it('length-ratio (< 3, strict) and token-count (Llama 3 tokens, begin-of-text included)', async () => {
    const ratio = createLengthRatioFilter({ target_field: 'translation' });
    expect(ratio.score('a b', { translation: 'x y z u v' })).toBe(2.5);
    expect(ratio.keep(2.5)).toBe(true);
    expect(ratio.keep(ratio.score('a', { translation: 'x y z' }))).toBe(false); // exactly 3
    expect(() => ratio.score('a', {})).toThrow('target_field "translation" is missing');
    const tokens = createTokenCountFilter({ min_tokens: 3, max_tokens: 4 });
    expect(await tokens.score('')).toBe(1);
    expect(await tokens.score('Hello world')).toBe(3);
    expect(tokens.keep(await tokens.score('Hello world'))).toBe(true);
    expect(tokens.keep(5)).toBe(false);
    expect(tokens.describe(5)).toBe('Llama 3 tokens 5, more than max_tokens 4');
  });
});

describe('wrappers', () => {
  it('score-only keeps everything and returns the inner score', () => {
    const filter = createScoreOnlyFilter({ filter: 'heuristic:word-count' });
    expect(filter.score('two words', {})).toBe(2);
    expect(filter.keep(2)).toBe(true);
    expect(() => createScoreOnlyFilter({ filter: 'judge:helpfulness' })).toThrow('wrappers chain heuristic:* items only');
    expect(() => createScoreOnlyFilter({ filter: 'word-count', options: { min_word: 1 } })).toThrow('heuristic:word-count: unknown option "min_word"');
  });

  it('score-field applies a filter rule or min/max to a stored score', () => {
    const byRule = createScoreFieldFilter({ path: '_meta.scores.words', filter: 'word-count', options: { min_words: 3 } });
    const record = { text: 'x', _meta: { scores: { words: 2 } } };
    expect(byRule.score('ignored', record)).toBe(2);
    expect(byRule.keep(2)).toBe(false);
    expect(byRule.describe(2)).toBe('stored score at _meta.scores.words: 2 words, fewer than min_words 3');
    const byRange = createScoreFieldFilter({ path: 'quality.score', min: 0.5 });
    expect(byRange.keep(byRange.score('', { quality: { score: 0.5 } }))).toBe(true);
    expect(byRange.score('', {})).toBe(false);
    expect(byRange.describe(false)).toBe('no number or boolean at quality.score');
    expect(() => createScoreFieldFilter({ path: 'x' })).toThrow('needs a rule');
  });

  it('sequential drops at the first failing filter, after modifiers, with invert per step', async () => {
    const filter = createSequentialFilter({
      steps: [{ modifier: 'markdown-remover' }, { filter: 'substring', options: { substring: '**', position: 'any' }, invert: true }, { filter: 'word-count', options: { min_words: 3 } }],
    });
    expect(await filter.score('**a** b c', {})).toBe(2);
    expect(filter.keep(2)).toBe(true);
    expect(await filter.score('a b', {})).toBe(1);
    expect(filter.describe(1)).toBe('dropped by filter step 2 of 2, heuristic:word-count');
    const withTokens = createSequentialFilter({ steps: [{ filter: 'token-count', options: { max_tokens: 2 } }, { filter: 'word-count', options: { min_words: 1 } }] });
    expect(await withTokens.score('Hello', {})).toBe(2);
    expect(() => createSequentialFilter({ steps: [{ modifier: 'slicer' }] })).toThrow('needs at least one filter step');
  });
});

describe('modifiers', () => {
  it('reuse text-processing: markdown, slicer, quotes, lines, unicode normalization', () => {
    expect(createMarkdownRemoverModifier().modify('**Note:** [x](https://a.b)', {})).toBe('Note: https://a.b');
    expect(createSlicerModifier({ left: 'Answer:', include_left: false }).modify('Q? Answer:  yes ', {})).toBe('yes');
    expect(createSlicerModifier({ right: 'missing' }).modify('text', {})).toBe('');
    expect(createQuotationRemoverModifier().modify('"quoted"', {})).toBe('quoted');
    expect(createLineRemoverModifier({ patterns: ['Passage:'] }).modify('Passage:\nbody', {})).toBe('body');
    expect(createUnicodeNormalizerModifier().modify('e\u0301', {})).toBe('é');
    expect(createUnicodeNormalizerModifier({ form: 'NFKC' }).modify('ﬁ', {})).toBe('fi');
  });
});
