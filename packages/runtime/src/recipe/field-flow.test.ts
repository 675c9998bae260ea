import { InvalidRecipeError } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry, type Registry } from '../registry/create-registry';
import { createTestPlugin } from '../test-support/test-plugin';
import { compileRecipe } from './compile-recipe';

let registry: Registry;
let project: TemporaryProject;
beforeAll(async () => {
  registry = await createRegistry({ plugins: [createTestPlugin()], discover: false });
});
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

function compile(stages: unknown[]) {
  return compileRecipe({ registry, directory: project.directory, document: { models: { default: 'echo:small' }, stages } });
}

function issuesOf(stages: unknown[]) {
  try {
    compile(stages);
  } catch (error) {
    expect(InvalidRecipeError.isInstance(error)).toBe(true);
    return (error as InvalidRecipeError).issues;
  }
  throw new Error('expected the recipe to be invalid');
}

const seeds = (records: object[]) => project.write('seeds.jsonl', `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);

describe('field flow: what each stage reads must reach it', () => {
  it('takes the seed fields from the first records of a source: a field some have may be read', async () => {
    await seeds([{ item: 'a', id: 1 }, { item: 'b' }]);
    expect(compile([{ source: 'seeds.jsonl' }, { task: 'test:ask' }, { filter: 'test:min-length', field: 'answer' }]).stages).toHaveLength(3);

    await seeds([{ topic: 'a', id: 1 }, { topic: 'b', subject: 'only here' }]);
    expect(issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask' }])).toEqual([
      {
        path: 'stages[1].task',
        message:
          'test:ask reads the field "item", but no earlier stage produces it; the records that reach it have: topic, id, subject ' +
          '(the seed fields are those its records have, in seeds.jsonl). Reorder the stages, or add one that produces it.',
      },
    ]);
  });

  it('checks the field a filter scores, with the closest field for a typo, and the default text field', async () => {
    await seeds([{ item: 'a' }]);
    expect(issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask' }, { filter: 'test:min-length', field: 'answr' }])).toEqual([
      {
        path: 'stages[2].field',
        message:
          'test:min-length scores the field "answr", but no earlier stage produces it; the records that reach it have: item, answer ' +
          '(the seed fields are those its records have, in seeds.jsonl). Did you mean "answer"? Set field: to one of them.',
      },
    ]);
    expect(issuesOf([{ task: 'test:split', options: { count: 1 } }, { task: 'test:ask' }, { filter: 'test:min-length' }])).toEqual([
      {
        path: 'stages[2]',
        message:
          'test:min-length scores the field "text" (the default, as no field: is set), but no earlier stage produces it; ' +
          'the records that reach it have: item, answer. Set field: to the field it should read.',
      },
    ]);
  });

  it('reports a malformed seed line and an empty seed file before any request', async () => {
    await project.write('seeds.jsonl', '{"item":"a"}\n{"item": "b",}\n');
    expect(issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask' }])).toEqual([
      { path: 'stages[0].source', message: expect.stringMatching(/seeds\.jsonl:2: .*JSON.*\. Fix the line \(each line holds one JSON object\), or remove it\.$/) },
    ]);
    await project.write('seeds.jsonl', '\n\n');
    expect(issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask' }])).toEqual([
      { path: 'stages[0].source', message: expect.stringContaining('holds no records, so a run would produce nothing') },
    ]);
  });

  it('checks the stages after one whose own options are invalid, without blaming them for it', async () => {
    await seeds([{ item: 'a' }]);
    expect(issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:ask', options: { style: 42 } }, { filter: 'test:min-length', field: 'answer' }]).map((issue) => issue.path)).toEqual([
      'stages[1].options.style',
    ]);
  });

  it('uses the fields a task declares from its options, and stops checking after its invalid options', async () => {
    await seeds([{ item: 'a', text: 'x' }]);
    // copy reads `from` and writes `to`: what it writes reaches the filter; what it reads must exist.
    expect(compile([{ source: 'seeds.jsonl' }, { task: 'test:copy', options: { from: 'text', to: 'summary' } }, { filter: 'test:min-length', field: 'summary' }]).stages).toHaveLength(3);
    expect(issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:copy', options: { from: 'txt', to: 'summary' } }, { filter: 'test:min-length', field: 'sumary' }])).toEqual([
      {
        path: 'stages[1].task',
        message:
          'test:copy reads the field "txt", but no earlier stage produces it; the records that reach it have: item, text ' +
          '(the seed fields are those its records have, in seeds.jsonl). Did you mean "text"? Reorder the stages, or add one that produces it.',
      },
      { path: 'stages[2].field', message: expect.stringContaining('scores the field "sumary", but no earlier stage produces it; the records that reach it have: item, text, summary') },
    ]);
    // With its options invalid, what copy writes is unknown: the filter after it is not blamed.
    expect(issuesOf([{ source: 'seeds.jsonl' }, { task: 'test:copy', options: { from: 'text' } }, { filter: 'test:min-length', field: 'summary' }])).toEqual([
      { path: 'stages[1].options.to', message: 'is required (a string)' },
    ]);
  });

  it('lets a template override quote the fields of the records that reach its stage', async () => {
    await seeds([{ item: 'tea', origin: 'China' }]);
    const stages = (user: string) => [{ source: 'seeds.jsonl' }, { task: 'test:ask', templates: { ask: { user } } }];
    expect(compile(stages('Tell me about {item} from {origin}.')).stages).toHaveLength(2);
    expect(issuesOf(stages('Tell me about {item} from {orign}.'))).toEqual([
      {
        path: 'stages[1].templates.ask',
        message:
          'template "ask" uses {orign}, which nothing supplies. The task supplies: item, style; the records reaching this stage have: item, origin. ' +
          'Add it under stages[1].variables, or write {{orign}} for literal braces. Did you mean "origin"?',
      },
    ]);
  });
});

