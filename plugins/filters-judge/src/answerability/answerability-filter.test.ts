import type { JsonRecord } from '@synthkit/core';
import { MockLanguageModelV1, runFilter } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { tagged } from '../test-support/scripted-judges';
import { answerabilityFilter } from './answerability-filter';
import { defaultAnswerabilityCriteria } from './answerability-templates';

/** A judge answering "N" for the criteria numbers listed after `fails=` in the question (`fails=2,4`), "Y" for the others. */
function criteriaReadingJudge(): MockLanguageModelV1 {
  return new MockLanguageModelV1({
    modelId: 'judge',
    doGenerate: (options) => {
      const failing = new Set((/fails=([\d,]+)/.exec(tagged(options, 'question'))?.[1] ?? '').split(',').filter(Boolean).map(Number));
      const count = (tagged(options, 'passage') && options.messages!.at(-1)!.content.match(/^\d+\. /gm)?.length) || 0;
      return JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, index) => [`criterion_${index + 1}`, failing.has(index + 1) ? 'N' : 'Y'])));
    },
  });
}

const pair = (question: string, text = 'The Nile flows north through eleven countries into the Mediterranean Sea.'): JsonRecord => ({ question, text });

describe('judge:answerability', () => {
  it('keeps a pair only when every criterion is met, each criterion in _meta.scores, the unmet ones named in a drop', async () => {
    const { kept, rejects } = await runFilter(answerabilityFilter, {
      records: [pair('Which sea does the Nile flow into?'), pair('What is the Nile\'s length? fails=1,2'), pair('Why? fails=3')],
      models: criteriaReadingJudge(),
      reference: 'judge:answerability',
    });
    expect(kept.map((record) => record['question'])).toEqual(['Which sea does the Nile flow into?']);
    expect(kept[0]!['_meta']).toMatchObject({
      scores: { answerability: true, 'answerability.criterion_1': true, 'answerability.criterion_2': true, 'answerability.criterion_3': true, 'answerability.criterion_4': true },
    });
    expect(rejects.map((entry) => [entry.kind, entry.reason]).sort()).toEqual([
      ['filtered', `not answerable from the passage: criteria 1, 2 not met (${JSON.stringify(defaultAnswerabilityCriteria[0])}; ${JSON.stringify(defaultAnswerabilityCriteria[1])})`],
      ['filtered', `not answerable from the passage: criterion 3 not met (${JSON.stringify(defaultAnswerabilityCriteria[2])})`],
    ]);
    expect(rejects.find((entry) => entry.reason.includes('criterion 3'))!.record['_meta']).toMatchObject({ scores: { answerability: false, 'answerability.criterion_3': false, 'answerability.criterion_1': true } });
  });

  it('numbers the stage\'s criteria in the prompt and asks for one "Y"/"N" key per criterion', async () => {
    const judge = criteriaReadingJudge();
    await runFilter(answerabilityFilter, { records: [pair('Which sea?')], options: { criteria: ['The passage names the sea.', 'The question is in English.'] }, models: judge });
    const [call] = judge.doGenerateCalls;
    const prompt = call!.messages!.at(-1)!.content;
    expect(prompt).toContain('Criteria:\n1. The passage names the sea.\n2. The question is in English.\n');
    expect(prompt).toContain('Reply with one JSON object and nothing else: {"criterion_1": "Y" or "N", "criterion_2": "Y" or "N"}');
    expect(tagged(call!, 'passage')).toBe('The Nile flows north through eleven countries into the Mediterranean Sea.');
    expect(call!.params).toMatchObject({ temperature: 0 });
    expect(call!.responseFormat).toMatchObject({
      name: 'answerability_verdict',
      schema: { required: ['criterion_1', 'criterion_2'], properties: { criterion_1: { enum: ['Y', 'N'] } }, additionalProperties: false },
    });
  });

  it.each([
    ['prose', ['Yes, it can be answered.', 'All criteria are met.']],
    ['lower-case verdicts', ['{"criterion_1": "y", "criterion_2": "y", "criterion_3": "y", "criterion_4": "y"}', '{"criterion_1": "yes", "criterion_2": "y", "criterion_3": "y", "criterion_4": "y"}']],
    ['a missing criterion', ['{"criterion_1": "Y"}', '{"criterion_1": "Y", "criterion_2": "Y"}']],
    ['an empty answer', ['', '']],
  ])('rejects a pair whose verdict is still unreadable after the repair (%s), where NeMo would keep it', async (_name, answers) => {
    const judge = new MockLanguageModelV1({ doGenerate: answers });
    const { kept, rejects } = await runFilter(answerabilityFilter, { records: [pair('Which sea?')], models: judge });
    expect(kept).toEqual([]);
    expect(rejects).toEqual([expect.objectContaining({ kind: 'rejected', reason: expect.stringContaining('the answer did not fit the response format, even after it was sent back once to be fixed') })]);
    expect(judge.doGenerateCalls).toHaveLength(2);
  });

  it('drops a blank question or passage without a call, and fails a record without the question field, naming the option', async () => {
    const judge = criteriaReadingJudge();
    const { rejects } = await runFilter(answerabilityFilter, { records: [pair(' '), pair('Which sea?', ''), { text: 'A passage.', query: 'Which sea?' }], models: judge });
    expect(rejects.map((entry) => [entry.kind, entry.reason]).sort()).toEqual([
      ['failed', expect.stringMatching(/^the record has no field "question" .*set the stage's options\.question_field/)],
      ['filtered', 'blank passage: no question can be answered from it'],
      ['filtered', 'blank question in "question": nothing to check'],
    ]);
    expect(judge.doGenerateCalls).toEqual([]);
  });

  it('takes 1 to 10 non-blank criteria', () => {
    expect(answerabilityFilter.options.safeParse({ criteria: [] }).success).toBe(false);
    expect(answerabilityFilter.options.safeParse({ criteria: [' '] }).success).toBe(false);
    expect(answerabilityFilter.options.safeParse({ criteria: Array.from({ length: 11 }, (_, index) => `criterion ${index}`) }).success).toBe(false);
    expect(answerabilityFilter.options.parse({})).toEqual({ question_field: 'question', criteria: [...defaultAnswerabilityCriteria] });
  });
});
