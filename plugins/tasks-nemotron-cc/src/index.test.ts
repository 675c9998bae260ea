import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import plugin, * as exported from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('@synthkit/tasks-nemotron-cc', () => {
  it('default-exports a valid plugin manifest', () => {
    expect(validatePluginManifest(plugin)).toEqual([]);
    expect(definePlugin(plugin)).toBe(plugin);
  });

  it('names itself after package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'nemotron-cc' });
    expect(exported.VERSION).toBe(packageJson.version);
  });

  it('contributes the pre-processing, the five rewriting tasks and the whole-document rephrasing, reading text by default and writing NeMo\'s field names', () => {
    expect(Object.keys(plugin.tasks)).toEqual(['segments', 'rephrase', 'rephrase-document', 'diverse-qa', 'distill', 'extract-knowledge', 'knowledge-list']);
    expect(plugin.tasks.segments).toBe(exported.segmentsTask);
    expect(plugin.tasks.rephrase).toBe(exported.rephraseTask);
    expect(plugin.tasks['rephrase-document']).toBe(exported.rephraseDocumentTask);
    expect(plugin.tasks['diverse-qa']).toBe(exported.diverseQATask);
    expect(plugin.tasks.distill).toBe(exported.distillTask);
    expect(plugin.tasks['extract-knowledge']).toBe(exported.extractKnowledgeTask);
    expect(plugin.tasks['knowledge-list']).toBe(exported.knowledgeListTask);
    const outputField = (name: keyof typeof plugin.tasks) => Object.keys((plugin.tasks[name].output as unknown as { shape: object }).shape);
    expect(outputField('rephrase')).toEqual(['rephrased']);
    expect(outputField('rephrase-document')).toEqual(['rephrased', 'segments', 'segments_rephrased', 'dropped_segments']);
    expect(outputField('diverse-qa')).toEqual(['diverse_qa']);
    expect(outputField('distill')).toEqual(['distill']);
    expect(outputField('extract-knowledge')).toEqual(['extract_knowledge']);
    expect(outputField('knowledge-list')).toEqual(['knowledge_list']);
    expect(outputField('segments')).toEqual(['segment_index', 'segment_tokens']);
    for (const task of Object.values(plugin.tasks)) {
      expect(task.input.safeParse({ text: 'a document' }).success).toBe(true);
      const options = task.options.parse(task === plugin.tasks.segments ? { target_task: 'rephrase' } : {});
      expect((task.fields as ((options: unknown) => { reads?: string[] }) | undefined)?.(options).reads).toEqual(['text']);
    }
    expect(plugin.tasks.segments.fields?.(plugin.tasks.segments.options.parse({ max_segment_tokens: 100, input_field: 'raw_content' }))).toEqual({
      reads: ['raw_content'],
      writes: ['raw_content'],
    });
    expect(plugin.tasks.segments.models).toEqual({});
  });

  it('makes stage factories that name the plugin\'s tasks and carry their options', () => {
    expect(exported.segments({ target_task: 'distill' })).toMatchObject({ kind: 'task', reference: 'nemotron-cc:segments', options: { target_task: 'distill' } });
    expect(exported.rephrase()).toMatchObject({ kind: 'task', reference: 'nemotron-cc:rephrase' });
    expect(exported.rephraseDocument({ max_input_tokens: 1024 })).toMatchObject({ reference: 'nemotron-cc:rephrase-document', options: { max_input_tokens: 1024 } });
    expect(exported.diverseQA({ max_num_pairs: 2 })).toMatchObject({ reference: 'nemotron-cc:diverse-qa' });
    expect(exported.distill().reference).toBe('nemotron-cc:distill');
    expect(exported.extractKnowledge().reference).toBe('nemotron-cc:extract-knowledge');
    expect(exported.knowledgeList().reference).toBe('nemotron-cc:knowledge-list');
  });
});
