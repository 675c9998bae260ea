/**
 * The model roles every task of this plugin calls. Bind both in the recipe stage's `models`; the
 * converter can be a smaller model, but it must copy text faithfully.
 */
export const listTaskModels = {
  generator:
    "Writes the numbered list (topics, questions or revisions). Called with the role's recipe parameters as they are.",
  converter:
    'Copies the numbered list into a YAML list of strings. Called with temperature 0 unless the recipe sets params.converter.',
} as const satisfies Readonly<Record<string, string>>;
