/**
 * The model roles every task of this plugin calls. Bind both in the recipe stage's `models` (or
 * `models.default`); the converter can be a smaller model, but it must copy text faithfully.
 */
export const listTaskModels = {
  generator:
    "Writes the numbered list (topics, questions, tasks, problems or revisions). Called with the role's recipe parameters as they are.",
  converter:
    'Copies the numbered list into a YAML list of strings: only for answers the local parser cannot read (conversion: auto), for every answer (llm), never (local). Called with temperature 0 unless the recipe sets params.converter.',
} as const satisfies Readonly<Record<string, string>>;
