import { fieldNameSchema } from '@synthkit/core';
import { z } from 'zod';
import { userStyleInstructions, type BuiltInUserStyle } from '../prompts/user-style-instructions';
import { strictOptionsSchema } from './strict-options-schema';

/** How the impersonated user writes: a built-in style, or `custom` with `user_instruction`. */
export type UserStyle = BuiltInUserStyle | 'custom';

/**
 * Schema of the options of a conversation task (`nemotron:dialogue`, `nemotron:two-turn-prompts`):
 * the field holding the opening prompt, how the impersonated user writes, and the task's own
 * options (`shape`). `user_instruction` is required with `user_style: custom` and refused with any
 * other style, so a recipe never sets both and wonders which one was used.
 */
export function conversationOptionsSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return strictOptionsSchema({
    /** The field holding the opening prompt, the conversation's first user turn. @default 'openline' */
    field: fieldNameSchema
      .default('openline')
      .describe("The record field holding the opening prompt, the conversation's first user turn (openline, what the question tasks write)."),
    ...shape,
    /** How the user model writes the user's turns. @default 'normal' */
    user_style: z
      .enum(userStyles)
      .default('normal')
      .describe(
        "How the user model writes the user's follow-up turns: `normal` (a natural follow-up), `complex` (a demanding one: deeper reasoning, constraints, a harder case), `concise` (one short, critical sentence), or `custom` (the instruction in user_instruction).",
      ),
    /** The instruction for `user_style: custom`, placed in the `user-turn` template's `{user_instruction}`. */
    user_instruction: z
      .string()
      .trim()
      .min(1, { error: 'user_instruction must say how the user writes, e.g. "Ask as a nervous beginner would."' })
      .optional()
      .describe('With user_style: custom, how the user writes their next message, e.g. "Reply as a sceptical expert who asks for sources."'),
  })
    // The shape is generic, so TypeScript cannot see these two options in it: read them as ConversationOptions.
    .refine((options) => (options as ConversationOptions).user_style !== 'custom' || (options as ConversationOptions).user_instruction !== undefined, {
      path: ['user_instruction'],
      error: 'is required with user_style: custom: write how the user writes their next message, e.g. "Ask as a nervous beginner would."',
    })
    .refine((options) => (options as ConversationOptions).user_style === 'custom' || (options as ConversationOptions).user_instruction === undefined, {
      path: ['user_instruction'],
      error: (issue) =>
        `is only read with user_style: custom, but user_style is ${JSON.stringify((issue.input as { user_style: string }).user_style)}. Set user_style: custom to use your instruction, or remove user_instruction.`,
    });
}

/** The options every conversation task has, with defaults applied. */
export interface ConversationOptions {
  readonly field: string;
  readonly user_style: UserStyle;
  readonly user_instruction?: string | undefined;
}

/** The values of `user_style`: the built-in styles, then `custom`. */
const userStyles = [...(Object.keys(userStyleInstructions) as BuiltInUserStyle[]), 'custom'] as const satisfies ReadonlyArray<UserStyle>;

/** The instruction the `user-turn` template gets for the stage's options. */
export function userInstructionOf(options: ConversationOptions): string {
  return options.user_style === 'custom' ? (options.user_instruction ?? '') : userStyleInstructions[options.user_style];
}
