import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import plugin, * as exported from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('@synthkit/tasks-nemotron', () => {
  it('default-exports a valid plugin manifest', () => {
    expect(validatePluginManifest(plugin)).toEqual([]);
    expect(definePlugin(plugin)).toBe(plugin);
  });

  it('names itself after package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'nemotron' });
    expect(exported.VERSION).toBe(packageJson.version);
  });

  it('contributes the four open QA tasks', () => {
    expect(Object.keys(plugin.tasks)).toEqual(['macro-topics', 'subtopics', 'open-qa-questions', 'open-qa-revisions']);
    expect(plugin.tasks['macro-topics']).toBe(exported.macroTopicsTask);
    expect(plugin.tasks.subtopics).toBe(exported.subtopicsTask);
    expect(plugin.tasks['open-qa-questions']).toBe(exported.openQAQuestionsTask);
    expect(plugin.tasks['open-qa-revisions']).toBe(exported.openQARevisionsTask);
  });

  it('exports the conversion step, its error and the templates', () => {
    expect(typeof exported.convertToYamlList).toBe('function');
    expect(typeof exported.YamlConversionError.isInstance).toBe('function');
    expect(exported.yamlConversionTemplate.name).toBe('yaml-conversion');
  });
});
