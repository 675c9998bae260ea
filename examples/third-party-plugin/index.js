// @ts-check
// A third-party synthkit plugin, written the way an outside author would: plain ESM JavaScript,
// depending on @synthkit/core only. Install it next to a recipe and the registry finds it through
// the "synthkit": { "plugin": true } field of its package.json.
import { readFileSync } from 'node:fs';
import { defineFilter, defineModifier, definePlugin, filterStage, modifierStage, z } from '@synthkit/core';

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const bannedKeywords = defineFilter({
  description:
    'Drops texts that contain any of the given words (whole words, any case). The score is the number of ' +
    'banned-word occurrences; 0 keeps the text.',
  options: z
    .object({
      /** Words that make a record be dropped, matched as whole words, ignoring case. */
      words: z.array(z.string().min(1)).min(1, { error: 'list at least one word' }),
    })
    .strict(),
  create({ words }) {
    const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    return {
      score: (text) => text.match(pattern)?.length ?? 0,
      keep: (count) => count === 0,
      describe: (count) => `contains ${count} banned ${count === 1 ? 'word' : 'words'}`,
    };
  },
});

const collapseWhitespaceModifier = defineModifier({
  description: 'Collapses runs of spaces and tabs into one space and trims each line.',
  options: z.object({}).strict(),
  create: () => ({
    modify: (text) =>
      text
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .trim(),
  }),
});

const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: packageJson.name, version: packageJson.version, namespace: 'keywords' },
  filters: { banned: bannedKeywords },
  modifiers: { 'collapse-whitespace': collapseWhitespaceModifier },
});

export default plugin;

/** Stage factories for pipelines written in code: `banned({ words: ['lorem'] }, { field: 'revision' })`. */
export const banned = filterStage(plugin, 'banned');
export const collapseWhitespace = modifierStage(plugin, 'collapse-whitespace');
