import { InvalidArgumentError } from '@synthkit/core';
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FaultKind } from './fault-kind';
import { faultRule } from './fault-rule';
import { chatBody, startTestServer } from './test-support/ask-test-server';
import { textRule } from './text-rule';

describe('faultRule', () => {
  it('faults the given number of matching requests, then lets the next rule answer', async () => {
    const { client, server } = await startTestServer({
      rules: [faultRule({ fault: 'html', match: /flaky/, times: 2 }), textRule({ match: /.*/, answer: 'fine' })],
    });
    // The html fault makes the SDK resolve to the page itself, a string, instead of a completion.
    const ask = async (prompt: string) => {
      const answer: unknown = await client.chat.completions.create(chatBody(prompt));
      if (typeof answer === 'string') return 'html page';
      return (answer as OpenAI.Chat.Completions.ChatCompletion).choices[0]?.message.content;
    };

    const answers = [await ask('calm'), await ask('flaky one'), await ask('flaky two'), await ask('flaky three')];

    expect(answers).toEqual(['fine', 'html page', 'html page', 'fine']);
    expect(server.faultsInjected).toBe(0);
  });

  it('faults the whole request when any of its n choices gets the fault', async () => {
    const { client } = await startTestServer({
      rules: [(request) => (request.choiceIndex === 1 ? { fault: 'malformed-json' } : 'fine')],
    });

    const error = await client.chat.completions.create(chatBody('hi', { n: 3 })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SyntaxError);
  });

  it('rejects an unknown fault kind, naming the known ones', () => {
    const error = (() => {
      try {
        faultRule({ fault: 'explode' as FaultKind });
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toSatisfy(InvalidArgumentError.isInstance);
    expect((error as Error).message).toMatch(/fault must be one of stall, reset, .*; got "explode"/);
  });
});
