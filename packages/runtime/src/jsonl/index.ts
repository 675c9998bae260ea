export { createJsonlReader, type JsonlReader, type JsonlReaderOptions } from './create-jsonl-reader';
export { createJsonlWriter, type JsonlWriter, type JsonlWriterOptions } from './create-jsonl-writer';
export { JsonlParseError } from './jsonl-parse-error';
export { JsonlWriteError } from './jsonl-write-error';
export { readJsonl, type ReadJsonlOptions } from './read-jsonl';
export { createAppendOnlyJsonlWriter, type AppendOnlyJsonlWriter } from './create-append-only-jsonl-writer';
