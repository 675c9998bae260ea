import type { PromptTemplateV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import plugin from '../index';
import {
  macroTopicsTemplate,
  openQAQuestionsTemplate,
  openQARevisionsTemplate,
  subtopicsTemplate,
  yamlConversionTemplate,
} from './index';

const templates: PromptTemplateV1[] = [
  macroTopicsTemplate,
  subtopicsTemplate,
  openQAQuestionsTemplate,
  openQARevisionsTemplate,
  yamlConversionTemplate,
];

/** The `{name}` placeholders of a text, skipping `{{` and `}}` (literal braces). Throws on a stray brace. */
function placeholders(text: string): string[] {
  const names: string[] = [];
  const rest = text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (_match, name: string | undefined) => {
    if (name !== undefined) names.push(name);
    return '';
  });
  if (/[{}]/.test(rest)) throw new Error(`stray brace in: ${text}`);
  return names;
}

describe.each(templates.map((template) => [template.name, template] as const))('template %s', (_name, template) => {
  it('uses exactly its declared variables as placeholders', () => {
    const used = new Set([...placeholders(template.user), ...placeholders(template.system ?? '')]);
    expect([...used].sort()).toEqual([...template.variables].sort());
  });

  it('is a v1 template with a description', () => {
    expect(template.specificationVersion).toBe('v1');
    expect(template.description).toBeTruthy();
  });
});

describe.each(templates.filter((template) => template !== yamlConversionTemplate).map((template) => [template.name, template] as const))(
  'list template %s',
  (_name, template) => {
    it('asks for exactly N items as a numbered list with nothing else', () => {
      expect(template.user).toMatch(/exactly \{n_\w+\}/);
      expect(template.user).toContain('numbered list');
      expect(template.user).toContain('per line');
      expect(template.user).toContain('Write nothing else');
    });
  },
);

describe('yaml-conversion template', () => {
  it('embeds the answer and asks for a verbatim, unfenced YAML list', () => {
    expect(yamlConversionTemplate.user).toContain('{llm_response}');
    expect(yamlConversionTemplate.user).toContain('exactly as written');
    expect(yamlConversionTemplate.user).toContain('no code fences');
  });
});

describe('task templates', () => {
  it('are keyed by their own names, and every task can convert', () => {
    for (const [taskName, task] of Object.entries(plugin.tasks)) {
      for (const [key, template] of Object.entries(task.templates)) expect(template.name, `${taskName} → ${key}`).toBe(key);
      expect(Object.keys(task.templates).sort()).toEqual([taskName, 'yaml-conversion'].sort());
      expect(Object.keys(task.models).sort()).toEqual(['converter', 'generator']);
    }
  });
});
