import type { TaskStageSettings } from '@synthkit/core';
import type { ListConversionMode } from '../options/conversion-options-shape';

/**
 * What every pipeline function takes besides its counts: the list options every one of its stages
 * gets, and the stage settings every one of its stages gets. Unset options keep each task's default.
 */
export interface PipelineOptions {
  /** How each stage reads its generator's list (see the tasks' `conversion` option). @default 'auto' */
  readonly conversion?: ListConversionMode;
  /** Drop an input whose list fails the checks instead of failing it. NeMo's `ignore_conversion_failure`. @default false */
  readonly ignore_conversion_failure?: boolean;
  /** Keep the first N items of a longer list. NeMo's async `trim_topics_list`, opt-in. @default false */
  readonly trim_to_length?: boolean;
  /**
   * Settings given to every stage, as a recipe's task stage writes them: `models` and `params` per
   * role, `concurrency`, `variables`. Stage names are the tasks' names; template overrides differ
   * per task, so set them with the stage factories instead.
   */
  readonly settings?: Omit<TaskStageSettings, 'name' | 'templates'>;
}

/** The list options of {@link PipelineOptions} that are set, as stage options. */
export function listOptionsOf(options: PipelineOptions): {
  conversion?: ListConversionMode;
  ignore_conversion_failure?: boolean;
  trim_to_length?: boolean;
} {
  return definedOnly({
    conversion: options.conversion,
    ignore_conversion_failure: options.ignore_conversion_failure,
    trim_to_length: options.trim_to_length,
  });
}

/**
 * The entries of an object whose value is not `undefined`, so that an option left out of a
 * pipeline function is left out of the stage (and of the recipe it compiles to) too.
 */
export function definedOnly<Entries extends Record<string, unknown>>(entries: Entries): { [Key in keyof Entries]?: Exclude<Entries[Key], undefined> } {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as { [Key in keyof Entries]?: Exclude<Entries[Key], undefined> };
}
