import { readFileSync } from 'node:fs';
import { definePlugin, validatePluginManifest } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import judgePlugin, { answerability, answerabilityFilter, easiness, easinessFilter, llmJudge, llmJudgeFilter, rewardFilter, rewardJudge, VERSION } from './index';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describe('@synthkit/filters-judge plugin', () => {
  it('is a valid plugin manifest named after package.json, in namespace judge', () => {
    expect(validatePluginManifest(judgePlugin)).toEqual([]);
    expect(definePlugin(judgePlugin)).toBe(judgePlugin);
    expect(judgePlugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'judge' });
    expect(VERSION).toBe(packageJson.version);
  });

  it('contributes its four filters under their recipe names, with their model roles', () => {
    expect(judgePlugin.filters).toEqual({ reward: rewardFilter, llm: llmJudgeFilter, easiness: easinessFilter, answerability: answerabilityFilter });
    expect(Object.keys(rewardFilter.rewardModels ?? {})).toEqual(['reward']);
    expect(Object.keys(llmJudgeFilter.models ?? {})).toEqual(['judge', 'judge-2', 'judge-3']);
    expect(Object.keys(llmJudgeFilter.templates ?? {})).toEqual(['helpfulness', 'correctness', 'harmlessness', 'instruction-following', 'custom']);
    expect(Object.keys(easinessFilter.embeddingModels ?? {})).toEqual(['embedder']);
    expect(Object.keys(answerabilityFilter.templates ?? {})).toEqual(['answerability']);
  });

  it('exports stage factories for pipelines written in code', () => {
    expect(llmJudge({ rubric: 'correctness' }, { field: 'response' })).toMatchObject({
      kind: 'filter',
      reference: 'judge:llm',
      options: { rubric: 'correctness' },
      field: 'response',
    });
    expect([rewardJudge({ thresholds: { helpfulness: { min: 3 } } }).reference, easiness().reference, answerability().reference]).toEqual(['judge:reward', 'judge:easiness', 'judge:answerability']);
  });
});
