import type { JsonRecord, TaskGenerateRequestV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { transformText } from './transform-text';
import { usableAnswers } from './usable-answers';

/** A context whose model answers `answers` to every call, recording the requests. */
function contextOf(answers: string[], options = { field: 'text', output: 'result' }) {
  const rejections: Array<{ reason: string; details?: JsonRecord }> = [];
  const requests: TaskGenerateRequestV1[] = [];
  return {
    rejections,
    requests,
    options,
    reject: (reason: string, details?: JsonRecord) => void rejections.push(details == null ? { reason } : { reason, details }),
    generate: async (request: TaskGenerateRequestV1) => {
      requests.push(request);
      return { texts: answers, text: answers[0] ?? '', finishReasons: answers.map(() => 'stop' as const), finishReason: 'stop' as const };
    },
  };
}

describe('transformText', () => {
  it('asks the generator once, with the text beside the variables, and writes one record per usable answer, trimmed, in order', async () => {
    const context = contextOf([' A ', '', '—', 'B\n'], { field: 'body', output: 'body' });
    const records = await transformText({ body: 'Some text.' }, context, { template: 't', variables: { level: 2, text: 'overridden' }, defaults: { temperature: 0.1 }, n: 4 });
    expect(records).toEqual([{ body: 'A' }, { body: 'B' }]);
    expect(context.requests).toEqual([{ role: 'generator', template: 't', variables: { level: 2, text: 'Some text.' }, defaults: { temperature: 0.1 }, params: { n: 4 } }]);
    expect(context.rejections).toEqual([]);
  });

  it('rejects a blank text without asking the model', async () => {
    const context = contextOf(['never']);
    expect(await transformText({ text: ' \n\t' }, context, { template: 't' })).toEqual([]);
    expect(context.requests).toEqual([]);
    expect(context.rejections).toEqual([{ reason: 'blank text: the field "text" is empty, so there is nothing to transform' }]);
  });

  it("rejects with the check's reason when it refuses every answer, keeping the answer in the details", async () => {
    const check = (answer: string) => (answer === 'NOPE' ? 'no content: the model found nothing' : undefined);
    const refused = contextOf(['NOPE']);
    expect(await transformText({ text: 'x' }, refused, { template: 't', check })).toEqual([]);
    expect(refused.rejections).toEqual([{ reason: 'no content: the model found nothing', details: { answer: 'NOPE' } }]);
    expect(await transformText({ text: 'x' }, contextOf(['NOPE', 'Fine.']), { template: 't', check })).toEqual([{ result: 'Fine.' }]);
  });
});

describe('usableAnswers', () => {
  it('keeps answers with a letter or digit in any script', () => {
    expect(usableAnswers(['', '  ', '...', '\u0000\u0007', ' 42 ', 'Ça va', '猫は寝る'])).toEqual(['42', 'Ça va', '猫は寝る']);
  });
});
