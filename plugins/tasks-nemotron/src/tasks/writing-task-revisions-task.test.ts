import { runTask } from '@synthkit/testkit';
import { describe, expect, it } from 'vitest';
import { scriptedListModels } from '../test-support/scripted-list-models';
import { writingTaskRevisionsTask } from './writing-task-revisions-task';

describe('nemotron:writing-task-revisions', () => {
  it('asks for n_revisions rewrites of the writing task and emits one revision each', async () => {
    const models = scriptedListModels(
      '1. Write a poem about the sea in exactly four stanzas, for a child.\n2. Write a poem about the sea in a sombre tone, under 100 words.',
      '',
    );
    const { records, requests } = await runTask(writingTaskRevisionsTask, {
      options: { n_revisions: 2 },
      input: { openline: 'Write a poem about the sea.' },
      models,
    });
    expect(records).toEqual([
      { revision: 'Write a poem about the sea in exactly four stanzas, for a child.' },
      { revision: 'Write a poem about the sea in a sombre tone, under 100 words.' },
    ]);
    expect(requests).toEqual([{ role: 'generator', template: 'writing-task-revisions', variables: { openline: 'Write a poem about the sea.', n_revisions: 2 } }]);
    const prompt = models.generator.doGenerateCalls[0]?.messages?.[0]?.content;
    expect(prompt).toContain('\n\nWrite a poem about the sea.\n\n');
    expect(prompt).toContain('exactly 2 rewrites');
  });
});
