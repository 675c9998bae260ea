import { readTextField, type JsonRecord } from '@synthkit/core';

/**
 * The prompt a task answers: the text of the record's `prompt_field`. A blank prompt rejects the
 * record (nothing is sent) and gives undefined; the caller returns no records then.
 *
 * @throws Error when the record lacks the field or holds no text there (see `readTextField`).
 */
export function readPrompt(input: JsonRecord, context: { readonly options: { readonly prompt_field: string }; reject(reason: string): void }): string | undefined {
  const field = context.options.prompt_field;
  const prompt = readTextField(input, field, 'prompt_field');
  if (prompt.trim() !== '') return prompt;
  context.reject(`blank prompt: the field "${field}" is empty, so there is nothing to answer`);
  return undefined;
}
