import type { MockAnswer } from '@synthkit/testkit';
import { describeTaskConformance } from '@synthkit/testkit/conformance';
import plugin from './index';
import { choices } from './test-support/scripted-models';

// Every task of the plugin passes the task conformance kit on a record with a prompt and good
// answers; hostile answers from the generator, the judge or the teacher must not crash any of them.
const prompt = 'How do vaccines train the immune system?';
const answer = 'They show it a harmless piece of a germ, so it learns to recognise the real thing.';
const verdict = '{"reason": "Correct and clear.", "score": 8}';
const cases: Array<{ name: keyof typeof plugin.tasks; label?: string; options?: unknown; input?: Record<string, string>; answers: Record<string, MockAnswer | MockAnswer[]> }> = [
  { name: 'answer', answers: { generator: answer } },
  { name: 'answer', label: 'answer (system prompt, n)', options: { system_prompt: 'Be brief.', n: 2 }, answers: { generator: answer } },
  { name: 'messages', input: { prompt, response: answer }, answers: {} },
  { name: 'messages', label: 'messages (preference)', options: { layout: 'preference' }, input: { prompt, chosen: answer, rejected: 'No idea.' }, answers: {} },
  { name: 'best-of-n', answers: { generator: answer, judge: verdict } },
  { name: 'best-of-n', label: 'best-of-n (keep above)', options: { keep: 'above', threshold: 5 }, answers: { generator: answer, judge: verdict } },
  // Identical answers count once and a pair needs a score gap: two answers, graded apart.
  {
    name: 'preference-pairs',
    options: { n: 2 },
    answers: { generator: choices(answer, 'Vaccines are medicine.'), judge: [verdict, '{"reason": "Vague.", "score": 3}'] },
  },
  // The kit's reward model scores an answer by its length: the longer of the two is chosen.
  { name: 'best-of-n', label: 'best-of-n (reward)', options: { scorer: 'reward', reward_weights: { helpfulness: 1, verbosity: -0.5 } }, answers: { generator: answer } },
  { name: 'preference-pairs', label: 'preference-pairs (reward)', options: { n: 2, scorer: 'reward' }, answers: { generator: choices(answer, 'Vaccines are medicine.') } },
  { name: 'distill', options: { messages: true }, answers: { teacher: answer } },
];

for (const { name, label, options, input, answers } of cases) {
  describeTaskConformance({ name: `quality:${label ?? name}`, task: plugin.tasks[name], options: options ?? {}, input: input ?? { prompt }, answers });
}
