import { DocumentSourceError } from './document-source-error';

/**
 * The text of a document file: its bytes decoded as UTF-8, without a leading byte order mark.
 *
 * @param bytes the file's bytes, or its first bytes (`partial: true`), where a character cut at the
 *   end is not an error.
 * @throws DocumentSourceError when the file holds a NUL byte (a binary file: an image, a PDF, a
 *   compressed archive) or bytes that are not UTF-8 (text saved in another encoding); the message
 *   names the file and the byte offset, and says how to fix it.
 */
export function decodeDocument(bytes: Uint8Array, where: { readonly source: string; readonly file: string; readonly partial?: boolean }): string {
  const { source, file } = where;
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new DocumentSourceError({
      source,
      file,
      message:
        `source "${source}": ${file} is not a text file (a NUL byte at offset ${nul}). A source of documents reads text files only: ` +
        'narrow the pattern to them (e.g. "docs/**/*.md"), or convert the file to plain text (PDF and Word files need a text extractor first).',
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: where.partial === true });
  } catch (error) {
    throw new DocumentSourceError({
      source,
      file,
      message:
        `source "${source}": ${file} is not UTF-8 text (invalid byte at offset ${firstInvalidByte(bytes)}). ` +
        'Save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`), or leave it out of the pattern.',
      cause: error,
    });
  }
}

// --- Internal helpers ---

/**
 * The offset of the first byte that is not part of valid UTF-8: where the lenient decoding puts its
 * first replacement character that is not a U+FFFD written in the file itself (bytes EF BF BD).
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  for (let index = text.indexOf(replacement); index !== -1; index = text.indexOf(replacement, index + 1)) {
    const offset = encoder.encode(text.slice(0, index)).length;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length;
}

const replacement = '\uFFFD';
