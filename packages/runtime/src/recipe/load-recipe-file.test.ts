import { InvalidArgumentError, InvalidRecipeError } from '@synthkit/core';
import { createTemporaryProject, type TemporaryProject } from '@synthkit/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRecipeFile } from './load-recipe-file';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

async function issuesOf(text: string) {
  const path = await project.write('recipe.yaml', text);
  const error = await loadRecipeFile(path).catch((caught: unknown) => caught);
  expect(InvalidRecipeError.isInstance(error)).toBe(true);
  return (error as InvalidRecipeError).issues;
}

describe('loadRecipeFile', () => {
  it('reads YAML with a few aliases sharing a block', async () => {
    const path = await project.write('recipe.yaml', 'common: &params { temperature: 0.5 }\nparams: { default: *params, judge: *params }\n');
    expect(await loadRecipeFile(path)).toEqual({ common: { temperature: 0.5 }, params: { default: { temperature: 0.5 }, judge: { temperature: 0.5 } } });
  });

  it('names the line and column of a syntax error and of a repeated key', async () => {
    expect((await issuesOf('name: a\nstages:\n  - task: a\n   bad: b\n'))[0]).toEqual({ path: 'line 4, column 1', message: 'Sequence item without - indicator' });
    expect(await issuesOf('name: a\nname: b\n')).toEqual([{ path: 'line 2, column 1', message: 'Map keys must be unique' }]);
  });

  it('refuses aliases that expand to a resource attack with a message, not a crash', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [index, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const previous = String.fromCharCode('a'.charCodeAt(0) + index);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`);
    }
    const issues = await issuesOf(`${levels.join('\n')}\nstages: *g\n`);
    expect(issues).toEqual([{ path: '', message: expect.stringContaining('aliases (*name) expand to too much') }]);
    expect(issues[0]?.message).toContain('at most 100 alias expansions');
  });

  it('says when the file cannot be read', async () => {
    const error = await loadRecipeFile(`${project.directory}/missing.yaml`).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('no such file');
  });
});
