import { readFileSync } from 'node:fs';
import { definePlugin, isAggregateFilter, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import dedupPlugin, { exactDedup, exactDedupFilter, minhashDedup, minhashDedupFilter, semanticDedup, semanticDedupFilter, VERSION } from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describe('@synthkit/dedup plugin', () => {
  it('is a valid plugin manifest named after package.json, in namespace dedup', () => {
    expect(validatePluginManifest(dedupPlugin)).toEqual([]);
    expect(definePlugin(dedupPlugin)).toBe(dedupPlugin);
    expect(dedupPlugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'dedup' });
    expect(VERSION).toBe(packageJson.version);
  });

  it('contributes three aggregate filters under their recipe names', () => {
    expect(dedupPlugin.filters).toEqual({ exact: exactDedupFilter, minhash: minhashDedupFilter, semantic: semanticDedupFilter });
    for (const definition of Object.values(dedupPlugin.filters) as Array<{ options: { parse(value: unknown): unknown }; create(options: unknown): unknown }>) {
      const filter = definition.create(definition.options.parse(undefined));
      expect(isAggregateFilter(filter)).toBe(true);
      expect(filter).toMatchObject({ specificationVersion: 'v1', kind: 'aggregate', batchSize: 256 });
    }
  });

  it('exports stage factories for code pipelines', () => {
    expect(exactDedup({ normalize: false }, { field: 'answer' })).toMatchObject({ kind: 'filter', reference: 'dedup:exact', field: 'answer', options: { normalize: false } });
    expect(minhashDedup()).toMatchObject({ kind: 'filter', reference: 'dedup:minhash' });
    expect(semanticDedup({ threshold: 0.95 })).toMatchObject({ kind: 'filter', reference: 'dedup:semantic' });
  });
});
