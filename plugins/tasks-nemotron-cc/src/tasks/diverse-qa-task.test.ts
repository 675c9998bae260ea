import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { diverseQAHeader } from '../post-processing/post-process-diverse-qa';
import { nemotronCCSystemPrompt } from '../prompts/system-prompts';
import { tideDocument } from '../test-support/sample-texts';
import { diverseQATask } from './diverse-qa-task';

const generator = (answer: string) => new MockLanguageModelV1({ modelId: 'generator', doGenerate: [answer] });

/** Eight pairs, written as the prompt asks: one "- Question: ... Answer: ..." line each. */
const eightPairs = [
  diverseQAHeader,
  '- Question: What mainly causes tides? Answer: The pull of the moon, and to a lesser degree the sun.',
  '- Question: How many high tides do most coasts see in a lunar day? Answer: Two.',
  '- Question: How long is a lunar day? Answer: About 24 hours and 50 minutes.',
  '- Question: Is high tide at the same time every day? Answer: No, it comes about 50 minutes later each day.',
  '- Question: When do spring tides happen? Answer: At new and full moon, when the sun and moon line up.',
  '- Question: Which are weaker, spring or neap tides? Answer: Neap tides.',
  '- Question: What happens to the pulls of the sun and moon at the quarter moons? Answer: They partly cancel out.',
  '- Question: Which tides have the lowest lows: (a) neap, (b) spring? Answer: (b) spring tides.',
].join('\n');

const pairsOf = (output: string) => output.slice(tideDocument.length + 2).split('\n\n');

describe('nemotron-cc:diverse-qa', () => {
  it('sends the document in its prompt with NeMo\'s parameters', async () => {
    const model = generator(eightPairs);
    const { calls, requests } = await runTask(diverseQATask, { input: { text: tideDocument }, models: { generator: model } });
    const [system, user] = model.doGenerateCalls[0]?.messages ?? [];
    expect(system).toEqual({ role: 'system', content: nemotronCCSystemPrompt });
    expect(user?.content).toContain(`Text:\n${tideDocument}\n`);
    expect(user?.content).toContain(`${diverseQAHeader}\n- Question: [the first question] Answer: [its answer]`);
    expect(requests[0]?.variables).toEqual({ document: tideDocument });
    expect(calls[0]).toMatchObject({ template: 'diverse-qa', params: { temperature: 0.5, topP: 0.9, maxTokens: 600, stop: ['</s>'] } });
  });

  it('writes the document and a seeded random selection of the pairs: a fixed seed gives the same output', async () => {
    const run = (seed: number) => runTask(diverseQATask, { input: { text: tideDocument }, models: { generator: generator(eightPairs) }, seed });
    const first = await run(0);
    expect(first.records).toEqual([{ diverse_qa: SEED_0_OUTPUT }]);
    expect((await run(0)).records).toEqual(first.records);
    // The document has about 120 tokens: floor(1 × 120 / 150) = 0, so one pair is kept whatever the seed.
    const kept = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const [record] = (await run(seed)).records;
      expect(record?.diverse_qa.startsWith(`${tideDocument}\n\n`)).toBe(true);
      const pairs = pairsOf(record!.diverse_qa);
      expect(pairs).toHaveLength(1);
      expect(eightPairs).toContain(`- ${pairs[0]}`);
      kept.add(pairs[0]!);
    }
    expect(kept.size).toBeGreaterThan(3);
  });

  it('keeps up to max_num_pairs pairs per 150 tokens of document', async () => {
    const counts = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const { records } = await runTask(diverseQATask, {
        options: { max_num_pairs: 10 },
        input: { text: tideDocument },
        models: { generator: generator(eightPairs) },
        seed,
      });
      counts.add(pairsOf(records[0]!.diverse_qa).length);
    }
    // floor(10 × ~120 / 150) is 8 or more: between one and all eight pairs are kept.
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBe(8);
    expect(counts.size).toBeGreaterThan(3);
  });

  it('rejects answers that give no pair: answer first, empty, no question lines', async () => {
    const reasons = async (answer: string) =>
      (await runTask(diverseQATask, { input: { text: tideDocument }, models: { generator: generator(answer) } })).rejections.map((rejection) => rejection.reason);
    expect(await reasons(`${diverseQAHeader}\n- Answer: Two.\n- Question: How many? `)).toEqual([
      'no question-answer pairs: a line comes before the first line beginning with "Question:"',
    ]);
    expect(await reasons('')).toEqual(['no question-answer pairs: the answer is empty']);
    expect(await reasons('I cannot write questions about this text.')).toEqual([
      'no question-answer pairs: a line comes before the first line beginning with "Question:"',
    ]);
  });

  it('rejects an output under min_output_tokens, which counts the document too', async () => {
    const { rejections } = await runTask(diverseQATask, {
      input: { text: 'Tides rise.' },
      models: { generator: generator(`${diverseQAHeader}\n- Question: Do tides rise? Answer: Yes.`) },
    });
    expect(rejections).toEqual([
      { reason: 'output too short: 15 tokens (llama-3), fewer than min_output_tokens 100', details: { tokens: 15, min_output_tokens: 100, tokenizer: 'llama-3' } },
    ]);
  });

  it('writes the answer as the model gave it with select_pairs off', async () => {
    const { records } = await runTask(diverseQATask, {
      options: { select_pairs: false, remove_markdown: false },
      input: { text: tideDocument },
      models: { generator: generator(`\n${eightPairs}\n`) },
    });
    expect(records).toEqual([{ diverse_qa: eightPairs }]);
  });
});

/** What seed 0 draws for the input record of `runTask` (the record id of a first stage). */
const SEED_0_OUTPUT = `${tideDocument}\n\nQuestion: Which tides have the lowest lows: (a) neap, (b) spring? Answer: (b) spring tides.`;
