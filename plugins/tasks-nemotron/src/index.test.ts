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

  it('contributes the open QA, writing, closed QA, math and Python tasks, the entity classifiers, the conversation tasks and yaml-conversion, each exported with a stage factory', () => {
    const tasks = {
      'macro-topics': [exported.macroTopicsTask, exported.macroTopics],
      subtopics: [exported.subtopicsTask, exported.subtopics],
      'open-qa-questions': [exported.openQAQuestionsTask, exported.openQAQuestions],
      'open-qa-revisions': [exported.openQARevisionsTask, exported.openQARevisions],
      'writing-tasks': [exported.writingTasksTask, exported.writingTasks],
      'writing-task-revisions': [exported.writingTaskRevisionsTask, exported.writingTaskRevisions],
      'closed-qa-instructions': [exported.closedQAInstructionsTask, exported.closedQAInstructions],
      'math-macro-topics': [exported.mathMacroTopicsTask, exported.mathMacroTopics],
      'math-subtopics': [exported.mathSubtopicsTask, exported.mathSubtopics],
      'math-problems': [exported.mathProblemsTask, exported.mathProblems],
      'python-macro-topics': [exported.pythonMacroTopicsTask, exported.pythonMacroTopics],
      'python-subtopics': [exported.pythonSubtopicsTask, exported.pythonSubtopics],
      'python-problems': [exported.pythonProblemsTask, exported.pythonProblems],
      'math-entity-classification': [exported.mathEntityClassificationTask, exported.mathEntityClassification],
      'python-entity-classification': [exported.pythonEntityClassificationTask, exported.pythonEntityClassification],
      dialogue: [exported.dialogueTask, exported.dialogue],
      'two-turn-prompts': [exported.twoTurnPromptsTask, exported.twoTurnPrompts],
      'yaml-conversion': [exported.yamlConversionTask, exported.yamlConversion],
    } as const;
    expect(Object.keys(plugin.tasks)).toEqual(Object.keys(tasks));
    expect(plugin).toBe(exported.nemotronPlugin);
    for (const [name, [task, factory]] of Object.entries(tasks)) {
      expect(plugin.tasks[name as keyof typeof tasks]).toBe(task);
      expect(factory({})).toMatchObject({ kind: 'task', reference: `nemotron:${name}`, plugin });
    }
  });

  it('exports the conversion step, its error and the templates', () => {
    expect(typeof exported.convertToYamlList).toBe('function');
    expect(typeof exported.convertGeneratedList).toBe('function');
    expect(exported.parseListLocally('1. a\n2. b')).toMatchObject({ ok: true, items: ['a', 'b'] });
    expect(typeof exported.YamlConversionError.isInstance).toBe('function');
    expect(exported.yamlConversionTemplate.name).toBe('yaml-conversion');
  });
});
