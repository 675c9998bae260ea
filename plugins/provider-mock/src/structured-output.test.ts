import type { TaskV1 } from '@synthkit/core';
import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMock } from './create-mock';

// Structured output through the engine: the gateway checks every JSON answer against the task's
// schema and sends an unfit one back to be fixed. The mock's answers must fit the first time.
const quizSchema = z.object({
  title: z.string().min(3),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  questions: z
    .array(z.object({ question: z.string(), answer: z.string(), points: z.int().min(1).max(5), hint: z.string().nullable().optional() }))
    .min(2)
    .max(4),
  published: z.boolean(),
});

const quizTask: TaskV1<Record<string, never>, { topic: string }, { quiz: z.output<typeof quizSchema> }> = {
  specificationVersion: 'v1',
  description: 'Writes a quiz about a topic as JSON.',
  options: z.object({}).strict() as never,
  input: z.object({ topic: z.string() }),
  output: z.object({ quiz: quizSchema }),
  models: { writer: 'Writes the quiz.' },
  templates: { quiz: { specificationVersion: 'v1', name: 'quiz', user: 'Write a short quiz about {topic}.', variables: ['topic'] } },
  async run(input, context) {
    const { objects } = await context.generate({
      role: 'writer',
      template: 'quiz',
      variables: { topic: input.topic },
      params: { n: 3 },
      responseFormat: { type: 'json', schema: quizSchema },
    });
    return (objects ?? []).map((quiz) => ({ quiz }));
  },
};

describe('structured output on the mock provider, checked by the engine', () => {
  it('fits the task schema at the first answer, for every choice and seed', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { records, calls, rejections } = await runTask(quizTask, {
        input: { topic: 'the solar system' },
        models: createMock().languageModel('quiz-writer'),
        params: { default: { seed } },
      });
      expect(rejections).toEqual([]);
      expect(records).toHaveLength(3);
      expect(new Set(records.map((record) => JSON.stringify(record.quiz))).size).toBe(3);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.repairs ?? 0).toBe(0);
      for (const { quiz } of records) expect(quizSchema.parse(quiz)).toEqual(quiz);
    }
  });
});

describe('judges\' structured output on the mock provider', () => {
  const verdictSchema = z.strictObject({ reasoning: z.string(), score: z.int().min(1).max(5), criterion_1: z.enum(['Y', 'N']), criterion_2: z.enum(['Y', 'N']) });
  const jsonSchema = z.toJSONSchema(verdictSchema) as Record<string, unknown>;
  const answer = async (seed: number) => {
    const { choices } = await createMock()
      .languageModel('judge')
      .doGenerate({ messages: [{ role: 'user', content: 'Grade the answer about tides from 1 to 5.' }], params: { seed }, responseFormat: { type: 'json', schema: jsonSchema } });
    return verdictSchema.parse(JSON.parse(choices[0]!.text));
  };

  it('writes sentences of reasoning, a grade within the bounds, and mostly "Y" for a Y/N verdict', async () => {
    const verdicts = await Promise.all(Array.from({ length: 200 }, (_, seed) => answer(seed)));
    for (const { reasoning } of verdicts) expect(reasoning.split(/(?<=[.!?])\s+/).length).toBeGreaterThanOrEqual(2);
    expect(new Set(verdicts.map((verdict) => verdict.score))).toEqual(new Set([1, 2, 3, 4, 5]));
    const yes = verdicts.flatMap((verdict) => [verdict.criterion_1, verdict.criterion_2]).filter((value) => value === 'Y').length / 400;
    // Seeded, so the same share every run: about nine in ten, not the even draw of other enums.
    expect(yes).toBeGreaterThan(0.85);
    expect(yes).toBeLessThan(0.95);
  });
});
