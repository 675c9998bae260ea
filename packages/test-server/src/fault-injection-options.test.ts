import { InvalidArgumentError } from '@synthkit/core';
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createOpenAITestServer } from './create-openai-test-server';
import { errorRule } from './error-rule';
import { defaultFaultSpecs, type FaultInjectionOptions } from './fault-injection-options';
import { faultKinds } from './fault-kind';
import { chatBody, startTestServer } from './test-support/ask-test-server';
import { textRule } from './text-rule';

const echoRule = textRule({ match: /.*/s, answer: (match) => `You said: ${match[0]}` });

describe('faults option: random fault injection', () => {
  it('faults every completion request at rate 1, never GET /v1/models, and counts the faults', async () => {
    const { client, server } = await startTestServer({ rules: [echoRule], faults: { rate: 1, kinds: ['html'] } });

    const answers: unknown[] = [];
    for (const prompt of ['a', 'b', 'c']) answers.push(await client.chat.completions.create(chatBody(prompt)));
    const models = await client.models.list();

    expect(answers.every((answer) => typeof answer === 'string' && answer.includes('502 Bad Gateway'))).toBe(true);
    expect(models.data.map((model) => model.id)).toEqual(['testkit-model']);
    expect(server.faultsInjected).toBe(3);
    expect(server.faultCounts).toEqual({ html: 3 });
  });

  it('never faults at rate 0, and lists every default fault in faultCounts from the start', async () => {
    const { client, server } = await startTestServer({ rules: [echoRule], faults: { rate: 0 } });

    const completion = await client.chat.completions.create(chatBody('hi'));

    expect(completion.choices[0]?.message.content).toBe('You said: hi');
    expect(server.faultsInjected).toBe(0);
    expect(Object.keys(server.faultCounts).sort()).toEqual([...faultKinds, '429', '500', '502', '503'].sort());
    expect(Object.values(server.faultCounts).every((count) => count === 0)).toBe(true);
  });

  it('injects status faults with a default OpenAI-style message and their headers', async () => {
    const { client, server } = await startTestServer({
      rules: [echoRule],
      faults: { rate: 1, kinds: [{ status: 429, code: 'rate_limit_exceeded', headers: { 'retry-after-ms': '20' } }] },
    });

    const error = await client.chat.completions.create(chatBody('hi')).catch((caught: unknown) => caught);

    const rateLimitError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimitError.constructor.name).toBe('RateLimitError');
    expect(rateLimitError.message).toBe('429 Rate limit reached for requests. Please try again later.');
    expect(rateLimitError.code).toBe('rate_limit_exceeded');
    expect(rateLimitError.headers.get('retry-after-ms')).toBe('20');
    expect(server.faultCounts).toEqual({ '429': 1 });
  });

  it('gives the same faults to the same sequence of requests with the same seed', async () => {
    const kinds: FaultInjectionOptions['kinds'] = ['reset', 'malformed-json', 'html', 'empty-choices', { status: 503 }];
    const outcomes = async (seed: number) => {
      const { server } = await startTestServer({ rules: [echoRule], faults: { rate: 0.5, kinds, seed } });
      const seen: string[] = [];
      for (let index = 0; index < 24; index++) seen.push(await outcomeOf(server.baseURL, `prompt ${index}`));
      return { seen, counts: server.faultCounts };
    };

    const first = await outcomes(42);
    const again = await outcomes(42);
    const other = await outcomes(7);

    expect(again).toEqual(first);
    expect(other.seen).not.toEqual(first.seen);
    expect(new Set(first.seen).size).toBeGreaterThan(3);
    expect(first.seen.filter((outcome) => outcome === 'answer').length).toBeGreaterThan(4);
  });

  it('draws faults before the rules, so a faulted request does not use up an errorRule', async () => {
    const { client } = await startTestServer({
      rules: [errorRule({ status: 500, message: 'Rule error', times: 1 }), echoRule],
      faults: { rate: 1, kinds: [{ status: 503 }], maxPerRequest: 1 },
    });

    const outcomes: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const outcome = await client.chat.completions.create(chatBody('hi')).then(
        (completion) => completion.choices[0]?.message.content,
        (error: { status?: number }) => error.status,
      );
      outcomes.push(outcome);
    }

    // Injected 503; the rule's one 500 (not used up by the 503); injected again; then the answer.
    expect(outcomes).toEqual([503, 500, 503, 'You said: hi']);
  });

  it('faults the same request at most maxPerRequest times in a row, so SDK retries get through', async () => {
    // retry-after-ms keeps the SDK from backing off for half a second before each retry.
    const kinds = [{ status: 503, headers: { 'retry-after-ms': '1' } }];
    const { client, server } = await startTestServer(
      { rules: [echoRule], faults: { rate: 1, kinds, maxPerRequest: 2 } },
      { maxRetries: 2 },
    );

    const completion = await client.chat.completions.create(chatBody('hi'));
    const afterwards = await client.chat.completions
      .create(chatBody('hi'), { maxRetries: 0 })
      .catch((caught: unknown) => caught);

    expect(completion.choices[0]?.message.content).toBe('You said: hi');
    expect(server.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2', '0']);
    // The answered request started the count over: the next identical request is faulted again.
    expect((afterwards as { status?: number }).status).toBe(503);
    expect(server.faultsInjected).toBe(3);
  });

  it('with every default fault and enough retries, a client ends with exactly the results of a clean run', async () => {
    const prompts = Array.from({ length: 16 }, (_, index) => `Question number ${index}`);
    const clean = await startTestServer({ rules: [echoRule] });
    // The timeout ends stalled requests; it must also leave answered ones time to arrive when the
    // machine is busy running every package's tests at once.
    const faulty = await startTestServer(
      { rules: [echoRule], faults: { rate: 0.6, seed: 3, maxPerRequest: 2 } },
      { timeout: 1500 },
    );

    const cleanAnswers = await Promise.all(prompts.map((prompt) => askUntilValid(clean.client, prompt)));
    const faultyAnswers = await Promise.all(prompts.map((prompt) => askUntilValid(faulty.client, prompt)));

    expect(faultyAnswers).toEqual(cleanAnswers);
    expect(faulty.server.faultsInjected).toBeGreaterThan(4);
    // One request per fault plus one clean answer per prompt; on a loaded machine a slow clean answer
    // can also miss the client's timeout and be asked again, so this is a lower bound.
    expect(faulty.server.requests.length).toBeGreaterThanOrEqual(prompts.length + faulty.server.faultsInjected);
  });

  it('rejects invalid options, naming the field', async () => {
    const invalid: FaultInjectionOptions[] = [
      { rate: 1.5 },
      { rate: Number.NaN },
      { rate: 0.1, kinds: [] },
      { rate: 0.1, kinds: ['explode' as 'html'] },
      { rate: 0.1, kinds: [{ status: 200 }] },
      { rate: 0.1, seed: 1.5 },
      { rate: 0.1, maxPerRequest: -1 },
    ];

    for (const faults of invalid) {
      const error = await createOpenAITestServer({ faults }).catch((caught: unknown) => caught);
      expect(error).toSatisfy(InvalidArgumentError.isInstance);
      expect((error as InvalidArgumentError).argument).toBe('faults');
      expect((error as Error).message).toMatch(/^faults\.\w+/);
    }
  });

  it('exports the default faults: every fault kind, three kinds of 429, 500, an HTML 502 and 503', () => {
    const statuses = defaultFaultSpecs.flatMap((spec) => (typeof spec === 'string' ? [] : [spec.status]));
    const retryHeaders = defaultFaultSpecs.flatMap((spec) =>
      typeof spec !== 'string' && spec.status === 429 ? [Object.keys(spec.headers ?? {}).join()] : [],
    );

    expect(defaultFaultSpecs.filter((spec) => typeof spec === 'string')).toEqual(faultKinds);
    expect(statuses).toEqual([429, 429, 429, 500, 502, 503]);
    expect(retryHeaders).toEqual(['retry-after-ms', 'retry-after', '']);
    expect(defaultFaultSpecs.find((spec) => typeof spec !== 'string' && spec.status === 502)).toMatchObject({
      body: expect.stringContaining('<h1>502 Bad Gateway</h1>'),
    });
  });
});

