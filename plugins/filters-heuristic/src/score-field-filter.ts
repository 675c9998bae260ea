import { createFilter, defineFilter, type FilterDefinitionV1, type FilterScore, type FilterV1, type JsonRecord, strictOptionsObject } from '@synthkit/core';
import { z } from 'zod';
import { heuristicFilters } from './heuristic-items';
import { formatNumber } from './internal/format-number';
import { nestedOptionsSchema, resolveHeuristicItem, type ResolvedItem } from './internal/heuristic-item-reference';

/** Options of `heuristic:score-field`: where the stored score is, and the rule to apply to it. */
export interface ScoreFieldFilterOptions {
  /**
   * Where the score is in the record: a dotted path, `_meta.scores.words` for the score an earlier
   * stage named `words` recorded, or `quality.score` for a field of the data.
   */
  readonly path: string;
  /** Keep by this heuristic filter's own rule (`keep`), with `options`: NeMo Curator's `Filter`. */
  readonly filter?: string;
  /** The options of `filter`, as its own stage would write them. Default: its defaults. */
  readonly options?: Record<string, unknown>;
  /** Without `filter`: the smallest score kept (inclusive). */
  readonly min?: number;
  /** Without `filter`: the largest score kept (inclusive). */
  readonly max?: number;
}

/** {@link ScoreFieldFilterOptions} after parsing. */
export interface ParsedScoreFieldFilterOptions {
  readonly path: ReadonlyArray<string>;
  readonly rule: ResolvedItem<FilterDefinitionV1<any>> | { readonly min: number | null; readonly max: number | null };
}

const scoreFieldFilterOptionsSchema: z.ZodType<ParsedScoreFieldFilterOptions, ScoreFieldFilterOptions> = strictOptionsObject({
  path: z
    .string({ error: 'must be a dotted path to the stored score, e.g. "_meta.scores.words"' })
    .regex(/^[^.]+(\.[^.]+)*$/, { error: 'must be a dotted path without empty parts, e.g. "_meta.scores.words"' })
    .describe('Where the stored score is: a dotted path such as _meta.scores.<stage name> or a field of the data.'),
  filter: z.string({ error: 'must name a heuristic filter' }).optional().describe("Keep by this heuristic filter's own rule (NeMo Curator Filter)."),
  options: nestedOptionsSchema,
  min: z.number({ error: 'must be a number' }).optional().describe('Without filter: the smallest score kept (inclusive).'),
  max: z.number({ error: 'must be a number' }).optional().describe('Without filter: the largest score kept (inclusive).'),
}).transform((value, context): ParsedScoreFieldFilterOptions => {
  const path = value.path.split('.');
  if (value.filter !== undefined) {
    if (value.min !== undefined || value.max !== undefined) {
      context.addIssue({ code: 'custom', path: ['filter'], message: 'give either filter (its own keep rule) or min/max, not both' });
      return z.NEVER;
    }
    const rule = resolveHeuristicItem('filter', heuristicFilters as Record<string, FilterDefinitionV1<any>>, value.filter, value.options ?? {}, context, []);
    return rule === undefined ? z.NEVER : { path, rule };
  }
  if (value.options !== undefined) {
    context.addIssue({ code: 'custom', path: ['options'], message: 'options are those of filter: set filter too, or remove options' });
    return z.NEVER;
  }
  if (value.min === undefined && value.max === undefined) {
    context.addIssue({ code: 'custom', path: ['min'], message: 'needs a rule: filter (a heuristic filter whose keep rule applies), or min and/or max' });
    return z.NEVER;
  }
  if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
    context.addIssue({ code: 'custom', path: ['min'], message: `min (${value.min}) must be less than or equal to max (${value.max})` });
    return z.NEVER;
  }
  return { path, rule: { min: value.min ?? null, max: value.max ?? null } };
});

/**
 * `heuristic:score-field`: keeps or drops records on a score stored earlier, without scoring again,
 * like NeMo Curator's `Filter` (which filters on an existing score column). The score is read at
 * `path` (`_meta.scores.<stage name>` for what a filter stage recorded, for instance a
 * `heuristic:score-only` stage, or any numeric field). The rule is either a heuristic filter's own
 * keep rule (`filter` and its `options`), or `min` / `max` (inclusive).
 *
 * A record without a number or boolean at `path` scores `false` and is dropped, with the reason.
 * The stage's `field` is not read, but the engine needs it to be a text field of the record (`text`
 * by default).
 */
export const scoreFieldFilter = defineFilter({
  description:
    "Keeps or drops records on a stored score (a dotted path such as _meta.scores.<stage>) by a heuristic filter's keep rule or min/max, like NeMo Curator Filter.",
  options: scoreFieldFilterOptionsSchema,
  create: (options) => {
    const where = options.path.join('.');
    const { rule } = options;
    // Heuristic filters are record-by-record filters, never aggregates.
    const inner = 'definition' in rule ? (rule.definition.create(rule.options) as FilterV1) : undefined;
    const keepNumber = (score: FilterScore): boolean => {
      if (inner !== undefined) return inner.keep(score);
      if (typeof score !== 'number') return false;
      const bounds = rule as { min: number | null; max: number | null };
      return (bounds.min === null || score >= bounds.min) && (bounds.max === null || score <= bounds.max);
    };
    return {
      options,
      score: (_text: string, record: JsonRecord): FilterScore => readStoredScore(record, options.path),
      keep: (score: FilterScore) => score !== missingScore && keepNumber(score),
      describe: (score: FilterScore) => {
        if (score === missingScore) return `no number or boolean at ${where}`;
        if (inner !== undefined) return `stored score at ${where}: ${inner.describe?.(score) ?? String(score)}`;
        const bounds = rule as { min: number | null; max: number | null };
        const shown = typeof score === 'number' ? formatNumber(score) : String(score);
        const range = [bounds.min === null ? undefined : `min ${bounds.min}`, bounds.max === null ? undefined : `max ${bounds.max}`].filter(Boolean).join(' and ');
        return `stored score ${shown} at ${where}, ${keepNumber(score) ? 'within' : 'outside'} ${range}`;
      },
    };
  },
});

/**
 * Creates the `heuristic:score-field` filter without the plugin registry (see {@link scoreFieldFilter}).
 *
 * @throws InvalidArgumentError when the path is empty, the rule is missing or doubled, or the named filter or its options are invalid.
 */
export function createScoreFieldFilter(options: ScoreFieldFilterOptions) {
  return createFilter(scoreFieldFilter, options, 'heuristic:score-field');
}

// --- Internal helpers ---

/** The score of a record without a usable stored score: never a real stored score, which is a number. */
const missingScore = false;

function readStoredScore(record: JsonRecord, path: ReadonlyArray<string>): FilterScore {
  let value: unknown = record;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return missingScore;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  return missingScore;
}
