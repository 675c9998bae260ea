import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import plugin, * as exported from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describe('@synthkit/tasks-quality', () => {
  it('default-exports a valid plugin manifest, named after package.json', () => {
    expect(validatePluginManifest(plugin)).toEqual([]);
    expect(definePlugin(plugin)).toBe(plugin);
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'quality' });
    expect(exported.VERSION).toBe(packageJson.version);
  });

  it('contributes five tasks, each with a stage factory', () => {
    expect(Object.keys(plugin.tasks)).toEqual(['answer', 'messages', 'best-of-n', 'preference-pairs', 'distill']);
    expect(plugin.tasks['best-of-n']).toBe(exported.bestOfNTask);
    expect(exported.bestOfN({ n: 8 }, { name: 'best' })).toEqual({ kind: 'task', reference: 'quality:best-of-n', plugin, options: { n: 8 }, name: 'best' });
    const factories = [exported.answer, exported.messages, exported.bestOfN, exported.preferencePairs, exported.distill];
    expect(factories.map((factory) => factory(undefined as never).reference)).toEqual(Object.keys(plugin.tasks).map((name) => `quality:${name}`));
  });
});
