import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type { PromptTemplateV1 } from './prompt-template-v1';

/**
 * A template as `defineTask` and `defineFilter` take it: keyed once by its name in `templates`, so
 * there is no `name` to keep in step, and no `specificationVersion` to repeat.
 */
export interface TemplateDefinition {
  /** What the prompt asks for, shown by `synthkit tasks list`. */
  readonly description?: string;
  /** System message text, with `{placeholder}` slots. Omitted from the request when absent. */
  readonly system?: string;
  /** User message text, with `{placeholder}` slots (`{{` and `}}` for literal braces). */
  readonly user: string;
  /** The placeholders the item supplies when it renders the template. */
  readonly variables: ReadonlyArray<string>;
}

/**
 * Turns templates keyed by name into {@link PromptTemplateV1}s named by their keys.
 *
 * @param helper the define-helper calling, for the error message (`defineTask`).
 * @throws InvalidArgumentError when a template also carries a `name` that is not its key.
 */
export function templatesByKey<const Templates extends Readonly<Record<string, TemplateDefinition>>>(
  definitions: Templates,
  helper: string,
): Readonly<Record<keyof Templates & string, PromptTemplateV1>> {
  const templates: Record<string, PromptTemplateV1> = {};
  for (const [name, template] of Object.entries(definitions)) {
    const written = (template as { name?: unknown }).name;
    if (written !== undefined && written !== name) {
      throw new InvalidArgumentError({
        argument: `templates.${name}.name`,
        message:
          `${helper}: the template keyed "${name}" says its name is ${JSON.stringify(written)}. A template's key is its name ` +
          '(recipes override it by that key): remove `name`, or key the template by it.',
      });
    }
    templates[name] = {
      specificationVersion: 'v1',
      name,
      ...(template.description == null ? {} : { description: template.description }),
      ...(template.system == null ? {} : { system: template.system }),
      user: template.user,
      variables: [...template.variables],
    };
  }
  return templates as Readonly<Record<keyof Templates & string, PromptTemplateV1>>;
}
