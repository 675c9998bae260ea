import { describeTaskConformance } from '@synthkit/testkit/conformance';
import { listTaskCases } from './test-support/list-task-cases';

// Every task of the plugin passes the task conformance kit, reading its lists both ways: good
// answers are a numbered list of three items and its YAML conversion; hostile ones (from the
// generator, and from the converter with conversion: llm) must not crash it.
const good = { generator: '1. Alpha\n2. Beta\n3. Gamma', converter: '- "Alpha"\n- "Beta"\n- "Gamma"' };

for (const { name, task, countOption, input } of listTaskCases) {
  for (const conversion of ['auto', 'llm'] as const) {
    describeTaskConformance({ name: `nemotron:${name} (conversion: ${conversion})`, task, options: { [countOption]: 3, conversion }, input, answers: good });
  }
}
