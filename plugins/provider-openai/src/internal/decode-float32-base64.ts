/**
 * The floats of an embedding sent with `encoding_format: "base64"`: base64 of little-endian float32
 * values, the OpenAI API's byte order on every platform (read with an explicit byte order, not the
 * machine's). Undefined when the text is not base64 of whole float32 values.
 */
export function decodeFloat32Base64(text: string): number[] | undefined {
  if (!base64Pattern.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Array<number>(bytes.length / 4);
  for (let index = 0; index < values.length; index++) values[index] = view.getFloat32(index * 4, true);
  return values;
}

// --- Internal helpers ---

/** Standard base64, padded to whole groups of four characters. */
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
