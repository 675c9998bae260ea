import { type ChatMessage, InvalidArgumentError } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { conversationFormatters } from './conversation-formatters';
import { mixtralFormatter } from './mixtral-formatter';
import { nemotronFormatter } from './nemotron-formatter';
import { noFormatFormatter } from './no-format-formatter';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });
const system = (content: string): ChatMessage => ({ role: 'system', content });

/** NeMo Curator's own test conversation (tests/test_conversation_formatters.py, Mixtral). */
const nemoConversation = [user('Hello'), assistant('Hi there!'), user('How are you?'), assistant("I'm doing well, thank you!")];

/** The InvalidArgumentError `format` throws (the test fails when it does not throw one). */
function formatError(format: () => string): InvalidArgumentError {
  try {
    format();
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return error as InvalidArgumentError;
  }
  throw new Error('expected format to throw, but it returned a prompt');
}

describe('nemotronFormatter', () => {
  it('writes a single turn exactly as NeMo Curator does', () => {
    expect(nemotronFormatter.format([user('Hello')])).toBe('<extra_id_0>System\n\n<extra_id_1>User\nHello\n<extra_id_1>Assistant\n');
  });

  it('writes several turns, each followed by the header of the next', () => {
    expect(nemotronFormatter.format(nemoConversation.slice(0, 3))).toBe(
      '<extra_id_0>System\n\n<extra_id_1>User\nHello\n<extra_id_1>Assistant\nHi there!\n<extra_id_1>User\nHow are you?\n<extra_id_1>Assistant\n',
    );
    expect(nemotronFormatter.format(nemoConversation)).toBe(
      '<extra_id_0>System\n\n<extra_id_1>User\nHello\n<extra_id_1>Assistant\nHi there!\n<extra_id_1>User\n' +
        "How are you?\n<extra_id_1>Assistant\nI'm doing well, thank you!\n<extra_id_1>User\n",
    );
  });
});

describe('mixtralFormatter', () => {
  it("writes NeMo Curator's test conversation exactly, without the documentation's extra spaces", () => {
    expect(mixtralFormatter.format(nemoConversation)).toBe(
      "<s> [INST] \nHello [/INST]Hi there!</s>[INST] How are you? [/INST]I'm doing well, thank you!</s>[INST] ",
    );
  });

  it('writes a single turn', () => {
    expect(mixtralFormatter.format([user('Hello')])).toBe('<s> [INST] \nHello [/INST]');
  });
});

describe('noFormatFormatter', () => {
  it('sends the one user turn as it is', () => {
    const text = '  Write a haiku.\n<extra_id_1> stays as written ';
    expect(noFormatFormatter.format([user(text)])).toBe(text);
  });

  it.each([
    ['no turn', [], /exactly one turn .* got 0 turns/],
    ['two turns', [user('a'), assistant('b')], /exactly one turn .* got 2 turns\. For conversations of several turns, use .*nemotron or mixtral/],
    ['an assistant turn', [assistant('a')], /exactly one turn .* a 'user' turn; got one 'assistant' turn/],
  ])('refuses %s', (_case, messages, pattern) => {
    const error = formatError(() => noFormatFormatter.format(messages));
    expect(error.message).toMatch(pattern);
    expect(error.argument).toBe('messages');
  });
});

describe('turn order and roles', () => {
  it.each([
    ['nemotron', nemotronFormatter],
    ['mixtral', mixtralFormatter],
  ] as const)('%s: names a turn that should be user, and one that should be assistant', (name, formatter) => {
    const shouldBeUser = formatError(() => formatter.format([user('a'), assistant('b'), assistant('c')]));
    expect(shouldBeUser.message).toBe(
      `Conversation turn 2 is 'assistant' but should be 'user': the ${name} formatter needs turns that alternate ` +
        "'user', 'assistant', 'user', ..., starting with 'user' (all even turns 'user', all odd turns 'assistant').",
    );
    expect(shouldBeUser.argument).toBe('messages[2].role');

    const shouldBeAssistant = formatError(() => formatter.format([user('a'), user('b')]));
    expect(shouldBeAssistant.message).toMatch(/^Conversation turn 1 is 'user' but should be 'assistant'/);
    expect(shouldBeAssistant.argument).toBe('messages[1].role');

    const startsWithAssistant = formatError(() => formatter.format([assistant('a')]));
    expect(startsWithAssistant.message).toMatch(/^Conversation turn 0 is 'assistant' but should be 'user'/);

    const empty = formatError(() => formatter.format([]));
    expect(empty.message).toBe(`The ${name} formatter got a conversation with no turns; it needs at least one user turn.`);
  });

  it.each([
    ['nemotron', nemotronFormatter],
    ['mixtral', mixtralFormatter],
    ['no-format', noFormatFormatter],
  ] as const)('%s: says there is no system role and what to do instead', (name, formatter) => {
    const error = formatError(() => formatter.format([system('Be brief.'), user('Hello')]));
    expect(error.message).toContain(`Conversation turn 0 is a system message, but the ${name} formatter has no system role`);
    expect(error.message).toContain('Put the instructions in the first user message instead');
    expect(error.message).toContain("system: ''");
    expect(error.message).toContain('leave out api: completions');
    expect(error.argument).toBe('messages[0].role');
  });

  it('finds a system message after the first turn too', () => {
    const error = formatError(() => nemotronFormatter.format([user('a'), assistant('b'), system('c')]));
    expect(error.message).toMatch(/^Conversation turn 2 is a system message/);
  });
});

describe('conversationFormatters', () => {
  it("holds the three built-ins under NeMo Curator's names, each named after its key", () => {
    expect(Object.keys(conversationFormatters)).toEqual(['nemotron', 'mixtral', 'no-format']);
    for (const [name, formatter] of Object.entries(conversationFormatters)) {
      expect(formatter.name).toBe(name);
      expect(formatter.specificationVersion).toBe('v1');
      expect(formatter.description).not.toBe('');
    }
  });
});
