import type { ChatMessage, DefinedTaskContext, FinishReason, JsonRecord } from '@synthkit/core';
import { z } from 'zod';
import { userInstructionOf, type ConversationOptions } from '../options/conversation-options-schema';
import type { conversationTemplates } from '../prompts/conversation-templates';
import { readUserTurn } from '../read-user-turn';
import { truncateForMessage } from '../truncate-for-message';
import type { conversationTaskModels } from './conversation-task-models';
import { readTextField } from './read-text-field';

/** One turn of a generated conversation, in the chat layout SFT trainers read. */
export const conversationTurnSchema = z.object({ role: z.enum(['user', 'assistant']), content: z.string().min(1) }).strict();

/** What a conversation task writes: `messages`, the whole conversation, opening prompt first. */
export const conversationOutputSchema = z.object({ messages: z.array(conversationTurnSchema).min(1) }).strict();

/** A turn of a generated conversation. */
export type ConversationTurn = z.output<typeof conversationTurnSchema>;

/** The part of a conversation task's context {@link continueConversation} uses. */
export type ConversationContext = Pick<
  DefinedTaskContext<ConversationOptions, keyof typeof conversationTaskModels, typeof conversationTemplates>,
  'generate' | 'options' | 'reject'
>;

/**
 * The `run` of a conversation task: reads the opening prompt from the field the option `field`
 * names, grows the conversation ({@link continueConversation}) and returns `[{ messages }]`, or
 * nothing when the record was rejected. A blank opening prompt is rejected without a model call
 * (`blank opening prompt`).
 *
 * @param turns The turns to add after the opening prompt (see {@link continueConversation}).
 * @throws Error when the field is missing or not text, naming the record's fields.
 */
export async function runConversationTask(input: JsonRecord, context: ConversationContext, turns: number): Promise<Array<{ messages: ConversationTurn[] }>> {
  const { field } = context.options;
  const opening = readTextField(input, field, 'opening prompt').trim();
  if (opening === '') {
    context.reject(`blank opening prompt: the field "${field}" is empty, so there is no conversation to start`, { field });
    return [];
  }
  const messages = await continueConversation(context, { opening, turns });
  return messages == null ? [] : [{ messages }];
}

/**
 * Grows a conversation from its opening prompt, turn by turn, sequentially (each turn needs the
 * ones before it), as NeMo's `generate_dialogue` and `generate_two_turn_prompt` do:
 *
 * - an assistant turn is the `assistant` model's answer to the whole conversation, sent as chat
 *   messages: the earlier turns as `priorMessages`, the newest user turn through the
 *   `assistant-turn` template;
 * - a user turn is the `user` model's answer to the `user-turn` template, which holds the whole
 *   conversation as text and the instruction of the stage's `user_style`; it is read with
 *   {@link readUserTurn} (labels removed, answers that leave the user's role refused).
 *
 * Turns alternate, starting with the assistant's answer to the opening prompt: `turns: 2` gives
 * user, assistant, user (a two-turn prompt); `turns: 2n - 1` gives n user turns each answered.
 *
 * The record is rejected, and `undefined` returned, at the first turn that cannot be used, with a
 * reason naming the turn (1 is the opening prompt) and its role:
 * `turn cut off by max_tokens` (finish reason `length`: a cut answer or question would teach
 * truncation), `empty <role> turn`, `impersonated user turn speaks as the assistant` or
 * `impersonated user turn writes the assistant's reply`. The details carry the turn, the role, the
 * answer's start and the number of turns kept.
 */
export async function continueConversation(
  context: ConversationContext,
  request: { readonly opening: string; readonly turns: number },
): Promise<ConversationTurn[] | undefined> {
  const messages: ConversationTurn[] = [{ role: 'user', content: request.opening }];
  const userInstruction = userInstructionOf(context.options);
  for (let index = 0; index < request.turns; index += 1) {
    const role = messages.at(-1)!.role === 'user' ? 'assistant' : 'user';
    const { text, finishReason } =
      role === 'assistant'
        ? await context.generate({
            role: 'assistant',
            template: 'assistant-turn',
            variables: { message: messages.at(-1)!.content },
            priorMessages: messages.slice(0, -1),
          })
        : await context.generate({
            role: 'user',
            template: 'user-turn',
            variables: { conversation_history: renderConversationHistory(messages), user_instruction: userInstruction },
          });
    const turn = readTurn(role, text, finishReason);
    if (!turn.ok) {
      context.reject(`${turn.reason} (turn ${messages.length + 1}, ${role})`, {
        turn: messages.length + 1,
        role,
        answer_start: truncateForMessage(text.trim(), 200),
        turns_kept: messages.length,
        ...(turn.problem == null ? {} : { problem: turn.problem }),
      });
      return undefined;
    }
    messages.push({ role, content: turn.text });
  }
  return messages;
}

/**
 * The conversation as the `user-turn` template shows it: each turn between `<user>` or
 * `<assistant>` tags, turns separated by a blank line (NeMo runs them together as
 * `User: …Assistant: …`, which blurs where a turn ends).
 */
export function renderConversationHistory(messages: ReadonlyArray<ChatMessage>): string {
  return messages.map(({ role, content }) => `<${role}>\n${content}\n</${role}>`).join('\n\n');
}

// --- Internal helpers ---

type TurnReading = { ok: true; text: string } | { ok: false; reason: string; problem?: string };

/** The turn's text, or why it cannot be used. */
function readTurn(role: 'user' | 'assistant', text: string, finishReason: FinishReason): TurnReading {
  if (finishReason === 'length') {
    return { ok: false, reason: `turn cut off by max_tokens: the ${role} model's answer ended at the token limit; raise max_tokens in params.${role}` };
  }
  if (role === 'assistant') {
    const trimmed = text.trim();
    return trimmed === '' ? { ok: false, reason: "empty assistant turn: the assistant model's answer is blank" } : { ok: true, text: trimmed };
  }
  const reading = readUserTurn(text);
  if (reading.ok) return reading;
  const reason =
    reading.problem === 'empty'
      ? `empty user turn: ${reading.message}`
      : reading.problem === 'speaks-as-assistant'
        ? `impersonated user turn speaks as the assistant: ${reading.message}`
        : `impersonated user turn writes the assistant's reply: ${reading.message}`;
  return { ok: false, reason, problem: reading.problem };
}
