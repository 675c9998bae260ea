import { describeTaskConformance } from '@synthkit/testkit/conformance';
import plugin from './index';

// Every task of the plugin passes the task conformance kit: good answers are a numbered list of
// three items and its YAML conversion; hostile ones must not crash it.
const good = { generator: '1. Alpha\n2. Beta\n3. Gamma', converter: '- "Alpha"\n- "Beta"\n- "Gamma"' };
const cases = {
  'macro-topics': { options: { n_macro_topics: 3 }, input: {} },
  subtopics: { options: { n_subtopics: 3 }, input: { macro_topic: 'Science' } },
  'open-qa-questions': { options: { n_openlines: 3 }, input: { topic: 'Volcanoes' } },
  'open-qa-revisions': { options: { n_revisions: 3 }, input: { openline: 'Why do volcanoes erupt?' } },
} as const;

for (const [name, { options, input }] of Object.entries(cases)) {
  describeTaskConformance({ name: `nemotron:${name}`, task: plugin.tasks[name as keyof typeof cases], options, input, answers: good });
}
