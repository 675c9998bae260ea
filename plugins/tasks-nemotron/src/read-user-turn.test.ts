import { describe, expect, it } from 'vitest';
import { readUserTurn } from './read-user-turn';

describe('readUserTurn', () => {
  it.each([
    ['Can you give an example?', 'Can you give an example?'],
    ['  \nCan you give an example?\n ', 'Can you give an example?'],
    ['User: Can you give an example?', 'Can you give an example?'],
    ['user:Can you give an example?', 'Can you give an example?'],
    ['**User:** Can you give an example?', 'Can you give an example?'],
    ['**User**: Can you give an example?', 'Can you give an example?'],
    ['[User]: Can you give an example?', 'Can you give an example?'],
    ['Human: Can you give an example?', 'Can you give an example?'],
    ['<user>\nCan you give an example?\n</user>', 'Can you give an example?'],
    ['<user>User: Can you give an example?</user>', 'Can you give an example?'],
    ['"Can you give an example?"', 'Can you give an example?'],
    ['User: “Can you give an example?”', 'Can you give an example?'],
    ['First line.\nSecond line, same message.', 'First line.\nSecond line, same message.'],
  ])('reads %j as %j', (answer, text) => {
    expect(readUserTurn(answer)).toEqual({ ok: true, text });
  });

  it.each([
    'User-friendly design: what makes it work?',
    'Users: who are they, in your example?',
    'I said "fast", but did you mean "cheap"?',
    'Why did the AI: label appear in your answer?',
  ])('leaves %j as it is: not a label, or quotes inside', (answer) => {
    expect(readUserTurn(answer)).toEqual({ ok: true, text: answer });
  });

  it.each(['', '   ', 'User:', '**User:**  ', '<user></user>', '""'])('refuses %j as empty', (answer) => {
    expect(readUserTurn(answer)).toMatchObject({ ok: false, problem: 'empty' });
  });

  it.each(['Assistant: Sure, here is an example.', '**Assistant:** Sure.', 'AI: Sure.', '<assistant>Sure.</assistant>', 'User: Assistant: Sure.'])(
    'refuses %j: the user model answered as the assistant',
    (answer) => {
      expect(readUserTurn(answer)).toMatchObject({ ok: false, problem: 'speaks-as-assistant' });
    },
  );

  it.each(['Can you give an example?\nAssistant: Of course.', 'User: Why?\n\n**Assistant:** Because.', 'Why?\n<assistant>\nBecause.\n</assistant>'])(
    'refuses %j: the user model wrote the assistant reply too',
    (answer) => {
      expect(readUserTurn(answer)).toMatchObject({ ok: false, problem: 'writes-assistant-reply', message: expect.stringContaining("assistant's reply") });
    },
  );
});
