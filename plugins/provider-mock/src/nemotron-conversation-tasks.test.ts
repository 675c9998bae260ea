import { dialogueTask, twoTurnPromptsTask, userStyleInstructions, yamlConversionTask } from '@synthkit/tasks-nemotron';
import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { createMock } from './create-mock';

// The conversation tasks and yaml-conversion of @synthkit/tasks-nemotron on the mock's answers
// alone, through the engine's own code, as `synthkit run --mock` runs them. (nemotron-tasks.test.ts
// covers the list tasks and the classifiers.)
const mock = createMock().languageModel('nemotron-check');

/** Every user turn after the opening prompt. */
function followUps(messages: ReadonlyArray<{ role: string; content: string }>): string[] {
  return messages.filter((message, index) => message.role === 'user' && index > 0).map((message) => message.content);
}

describe('@synthkit/tasks-nemotron conversations on the mock provider', () => {
  it('dialogue: n_user_turns answered user turns, none empty, the follow-ups questions about a subject of the opening, without labels', async () => {
    for (const n_user_turns of [1, 2, 4]) {
      const { records, rejections, calls } = await runTask(dialogueTask, {
        options: { n_user_turns },
        input: { openline: 'How do ocean tides work?' },
        models: mock,
        reference: 'nemotron:dialogue',
      });
      expect(rejections).toEqual([]);
      const messages = records[0]!.messages;
      expect(messages).toHaveLength(2 * n_user_turns);
      expect(messages.map((message) => message.role)).toEqual(Array.from({ length: 2 * n_user_turns }, (_, index) => (index % 2 === 0 ? 'user' : 'assistant')));
      expect(messages.every((message) => message.content.trim().length > 20)).toBe(true);
      for (const question of followUps(messages)) {
        expect(question).toMatch(/\?$/);
        expect(question).toMatch(/ocean|tides/i);
        expect(question).not.toMatch(/^(?:user|assistant)\s*:/i);
        expect(question).not.toMatch(/^\s*1\./);
      }
      // Follow-ups of one conversation never repeat one another.
      expect(new Set(followUps(messages)).size).toBe(n_user_turns - 1);
      expect(calls.map((call) => call.role)).toEqual(Array.from({ length: 2 * n_user_turns - 1 }, (_, index) => (index % 2 === 0 ? 'assistant' : 'user')));
    }
  });

  it('dialogue: the assistant answers the follow-up it was sent, and the same record gives the same conversation', async () => {
    const run = () => runTask(dialogueTask, { options: { n_user_turns: 3 }, input: { openline: 'Why is the sky blue?' }, models: mock });
    const first = await run();
    expect((await run()).records).toEqual(first.records);
    const messages = first.records[0]!.messages;
    // Each answer differs: each was written for another newest turn.
    expect(new Set(messages.filter((message) => message.role === 'assistant').map((message) => message.content)).size).toBe(3);
  });

  it('writes a follow-up in the style asked: concise ones are a short challenge, complex ones longer', async () => {
    const styles = await Promise.all(
      (['normal', 'complex', 'concise'] as const).map(async (user_style) => {
        const { records } = await runTask(twoTurnPromptsTask, { options: { user_style }, input: { openline: 'How do vaccines train the immune system?' }, models: mock });
        return records[0]!.messages[2]!.content;
      }),
    );
    const [normal, complex, concise] = styles.map((text) => text.split(' ').length);
    expect(concise).toBeLessThan(normal!);
    expect(complex).toBeGreaterThan(normal!);
    expect(Object.keys(userStyleInstructions)).toEqual(['normal', 'complex', 'concise']);
  });

  it('two-turn-prompts: user, assistant, user, even when the opening asks for a list or a yes/no answer', async () => {
    for (const openline of ['Give me 5 tips for growing tomatoes.', 'Answer yes or no: is a tomato a fruit?', 'Convert this list to a YAML list: apples, pears.']) {
      const { records, rejections } = await runTask(twoTurnPromptsTask, { input: { openline }, models: mock });
      expect(rejections).toEqual([]);
      const [, answer, followUp] = records[0]!.messages;
      expect(answer!.content.length).toBeGreaterThan(0);
      expect(followUp!.content).toMatch(/\?$/);
    }
  });

  it('yaml-conversion: the items of a list the local parser cannot read, copied by the converter', async () => {
    const text = 'Some ideas:\n1. Plant early\n2. Water deeply\n\nAnd also:\n- Mulch the beds';
    const { records, rejections, calls } = await runTask(yamlConversionTask, { options: { conversion: 'llm' }, input: { text }, models: mock });
    expect(rejections).toEqual([]);
    expect(records).toEqual([{ items: ['Plant early', 'Water deeply'] }]);
    expect(calls.map((call) => call.role)).toEqual(['converter']);
  });
});
