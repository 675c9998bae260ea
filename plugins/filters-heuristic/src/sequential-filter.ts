import {
  createFilter,
  defineFilter,
  type FilterDefinitionV1,
  type FilterScore,
  type FilterV1,
  type JsonRecord,
  type ModifierDefinitionV1,
  type ModifierV1,
  strictOptionsObject,
} from '@synthkit/core';
import { z } from 'zod';
import { heuristicFilters, heuristicModifiers } from './heuristic-items';
import { nestedOptionsSchema, resolveHeuristicItem } from './internal/heuristic-item-reference';

/** One step of `heuristic:sequential`: a heuristic filter or a heuristic modifier, with its options. */
export type SequentialStep =
  | { readonly filter: string; readonly options?: Record<string, unknown>; readonly invert?: boolean }
  | { readonly modifier: string; readonly options?: Record<string, unknown> };

/** Options of `heuristic:sequential`. */
export interface SequentialFilterOptions {
  /** The steps, applied in order. At least one filter. */
  readonly steps: ReadonlyArray<SequentialStep>;
}

/** A step after parsing: its full name, and its options (defaults applied). */
export interface ParsedSequentialStep {
  readonly kind: 'filter' | 'modifier';
  readonly reference: string;
  readonly options: unknown;
  readonly invert: boolean;
  readonly create: () => FilterV1 | ModifierV1;
}

const stepSchema = z.union(
  [
    strictOptionsObject({
      filter: z.string().describe('A heuristic filter, heuristic:<name>.'),
      options: nestedOptionsSchema,
      invert: z.boolean({ error: 'must be true or false' }).optional().describe('Keep what the filter would drop, and drop the rest.'),
    }),
    strictOptionsObject({
      modifier: z.string().describe('A heuristic modifier, heuristic:<name>: the following steps score its output.'),
      options: nestedOptionsSchema,
    }),
  ],
  { error: 'each step is { filter: heuristic:<name>, options?, invert? } or { modifier: heuristic:<name>, options? }' },
);

const sequentialFilterOptionsSchema: z.ZodType<{ readonly steps: ReadonlyArray<ParsedSequentialStep> }, SequentialFilterOptions> =
  strictOptionsObject({
    steps: z.array(stepSchema, { error: 'must be a list of steps' }).min(1, { error: 'needs at least one step' }).describe('The filters and modifiers to apply, in order.'),
  }).transform((value, context) => {
    const steps: ParsedSequentialStep[] = [];
    value.steps.forEach((step, index) => {
      const path = ['steps', index];
      if ('filter' in step) {
        const found = resolveHeuristicItem('filter', heuristicFilters as Record<string, FilterDefinitionV1<any>>, step.filter, step.options ?? {}, context, path);
        if (found !== undefined) {
          steps.push({ kind: 'filter', reference: found.reference, options: found.options, invert: step.invert ?? false, create: () => found.definition.create(found.options) as FilterV1 });
        }
      } else {
        const found = resolveHeuristicItem('modifier', heuristicModifiers as Record<string, ModifierDefinitionV1<any>>, step.modifier, step.options ?? {}, context, path);
        if (found !== undefined) {
          steps.push({ kind: 'modifier', reference: found.reference, options: found.options, invert: false, create: () => found.definition.create(found.options) });
        }
      }
    });
    if (steps.length !== value.steps.length) return z.NEVER;
    if (!steps.some((step) => step.kind === 'filter')) {
      context.addIssue({ code: 'custom', path: ['steps'], message: 'needs at least one filter step (modifiers alone change no decision)' });
      return z.NEVER;
    }
    return { steps };
  });

/**
 * `heuristic:sequential`: applies heuristic filters (and modifiers) one after the other in one stage,
 * and drops a record at the first filter that drops it, like NeMo Curator's `Sequential` of
 * `ScoreFilter`s. A modifier step changes the text the following filters score; the record itself
 * is not changed (a filter never changes records: put a modifier stage in the recipe for that).
 * A filter step with `invert: true` keeps what that filter would drop.
 *
 * Score: the number of filter steps passed before the first drop, so a kept record scores the number
 * of filter steps and `_meta.scores` shows how far a dropped one got. The reason of a drop names the
 * filter step that dropped it; run that filter as its own stage (or `heuristic:score-only`) to see
 * its measured value. Separate recipe stages give each filter its own score and reason; this wrapper
 * is for reusing one chain as one item.
 */
export const sequentialFilter = defineFilter({
  description: 'Applies heuristic filters and modifiers in order in one stage and drops a record at the first filter that drops it, like NeMo Curator Sequential.',
  options: sequentialFilterOptionsSchema,
  create: (options) => {
    const steps = options.steps.map((step) => ({ ...step, item: step.create() }));
    const filterSteps = steps.filter((step) => step.kind === 'filter');
    return {
      options,
      score: (text: string, record: JsonRecord) => runSteps(steps, text, record),
      keep: (score: number) => score === filterSteps.length,
      describe: (score: number) => {
        const step = filterSteps[score];
        if (step === undefined) return `passed all ${filterSteps.length} filter steps`;
        return `dropped by filter step ${score + 1} of ${filterSteps.length}, ${step.reference}${step.invert ? ' (inverted)' : ''}`;
      },
    };
  },
});

/**
 * Creates the `heuristic:sequential` filter without the plugin registry (see {@link sequentialFilter}).
 *
 * @throws InvalidArgumentError when a step names an unknown item or has invalid options.
 */
export function createSequentialFilter(options: SequentialFilterOptions) {
  return createFilter(sequentialFilter, options, 'heuristic:sequential');
}

// --- Internal helpers ---

type RunnableStep = ParsedSequentialStep & { readonly item: FilterV1 | ModifierV1 };

/** Runs the steps synchronously while they are synchronous, and goes on asynchronously from the first that is not. */
function runSteps(steps: ReadonlyArray<RunnableStep>, text: string, record: JsonRecord, from = 0, passed = 0): number | Promise<number> {
  let current = text;
  for (let index = from; index < steps.length; index++) {
    const step = steps[index]!;
    const result = step.kind === 'filter' ? (step.item as FilterV1).score(current, record) : (step.item as ModifierV1).modify(current, record);
    if (isPromiseLike(result)) {
      return Promise.resolve(result).then((value: FilterScore | string) => {
        if (step.kind === 'modifier') return runSteps(steps, value as string, record, index + 1, passed);
        if (!keeps(step, value as FilterScore)) return passed;
        return runSteps(steps, current, record, index + 1, passed + 1);
      });
    }
    if (step.kind === 'modifier') {
      current = result as string;
    } else {
      if (!keeps(step, result as FilterScore)) return passed;
      passed++;
    }
  }
  return passed;
}

function keeps(step: RunnableStep, score: FilterScore): boolean {
  return (step.item as FilterV1).keep(score) !== step.invert;
}

function isPromiseLike(value: unknown): value is PromiseLike<FilterScore | string> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
