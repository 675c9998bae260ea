import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import heuristicPlugin, {
  createMeanWordLengthFilter,
  createNonAlphaNumericFilter,
  createRepeatedLinesFilter,
  createWordCountFilter,
  meanWordLengthFilter,
  nonAlphaNumericFilter,
  repeatedLinesFilter,
  VERSION,
  wordCountFilter,
} from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('@synthkit/filters-heuristic plugin', () => {
  it('is a valid plugin manifest', () => {
    expect(validatePluginManifest(heuristicPlugin)).toEqual([]);
    expect(definePlugin(heuristicPlugin)).toBe(heuristicPlugin);
  });

  it('names itself after package.json, in namespace heuristic', () => {
    expect(heuristicPlugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'heuristic' });
    expect(VERSION).toBe(packageJson.version);
  });

  it('contributes every filter and modifier under its recipe name', () => {
    expect(heuristicPlugin.filters).toMatchObject({
      'word-count': wordCountFilter,
      'non-alpha-numeric': nonAlphaNumericFilter,
      'mean-word-length': meanWordLengthFilter,
      'repeated-lines': repeatedLinesFilter,
    });
    expect(Object.keys(heuristicPlugin.filters)).toHaveLength(34);
    expect(Object.keys(heuristicPlugin.modifiers)).toEqual(['markdown-remover', 'slicer', 'quotation-remover', 'line-remover', 'unicode-normalizer']);
  });

  it('creates working filters from recipe options, as the runtime would', async () => {
    const definition = heuristicPlugin.filters['word-count'];
    const filter = definition.create(definition.options.parse({ min_words: 10 }));
    const score = await filter.score('too short', {});
    expect(filter.keep(score)).toBe(false);
    expect(filter.describe?.(score)).toBe('2 words, fewer than min_words 10');
  });

  it('exports factories usable without the registry', () => {
    const text = 'The quick brown fox jumps over the lazy dog.\nThe quick brown fox jumps over the lazy dog.';
    expect(createWordCountFilter({ min_words: 18 }).score(text)).toBe(18);
    expect(createNonAlphaNumericFilter().score(text)).toBe(16 / 89);
    expect(createMeanWordLengthFilter().score(text)).toBe(72 / 18);
    expect(createRepeatedLinesFilter().score(text)).toBe(0.5);
  });
});
