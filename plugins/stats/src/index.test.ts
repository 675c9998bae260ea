import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import statsPlugin, { createDiversityAnalyzer, diversity, diversityFilter, formatDiversityMetrics, VERSION } from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describe('@synthkit/stats plugin', () => {
  it('is a valid plugin manifest named after package.json, in namespace stats', () => {
    expect(validatePluginManifest(statsPlugin)).toEqual([]);
    expect(definePlugin(statsPlugin)).toBe(statsPlugin);
    expect(statsPlugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'stats' });
    expect(VERSION).toBe(packageJson.version);
  });

  it('contributes stats:diversity, and a stage factory for code pipelines', () => {
    expect(statsPlugin.filters).toEqual({ diversity: diversityFilter });
    expect(diversity({ sample: 50 }, { field: 'answer' })).toMatchObject({ kind: 'filter', reference: 'stats:diversity', field: 'answer', options: { sample: 50 } });
  });

  it('exports the analyser and the formatter for use without the engine', () => {
    const analyzer = createDiversityAnalyzer({ field: 'text' });
    analyzer.add('a first text');
    analyzer.add('a second text');
    expect(formatDiversityMetrics(analyzer.result())).toContain('Diversity of 2 records (field text)');
  });
});
