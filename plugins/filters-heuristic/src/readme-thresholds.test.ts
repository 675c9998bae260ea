import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from './index';

/**
 * The filters table of README.md is the user's reference for thresholds: each row's options column
 * (`` `option` value ``, comma-separated) must be exactly what the code uses when a recipe sets
 * nothing, and every filter except the wrappers must have a row.
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = [...readme.matchAll(/^\| `heuristic:([a-z-]+)` \|.*\| ([^|]+) \| [^|]+ \|$/gm)].map(([, name, options]) => ({
  name: name!,
  options: options!.trim(),
}));
const wrappers = ['score-only', 'score-field', 'sequential'];

describe('README threshold table', () => {
  it('has one row per filter of the plugin, wrappers aside', () => {
    expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(plugin.filters).filter((name) => !wrappers.includes(name)).sort());
  });

  it.each(rows)('heuristic:$name: the defaults in the README are the defaults in the code', ({ name, options }) => {
    const definition = plugin.filters[name as keyof typeof plugin.filters];
    const documented = parseOptionsCell(options);
    const required = Object.entries(documented).filter(([, value]) => value === 'required').map(([option]) => option);
    if (required.length > 0) {
      const issues = definition.options.safeParse({}).error?.issues ?? [];
      expect(issues.map((issue) => issue.path[0]).sort(), 'options the README calls required').toEqual(required.sort());
      return;
    }
    expect(definition.options.parse({})).toEqual(documented);
  });
});

// --- Internal helpers ---

/** `` `min_words` 50, `max_words` 100000 `` → `{ min_words: 50, max_words: 100000 }`; "none" → `{}`. */
function parseOptionsCell(cell: string): Record<string, unknown> {
  if (cell === 'none') return {};
  const options: Record<string, unknown> = {};
  for (const part of cell.split(/,\s*(?=`)/)) {
    const match = /^`([a-z_]+)` (.+)$/.exec(part.trim());
    if (match === null) throw new Error(`README options cell part "${part}" is not "\`option\` value"`);
    const [, option, value] = match;
    options[option!] = value === 'true' ? true : value === 'false' ? false : value === 'none' ? null : value === 'required' ? 'required' : Number.isNaN(Number(value)) ? value : Number(value);
  }
  return options;
}
