import { readTextField, type ChatMessage, type JsonRecord } from '@synthkit/core';

/** Where the turns before the scored answer are in a record. */
export interface ConversationFields {
  /** The field holding the user turn, used when `messages_field` is not set. */
  readonly prompt_field: string;
  /** The field holding the earlier turns as `[{ role, content }]`, when set. */
  readonly messages_field?: string | undefined;
}

/**
 * The conversation a reward model scores: the turns before the answer, then the answer as the
 * assistant's turn. The turns are the record's `messages_field` (chat turns, as `quality:messages`
 * writes them), or else one user turn, the text of `prompt_field`. A final assistant turn of
 * `messages_field` is replaced by the answer, so a whole SFT conversation (`[system?, user,
 * assistant]`) scores the same as its prompt turns (`[system?, user]`) do.
 *
 * @throws Error when a field is missing, or `messages_field` does not hold chat turns (an array of
 *   `{ role: system | user | assistant, content: text }` with at least one user turn): the record
 *   fails with what is wrong and how to set the option.
 */
export function conversationToScore(record: JsonRecord, answer: string, fields: ConversationFields): ChatMessage[] {
  if (fields.messages_field == null) {
    return [
      { role: 'user', content: readTextField(record, fields.prompt_field, 'prompt_field') },
      { role: 'assistant', content: answer },
    ];
  }
  const turns = readTurns(record, fields.messages_field);
  const before = turns.at(-1)?.role === 'assistant' ? turns.slice(0, -1) : turns;
  return [...before, { role: 'assistant', content: answer }];
}

// --- Internal helpers ---

const roles = new Set(['system', 'user', 'assistant']);

function readTurns(record: JsonRecord, field: string): ChatMessage[] {
  const value = record[field];
  const fix = `set the stage's options.messages_field to a field of chat turns [{ role, content }], or remove it to score prompt_field's text`;
  if (value === undefined) throw new Error(`the record has no field "${field}" (its fields: ${Object.keys(record).join(', ') || 'none'}); ${fix}.`);
  if (!Array.isArray(value)) throw new Error(`the field "${field}" holds ${value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}, not a list of chat turns; ${fix}.`);
  const turns = value.map((turn, index): ChatMessage => {
    const { role, content } = (turn ?? {}) as { role?: unknown; content?: unknown };
    if (typeof role !== 'string' || !roles.has(role) || typeof content !== 'string') {
      throw new Error(`turn ${index + 1} of the field "${field}" is not { role: system | user | assistant, content: text } (it is ${JSON.stringify(turn)?.slice(0, 80)}); ${fix}.`);
    }
    return { role: role as ChatMessage['role'], content };
  });
  if (!turns.some((turn) => turn.role === 'user')) throw new Error(`the field "${field}" has no user turn, so there is no prompt the answer replies to; ${fix}.`);
  return turns;
}
