import type { TaskContextV1, TaskV1 } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runTaskOnInput } from './run-task-on-input';

/** A task emitting one `{ word }` record per word of its input, as an array or an async iterable. */
function wordsTask(shape: 'array' | 'iterable'): TaskV1<unknown, { text: string }, { word: string }> {
  return {
    specificationVersion: 'v1',
    description: 'Splits text into words.',
    options: z.object({}),
    input: z.object({ text: z.string() }),
    output: z.object({ word: z.string().min(2) }).strict(),
    models: {},
    templates: {},
    run(input) {
      const records = input.text.split(' ').map((word) => ({ word }));
      if (shape === 'array') return Promise.resolve(records);
      return (async function* () {
        yield* records;
      })();
    },
  };
}

const context = {} as TaskContextV1<unknown>;

describe('runTaskOnInput', () => {
  it.each(['array', 'iterable'] as const)('collects the records of a task returning an %s, checked by its output schema', async (shape) => {
    const outputs = await runTaskOnInput({ reference: 'test:words', task: wordsTask(shape) as never }, { text: 'cats nap' }, context);
    expect(outputs).toEqual([{ word: 'cats' }, { word: 'nap' }]);
  });

  it('rejects an input that does not fit the input schema, naming the field', async () => {
    await expect(runTaskOnInput({ reference: 'test:words', task: wordsTask('array') as never }, { text: 3 }, context)).rejects.toThrowError(
      /^input does not fit test:words: text: /,
    );
  });

  it('rejects a returned record that does not fit the output schema as a bug in the task', async () => {
    await expect(runTaskOnInput({ reference: 'test:words', task: wordsTask('iterable') as never }, { text: 'cats a' }, context)).rejects.toThrowError(
      /^test:words returned a record that does not fit its output schema \(a bug in the task\): word: /,
    );
  });
});
