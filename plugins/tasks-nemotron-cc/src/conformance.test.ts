import { describeTaskConformance } from '@synthkit/testkit/conformance';
import plugin from './index';
import { diverseQAHeader } from './post-processing/post-process-diverse-qa';
import { tideDocument, tideRewrite } from './test-support/sample-texts';

// Every task of the plugin passes the task conformance kit on a web document about tides: good
// answers follow each prompt's format; hostile ones must be rejected or failed, never crash a task.
const input = { text: tideDocument };
const cases = {
  segments: { options: { target_task: 'rephrase' }, answers: {} },
  rephrase: { options: {}, answers: { generator: `Here is a paraphrased version:\n${tideRewrite}` } },
  // Cut into three segments, so that every answer (good or hostile) goes through the join.
  'rephrase-document': { options: { max_segment_tokens: 50 }, answers: { generator: `Here is a paraphrased version:\n${tideRewrite}` } },
  'diverse-qa': {
    options: {},
    answers: {
      generator: `${diverseQAHeader}\n- Question: What mainly causes tides? Answer: The moon.\n- Question: Are neap tides weaker than spring tides? Answer: Yes.`,
    },
  },
  distill: { options: {}, answers: { generator: `Paraphrased Text: ${tideRewrite}` } },
  'extract-knowledge': { options: {}, answers: { generator: `Passage 1:\n${tideRewrite}` } },
  'knowledge-list': { options: {}, answers: { generator: tideRewrite.split('. ').map((sentence) => `- ${sentence}`).join('\n') } },
} as const;

for (const [name, { options, answers }] of Object.entries(cases)) {
  describeTaskConformance({ name: `nemotron-cc:${name}`, task: plugin.tasks[name as keyof typeof cases], options, input, answers });
}
