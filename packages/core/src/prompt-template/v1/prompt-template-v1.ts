/**
 * A prompt: an optional system message and a user message with `{placeholder}` slots.
 *
 * Rendering substitutes values and never evaluates code. `{{` and `}}` stand for literal braces.
 * A placeholder that nothing supplies, or a malformed brace, is an error when the recipe is loaded,
 * never halfway through a run.
 */
export interface PromptTemplateV1 {
  readonly specificationVersion: 'v1';
  /** Name the task refers to it by, e.g. `subtopics`. Overrides in recipes use the same name. */
  readonly name: string;
  /** What the prompt asks for, shown by `synthkit tasks list`. */
  readonly description?: string;
  /** System message text. Omitted from the request when absent. */
  readonly system?: string;
  /** User message text. */
  readonly user: string;
  /**
   * Placeholders the owning task supplies when it renders this template. An override may use any
   * of these plus variables the recipe stage sets; it may not use anything else.
   */
  readonly variables: ReadonlyArray<string>;
}
