/** Words (32-bit) of an id prefix, as {@link writeIdPrefix} writes it: 128 bits. */
export const idPrefixWords = 4;

/**
 * Writes a fixed-width, order-preserving prefix of `id` into `out[offset..offset + 3]`: 16 bytes,
 * big-endian in four unsigned words, so that comparing two prefixes word by word orders the ids
 * as JavaScript's `<` does (UTF-16 code units), whenever the prefixes differ. Equal prefixes do
 * not mean equal ids (ids longer than the prefix, or a trailing U+0000): compare the whole ids then.
 *
 * The code units are encoded so that ASCII ids (engine `_id`s are 16 hex characters) take one byte
 * a character and fit whole: a unit below 0x80 is one byte; any other unit is three bytes, 0x80 +
 * its top 7 bits, its next 8 bits, its lowest bit. The code is prefix-free and keeps the order of
 * the units, so the order of byte strings is the order of the ids.
 */
export function writeIdPrefix(id: string, out: Uint32Array, offset: number): void {
  let word = 0;
  let bytesInWord = 0;
  let written = 0;
  const put = (byte: number): void => {
    word = (word << 8) | byte;
    if (++bytesInWord === 4) {
      out[offset + written++] = word >>> 0;
      word = 0;
      bytesInWord = 0;
    }
  };
  for (let index = 0; index < id.length && written < idPrefixWords; index++) {
    const unit = id.charCodeAt(index);
    if (unit < 0x80) {
      put(unit);
    } else {
      put(0x80 | (unit >>> 9));
      if (written < idPrefixWords) put((unit >>> 1) & 0xff);
      if (written < idPrefixWords) put(unit & 1);
    }
  }
  while (written < idPrefixWords) put(0);
}

/**
 * Compares the id prefixes at `left[leftOffset]` and `right[rightOffset]`: negative, zero or
 * positive as JavaScript orders the ids, zero meaning "compare the whole ids".
 */
export function compareIdPrefixes(left: Uint32Array, leftOffset: number, right: Uint32Array, rightOffset: number): number {
  for (let word = 0; word < idPrefixWords; word++) {
    const difference = left[leftOffset + word]! - right[rightOffset + word]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Orders two ids by plain string comparison (UTF-16 code units), the order every dedup rule uses. */
export function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
