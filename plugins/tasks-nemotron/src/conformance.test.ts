import { describeTaskConformance } from '@synthkit/testkit/conformance';
import { mathEntityClassificationTask } from './tasks/math-entity-classification-task';
import { pythonEntityClassificationTask } from './tasks/python-entity-classification-task';
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

// The classifiers, with a Yes answer and each value of keep (a No with keep: matching rejects).
for (const keep of ['all', 'matching'] as const) {
  describeTaskConformance({
    name: `nemotron:math-entity-classification (keep: ${keep})`,
    task: mathEntityClassificationTask,
    options: { keep },
    input: { topic: 'Quadratic equations' },
    answers: { generator: 'Yes. It is taught in secondary school algebra.' },
  });
  describeTaskConformance({
    name: `nemotron:python-entity-classification (keep: ${keep})`,
    task: pythonEntityClassificationTask,
    options: { keep },
    input: { topic: 'List comprehensions' },
    answers: { generator: 'Yes, it is a Python feature.' },
  });
}