// --- Internal helpers ---

/** What one raw request ended with: `answer`, `reset`, `malformed`, `html`, `empty-choices` or the status. */
async function outcomeOf(baseURL: string, prompt: string): Promise<string> {
  try {
    const request = JSON.stringify(chatBody(prompt));
    const response = await fetch(`${baseURL}/chat/completions`, { method: 'POST', body: request });
    const text = await response.text();
    if (response.status !== 200) return String(response.status);
    if (response.headers.get('content-type')?.startsWith('text/html')) return 'html';
    const body = JSON.parse(text) as { choices: unknown[] };
    return body.choices.length === 0 ? 'empty-choices' : 'answer';
  } catch (error) {
    return error instanceof SyntaxError ? 'malformed' : 'reset';
  }
}

/**
 * Asks until the answer is a real completion, up to 5 times (the 2 faults a request can get, with
 * room for a timeout on a loaded machine): what a client must do against an unreliable endpoint,
 * since the SDK resolves some broken answers (an HTML page, missing or empty choices) and rejects
 * others with errors it never retries.
 */
async function askUntilValid(client: OpenAI, prompt: string): Promise<string> {
  let lastProblem: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const answer: unknown = await client.chat.completions.create(chatBody(prompt));
      const choice = (answer as Partial<OpenAI.Chat.Completions.ChatCompletion>).choices?.[0];
      const content = choice?.message?.content;
      if (typeof content === 'string' && choice?.finish_reason === 'stop') return content;
      lastProblem = answer;
    } catch (error) {
      lastProblem = error;
    }
  }
  throw new Error(`No valid answer after 5 attempts; last problem: ${String(lastProblem)}`);
}
