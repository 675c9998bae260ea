import { readSync, writeSync } from 'node:fs';

/** Writes `length` bytes of `view` at `position`, however many calls it takes. */
export function writeFully(file: number, view: NodeJS.ArrayBufferView, length: number, position: number): void {
  let done = 0;
  while (done < length) done += writeSync(file, view, done, length - done, position + done);
}

/** Reads `length` bytes at `position` into `view`, or throws if the file ends first. */
export function readFully(file: number, view: NodeJS.ArrayBufferView, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const read = readSync(file, view, done, length - done, position + done);
    if (read === 0) throw new Error(`Unexpected end of a dedup working file at byte ${position + done}: the folder was changed while the stage ran.`);
    done += read;
  }
}
