import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PluginLoadError } from '../../errors/plugin-load-error';
import { definePlugin, validatePluginManifest } from './define-plugin';

const filter = {
  specificationVersion: 'v1' as const,
  description: 'Keeps everything.',
  options: z.object({}),
  create: () => ({ specificationVersion: 'v1' as const, score: () => true, keep: () => true }),
};

describe('definePlugin', () => {
  it('returns a valid plugin unchanged', () => {
    const plugin = {
      specificationVersion: 'v1' as const,
      meta: { name: '@acme/synthkit-plugin-x', version: '1.2.3', namespace: 'acme' },
      filters: { 'keep-all': filter },
    };
    expect(definePlugin(plugin)).toBe(plugin);
  });

  it('throws a PluginLoadError listing every problem with its path', () => {
    const attempt = () =>
      definePlugin({
        specificationVersion: 'v1',
        meta: { name: 'x', version: 'latest', namespace: 'Has Spaces' },
        filters: { Bad_Name: filter, good: { ...filter, create: 'not a function' } },
      } as never);
    expect(attempt).toThrowError(PluginLoadError);
    try {
      attempt();
    } catch (error) {
      expect(PluginLoadError.isInstance(error)).toBe(true);
      const loadError = error as PluginLoadError;
      expect(loadError.failure).toBe('invalid-manifest');
      expect(loadError.issues.map((issue) => issue.path).sort()).toEqual([
        'filters.Bad_Name',
        'filters.good.create',
        'meta.namespace',
        'meta.version',
      ]);
      expect(loadError.message).toContain('Plugin "x"');
      expect(loadError.message).toContain('meta.version: must be a semver version');
    }
  });

  it('requires zod schemas for options', () => {
    const issues = validatePluginManifest({
      specificationVersion: 'v1',
      meta: { name: 'x', version: '1.0.0', namespace: 'x' },
      filters: { f: { ...filter, options: { type: 'object' } } },
    });
    expect(issues).toEqual([{ path: 'filters.f.options', message: 'must be a zod schema (zod 4), e.g. z.object({ ... })' }]);
  });

  it('rejects another specification version', () => {
    expect(validatePluginManifest({ specificationVersion: 'v2', meta: { name: 'x', version: '1.0.0', namespace: 'x' } })).toEqual([
      { path: 'specificationVersion', message: 'must be "v1"' },
    ]);
  });
});

describe('definePlugin: formatters', () => {
  const formatter = {
    specificationVersion: 'v1' as const,
    name: 'plain',
    description: 'The one user message as it is.',
    format: () => 'prompt',
  };
  const meta = { name: 'x', version: '1.0.0', namespace: 'x' };

  it('accepts conversation formatters keyed by their name', () => {
    expect(validatePluginManifest({ specificationVersion: 'v1', meta, formatters: { plain: formatter } })).toEqual([]);
  });

  it('reports a formatter whose name is not its key', () => {
    const issues = validatePluginManifest({ specificationVersion: 'v1', meta, formatters: { other: formatter } });
    expect(issues).toEqual([
      { path: 'formatters.other.name', message: `must be "other", the formatter's key in formatters (recipes and cache keys use the name)` },
    ]);
  });

  it('reports a formatter without a format function', () => {
    const issues = validatePluginManifest({
      specificationVersion: 'v1',
      meta,
      formatters: { plain: { ...formatter, format: 'text' } },
    });
    expect(issues).toEqual([{ path: 'formatters.plain.format', message: 'must be a function' }]);
  });
});
