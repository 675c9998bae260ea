import { z } from 'zod';

/**
 * What every Nemotron-CC task reads: the document's `text`, as web-text JSONL has it (`{ "text": ... }`)
 * and as `nemotron-cc:segments` writes each segment. The field is fixed, not an option, so that
 * `synthkit validate` and pipelines in code check that an earlier stage provides it.
 */
export const documentInputSchema = z.object({ text: z.string() });

/** A record with a document's text. */
export type DocumentInput = z.output<typeof documentInputSchema>;
