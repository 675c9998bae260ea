/** What {@link readUserTurn} makes of the user model's answer. */
export type UserTurnReading =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /**
       * - `empty`: nothing is left once labels, tags and quotes are removed;
       * - `speaks-as-assistant`: the answer starts as the assistant (`Assistant:`, `<assistant>`);
       * - `writes-assistant-reply`: after the user's message, it goes on with the assistant's reply.
       */
      readonly problem: 'empty' | 'speaks-as-assistant' | 'writes-assistant-reply';
      readonly message: string;
    };

/**
 * Reads the user's next message out of the user model's answer (the impersonated user turn).
 * Models asked to play the user often copy the transcript's format, so what only wraps the message
 * is removed, and what shows the model left its role is refused:
 *
 * - removed: surrounding whitespace; a leading role label for the user (`User:`, `**User:**`,
 *   `[User]:`, `Human:`, any case); one `<user>`…`</user>` wrapper (the transcript's tags); one pair
 *   of double quotes around the whole message (straight or curly, with none inside).
 * - refused, as `speaks-as-assistant`: an answer that starts with an assistant label
 *   (`Assistant:`, `AI:`, `<assistant>`), i.e. the model answered instead of asking.
 * - refused, as `writes-assistant-reply`: a later line starting with an assistant label or tag:
 *   the model wrote the assistant's reply too. Cutting it there would be a guess.
 * - refused, as `empty`: nothing left.
 */
export function readUserTurn(answer: string): UserTurnReading {
  let text = answer.trim();
  const wrapped = /^<user>\s*([\s\S]*?)\s*<\/user>$/i.exec(text);
  if (wrapped != null) text = wrapped[1]!;
  text = text.replace(userLabelPattern, '').trim();
  text = removeSurroundingQuotes(text);
  if (text === '') return { ok: false, problem: 'empty', message: 'the answer holds no message once labels, tags and quotes are removed' };
  if (assistantLabelPattern.test(text)) {
    return { ok: false, problem: 'speaks-as-assistant', message: 'the answer starts with an assistant label, so the user model answered as the assistant' };
  }
  const lines = text.split('\n');
  if (lines.slice(1).some((line) => assistantLabelPattern.test(line.trim()))) {
    return {
      ok: false,
      problem: 'writes-assistant-reply',
      message: "a line of the answer starts with an assistant label, so the user model went on to write the assistant's reply",
    };
  }
  return { ok: true, text };
}

// --- Internal helpers ---

/** A label naming the user, at the start: `User:`, `**User:**`, `**User**:`, `[User]:`, `Human:`. */
const userLabelPattern = /^(?:\*\*|__)?\[?(?:user|human)\]?(?:\*\*|__)?\s*:(?:\*\*|__)?\s*/i;

/** A label or tag naming the assistant, at the start of a line. */
const assistantLabelPattern = /^(?:<assistant>|(?:\*\*|__)?\[?(?:assistant|ai|ai assistant|chatbot)\]?(?:\*\*|__)?\s*:)/i;

/** The text without one pair of double quotes around all of it (`"…"` or `“…”`), when none are inside. */
function removeSurroundingQuotes(text: string): string {
  const quoted = /^"([^"]*)"$/.exec(text) ?? /^“([^“”]*)”$/.exec(text);
  return quoted == null ? text : quoted[1]!.trim();
}
