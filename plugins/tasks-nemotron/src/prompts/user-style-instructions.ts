/**
 * The instruction each `user_style` puts into the `user-turn` template's `{user_instruction}`: how
 * the impersonated user writes their next message. NeMo has one template per style (normal,
 * complex, critical-concise); here the styles differ only in this instruction, so a recipe that
 * overrides `user-turn` keeps every style, and `user_style: custom` takes its own instruction.
 */
export const userStyleInstructions = {
  /** An ordinary follow-up: reacts to the last answer, asks for more, for a clarification or a related point. */
  normal:
    "Write it the way an ordinary person would: a natural follow-up that reacts to the assistant's last answer, for example by asking for more detail, a clarification, an example or a related point. One to three sentences.",
  /** A demanding follow-up: deeper reasoning, several steps, added constraints or a harder case. */
  complex:
    "Make it demanding: a follow-up that builds on the assistant's last answer and asks for deeper reasoning, several steps worked through, extra constraints to respect, or a harder related case. Two to four sentences.",
  /** A short, critical follow-up: questions, corrects or narrows the last answer. */
  concise:
    "Keep it short and pointed, like a busy user who reads critically: a single brief sentence that questions, corrects or narrows down the assistant's last answer.",
} as const satisfies Readonly<Record<string, string>>;

/** A built-in style of the impersonated user. */
export type BuiltInUserStyle = keyof typeof userStyleInstructions;
