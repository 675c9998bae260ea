import type { JsonRecord, SourceStageV1 } from '@synthkit/core';
import type { UserStyle } from '../options/conversation-options-schema';
import { dialogue } from '../stage-factories';
import { definedOnly, type PipelineOptions } from './pipeline-options';

/** Options of {@link dialogueStages}: NeMo's `generate_dialogue` arguments, for a file of opening prompts. */
export interface DialogueStagesOptions extends Pick<PipelineOptions, 'settings'> {
  /**
   * The JSONL file of opening prompts, one `{ "openline": ... }` per line (plain or gzip, relative
   * to the pipeline's `directory`); another field with `field`. The output of the open QA or
   * writing pipeline works as it is (its `revision`, with `field: 'revision'`).
   */
  readonly source: string;
  /** The field holding each opening prompt. @default 'openline' */
  readonly field?: string;
  /** User turns per conversation, the opening prompt included, each answered. @default 3 */
  readonly n_user_turns?: number;
  /** How the impersonated user writes. @default 'normal' */
  readonly user_style?: UserStyle;
  /** The instruction for `user_style: 'custom'`. */
  readonly user_instruction?: string;
}

/**
 * The stages of a dialogue run: opening prompts from a file → a conversation grown from each
 * (`nemotron:dialogue`). Records end as the prompt's record plus `messages`. Bind different
 * models to the `assistant` and `user` roles in `settings.models`, or one `default` for both.
 */
export function dialogueStages(options: DialogueStagesOptions) {
  const openings: SourceStageV1<JsonRecord> = { kind: 'source', path: options.source };
  const dialogueOptions = definedOnly({
    field: options.field,
    n_user_turns: options.n_user_turns,
    user_style: options.user_style,
    user_instruction: options.user_instruction,
  });
  return [openings, dialogue(dialogueOptions, options.settings ?? {})] as const;
}
