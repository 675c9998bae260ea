/**
 * The model roles of the conversation tasks (`nemotron:dialogue`, `nemotron:two-turn-prompts`).
 * Bind them to different models in the recipe stage's `models` to have one model question another,
 * or let `models.default` serve both.
 */
export const conversationTaskModels = {
  assistant:
    "Answers the user's turns, seeing the whole conversation as chat messages (template assistant-turn). Called with the role's recipe parameters as they are.",
  user: "Plays the user: writes the user's next message from the conversation so far, in the stage's user_style (template user-turn). Called with the role's recipe parameters as they are.",
} as const satisfies Readonly<Record<string, string>>;
