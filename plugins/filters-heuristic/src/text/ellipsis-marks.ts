/**
 * NeMo Curator's ellipsis marks: a line ending with one of them is clipped (`heuristic:ellipsis`), a
 * word equal to one is a symbol word (`heuristic:symbols-to-words`; the two with a space never equal
 * a word).
 */
export const ellipsisMarks: ReadonlySet<string> = new Set(['...', '[...]', '…', '(...)', '[…]', '-»', 'read more..', 'read more']);
