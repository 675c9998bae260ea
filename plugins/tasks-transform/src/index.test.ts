import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import plugin, * as exported from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describe('@synthkit/tasks-transform', () => {
  it('default-exports a valid plugin manifest, named after package.json', () => {
    expect(validatePluginManifest(plugin)).toEqual([]);
    expect(definePlugin(plugin)).toBe(plugin);
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'transform' });
    expect(exported.VERSION).toBe(packageJson.version);
  });

  it('contributes the general prompt task and eight ready-made transforms, each with a stage factory', () => {
    expect(Object.keys(plugin.tasks)).toEqual(['prompt', 'paraphrase', 'style-transfer', 'simplify', 'translate', 'explain', 'add-context', 'extract', 'educational-text']);
    expect(plugin.tasks.prompt).toBe(exported.promptTask);
    expect(plugin.tasks['educational-text']).toBe(exported.educationalTextTask);
    expect(exported.translate({ languages: ['French'] }, { name: 'french' })).toEqual({
      kind: 'task',
      reference: 'transform:translate',
      plugin,
      options: { languages: ['French'] },
      name: 'french',
    });
    const factories = [exported.prompt, exported.paraphrase, exported.styleTransfer, exported.simplify, exported.translate, exported.explain, exported.addContext, exported.extract, exported.educationalText];
    expect(factories.map((factory) => factory(undefined as never).reference)).toEqual(Object.keys(plugin.tasks).map((name) => `transform:${name}`));
  });
});
