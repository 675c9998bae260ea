import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The first `maxBytes` of a file, read synchronously (for checks that must not wait, such as
 * `validate` sampling a seed file), and whether that is the whole file.
 *
 * @throws the system error when the file cannot be opened or read.
 */
export function readFileStart(path: string, maxBytes: number): { bytes: Buffer; wholeFile: boolean } {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length > maxBytes ? { bytes: buffer.subarray(0, maxBytes), wholeFile: false } : { bytes: buffer.subarray(0, length), wholeFile: true };
  } finally {
    closeSync(descriptor);
  }
}
