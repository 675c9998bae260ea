import { z } from 'zod';

/** The `input_field` option every task of the plugin takes. */
export const inputFieldOptionSchema = z
  .string()
  .min(1)
  .default('text')
  .describe('The field that holds the document, e.g. raw_content for RedPajama-V2 records.');
