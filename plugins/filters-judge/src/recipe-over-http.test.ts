// The filters in a compiled recipe, over real HTTP: the OpenAI provider against the testkit's
// loopback server, which answers the judges' rubric prompts with JSON verdicts and the reward
// model's conversations the way NVIDIA's reward endpoints do (scores as log probabilities).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonRecord, ModelCallMeta } from '@synthkit/core';
import openAIPlugin from '@synthkit/provider-openai';
import { compileRecipe, createRegistry, runRecipe } from '@synthkit/runtime';
import { createOpenAITestServer, createTemporaryProject, rewardRule, textRule, type OpenAITestServer, type TemporaryProject } from '@synthkit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import judgePlugin from './index';

let project: TemporaryProject;
let server: OpenAITestServer;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await server.close();
  await project.remove();
});

const answers = [
  { prompt: 'Why do leaves change colour in autumn?', response: 'Chlorophyll breaks down, revealing carotenoids; a good answer.' },
  { prompt: 'What is 7 times 8?', response: 'Maybe 54.' },
  { prompt: 'Name a prime number above 10.', response: 'Eleven is prime: it has no divisors but 1 and itself, a good answer.' },
  { prompt: 'Who wrote Hamlet?', response: 'It was written by Christopher Marlowe in 1750.' },
];

async function lines(file: string): Promise<JsonRecord[]> {
  const text = await readFile(join(project.directory, 'out', file), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as JsonRecord);
}

describe('judge:reward and judge:llm in a recipe over HTTP', () => {
  it('call the reward model and two judge models through the gateway, traced in _meta.calls, every attribute and grade in _meta.scores', async () => {
    server = await createOpenAITestServer({
      rules: [
        // The judges: the answer quoted in the rubric decides the grade; the second judge is one kinder.
        textRule({
          match: /<answer>\n([^]*?)\n<\/answer>/,
          answer: (match, request) => {
            const grade = (match[1]!.includes('good') ? 4 : 2) + (request.model === 'second-judge' ? 1 : 0);
            return JSON.stringify({ reasoning: `${request.model} grades it ${grade}.`, score: grade });
          },
        }),
        rewardRule({ scores: (messages) => ({ helpfulness: messages.at(-1)!.content.length > 20 ? 3.6 : 1.2, correctness: 3.1, coherence: 3.9, complexity: 1.4, verbosity: 1.1 }) }),
      ],
    });
    await project.write('answers.jsonl', answers.map((answer) => JSON.stringify(answer)).join('\n') + '\n');
    const document = {
      providers: { openai: { baseURL: server.baseURL, apiKey: 'sk-test' } },
      models: { default: 'openai:first-judge', reward: 'openai:nvidia/nemotron-4-340b-reward' },
      stages: [
        { source: 'answers.jsonl' },
        { filter: 'judge:reward', field: 'response', options: { thresholds: { helpfulness: 3, verbosity: { max: 2.5 } } } },
        { filter: 'judge:llm', field: 'response', options: { rubric: 'correctness', judges: 2, threshold: 4 }, models: { 'judge-2': 'openai:second-judge' } },
      ],
    };
    const registry = await createRegistry({ plugins: [judgePlugin, openAIPlugin], discover: false });
    const plan = await compileRecipe({ registry, directory: project.directory, document });
    const report = await runRecipe({ plan, out: join(project.directory, 'out') });
    expect(report.status).toBe('completed');

    const kept = await lines('data.jsonl');
    expect(kept.map((record) => record['prompt']).sort()).toEqual(['Name a prime number above 10.', 'Why do leaves change colour in autumn?']);
    const meta = kept[0]!['_meta'] as unknown as { scores: Record<string, unknown>; calls: ModelCallMeta[] };
    expect(meta.scores).toEqual({
      reward: true,
      'reward.helpfulness': 3.6,
      'reward.correctness': 3.1,
      'reward.coherence': 3.9,
      'reward.complexity': 1.4,
      'reward.verbosity': 1.1,
      llm: 4.5,
      'llm.judge': 4,
      'llm.judge-2': 5,
    });
    expect(meta.calls).toEqual([
      expect.objectContaining({ stage: 'reward', kind: 'reward', role: 'reward', model: 'openai:nvidia/nemotron-4-340b-reward', scores: expect.objectContaining({ helpfulness: 3.6 }) }),
      expect.objectContaining({ stage: 'llm', role: 'judge', model: 'openai:first-judge', template: 'correctness', params: { temperature: 0 } }),
      expect.objectContaining({ stage: 'llm', role: 'judge-2', model: 'openai:second-judge', template: 'correctness' }),
    ]);

    // The short answer fails the reward stage (and is never judged); the wrong one, the judges.
    const rejects = await lines('rejects.jsonl');
    expect(rejects.map((entry) => [entry['stage'], entry['kind'], entry['reason']]).sort()).toEqual([
      ['llm', 'filtered', 'mean 2.5 below 4 (judge: "first-judge grades it 2.")'],
      ['reward', 'filtered', 'helpfulness 1.2 below 3'],
    ]);
    expect((rejects.find((entry) => entry['stage'] === 'reward')!['record'] as JsonRecord)['_meta']).toMatchObject({ scores: { reward: false, 'reward.helpfulness': 1.2, 'reward.verbosity': 1.1 } });

    // The judges were asked for JSON-schema output, at temperature 0, each on its own model.
    const judged = server.requests.filter((request) => JSON.stringify(request.body).includes('<answer>'));
    expect(judged.map((request) => (request.body as { model: string }).model).sort()).toEqual(['first-judge', 'first-judge', 'first-judge', 'second-judge', 'second-judge', 'second-judge']);
    expect(judged[0]!.body).toMatchObject({ temperature: 0, response_format: { type: 'json_schema', json_schema: { name: 'judge_verdict' } } });
    expect(report.models['openai:second-judge']).toMatchObject({ calls: 3, requests: 3 });
    expect(report.models['openai:nvidia/nemotron-4-340b-reward']).toMatchObject({ calls: 4 });
  });
});
