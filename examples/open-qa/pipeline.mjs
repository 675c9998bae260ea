// The open-QA recipe (recipe.yaml) written in code: the same models, parameters, endpoints and
// stages, made by the plugin packages' factories. Both compile to the same plan and give the same
// records. Run it offline with the mock provider:
//
//   node examples/open-qa/pipeline.mjs out/open-qa-code
import { run } from '@synthkit/runtime';
import { nonAlphaNumeric, wordCount } from '@synthkit/filters-heuristic';
import { macroTopics, openQAQuestions, openQARevisions, subtopics } from '@synthkit/tasks-nemotron';
import { banned } from 'synthkit-plugin-keywords';

/** The open-QA pipeline of recipe.yaml, with `model` for every role. */
export function openQAPipeline(model) {
  return {
    name: 'open-qa',
    seed: 42,
    models: { default: model },
    params: { default: { temperature: 0.7, top_p: 0.95, max_tokens: 1024 } },
    endpoints: { default: { concurrency: 16 } },
    stages: [
      macroTopics({ n_macro_topics: 3 }),
      subtopics({ n_subtopics: 2 }),
      openQAQuestions({ n_openlines: 2 }),
      openQARevisions({ n_revisions: 2 }),
      wordCount({ min_words: 10, max_words: 300 }, { field: 'revision' }),
      nonAlphaNumeric({}, { field: 'revision' }),
      banned({ words: ['lorem', 'ipsum'] }, { field: 'revision' }),
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mock } = await import('@synthkit/provider-mock');
  const out = process.argv[2] ?? 'out/open-qa-code';
  const report = await run({ ...openQAPipeline(mock('offline')), out, overwrite: true });
  console.log(`${report.status}: ${report.output.records} records in ${out}/data.jsonl`);
}
