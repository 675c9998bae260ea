/**
 * Reads the verdict of a classifier's answer: its first word, case-insensitive, after any leading
 * whitespace, quotes, markdown emphasis (`**`, `_`, backticks) and punctuation. `yes` is `true`,
 * `no` is `false`; any other first word (`Maybe`, `Yesterday`, `Answer`), or no word at all, is
 * `undefined`, for the caller to reject.
 *
 * ```ts
 * parseYesNoAnswer('**No**, it is a sport.'); // false
 * parseYesNoAnswer(' yes, because…');          // true
 * parseYesNoAnswer('Maybe');                   // undefined
 * ```
 */
export function parseYesNoAnswer(answer: string): boolean | undefined {
  const firstWord = /^[\s\p{P}\p{S}]*([\p{L}\p{N}]+)/u.exec(answer)?.[1]?.toLowerCase();
  if (firstWord === 'yes') return true;
  if (firstWord === 'no') return false;
  return undefined;
}
