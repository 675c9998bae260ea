import { describeTaskConformance } from '@synthkit/testkit/conformance';
import { dialogueTask } from './tasks/dialogue-task';
import { mathEntityClassificationTask } from './tasks/math-entity-classification-task';
import { pythonEntityClassificationTask } from './tasks/python-entity-classification-task';
import { twoTurnPromptsTask } from './tasks/two-turn-prompts-task';
import { yamlConversionTask } from './tasks/yaml-conversion-task';
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

// The conversation tasks, with each kind of user style: hostile answers from the assistant or the
// user model must reject the record (empty, a role label...) or make a valid conversation.
const conversationAnswers = { assistant: 'Tides come from the pull of the moon and the sun.', user: 'Why are there two high tides a day?' };
for (const options of [{ n_user_turns: 2 }, { n_user_turns: 3, user_style: 'complex' }, { user_style: 'custom', user_instruction: 'Ask as a sailor would.' }]) {
  describeTaskConformance({ name: `nemotron:dialogue (${JSON.stringify(options)})`, task: dialogueTask, options, input: { openline: 'How do tides work?' }, answers: conversationAnswers });
}
describeTaskConformance({
  name: 'nemotron:two-turn-prompts (user_style: concise)',
  task: twoTurnPromptsTask,
  options: { user_style: 'concise' },
  input: { openline: 'How do tides work?' },
  answers: conversationAnswers,
});

// yaml-conversion, on a text the local parser reads (auto) and through the converter (llm).
for (const conversion of ['auto', 'llm'] as const) {
  describeTaskConformance({
    name: `nemotron:yaml-conversion (conversion: ${conversion})`,
    task: yamlConversionTask,
    options: { conversion, n_items: 3 },
    input: { text: good.generator },
    answers: { converter: good.converter },
  });
}
