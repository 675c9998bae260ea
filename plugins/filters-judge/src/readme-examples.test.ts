// The README's example recipes compile: their stages, options and model bindings are valid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedFilterStage } from '@synthkit/runtime';
import openAIPlugin from '@synthkit/provider-openai';
import { compileRecipe, createRegistry, loadRecipeFile } from '@synthkit/runtime';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import judgePlugin from './index';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const recipes = [...readme.matchAll(/```yaml\n([^]*?)```/g)].map((match) => match[1]!);

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
  await project.write('answers.jsonl', '{"prompt": "Why?", "response": "Because."}\n');
  await project.write('retrieval-pairs.jsonl', '{"text": "A passage.", "question": "What?"}\n');
});
afterEach(async () => {
  await project.remove();
});

describe('the README examples', () => {
  it('has two recipes, and each compiles with the models it names bound to the filters\' roles', async () => {
    expect(recipes).toHaveLength(2);
    const registry = await createRegistry({ plugins: [judgePlugin, openAIPlugin], discover: false });
    const plans = [];
    for (const [index, recipe] of recipes.entries()) {
      await project.write(`recipe-${index}.yaml`, recipe);
      const document = (await loadRecipeFile(join(project.directory, `recipe-${index}.yaml`))) as { providers?: object };
      // The key OPENAI_API_KEY would give.
      document.providers = { openai: { apiKey: 'sk-test' }, ...document.providers };
      plans.push(await compileRecipe({ registry, directory: project.directory, document }));
    }
    const [answers, pairs] = plans.map((plan) => plan.stages.filter((stage): stage is PlannedFilterStage => stage.kind === 'filter'));
    expect(answers!.map((stage) => stage.reference)).toEqual(['judge:reward', 'judge:llm']);
    expect(answers![0]!.rewardModels?.['reward']?.reference).toBe('nvidia:nvidia/nemotron-4-340b-reward');
    expect(Object.fromEntries(Object.entries(answers![1]!.models).map(([role, model]) => [role, model.reference]))).toEqual({
      judge: 'openai:gpt-4o-mini',
      'judge-2': 'nvidia:meta/llama-3.1-70b-instruct',
      // judges: 2 asks judge and judge-2 only: judge-3 is not bound.
    });
    expect(pairs!.map((stage) => stage.reference)).toEqual(['judge:answerability', 'judge:easiness']);
    expect(pairs![1]!.embeddingModels?.['embedder']?.reference).toBe('openai:text-embedding-3-small');
  });
});
