// A scripted stand-in for an OpenAI-compatible endpoint, for the tests and benchmarks that need the
// open-QA example to go over real HTTP through the OpenAI provider (open-qa.test.mjs,
// crash-resume.test.mjs, bench/open-qa-example.mjs; `pnpm demo` uses `--mock` instead). It is a real
// HTTP server on 127.0.0.1 speaking the OpenAI wire format (@synthkit/testkit); its answers are
// written by the rules below, which play each prompt of the Nemotron open-QA pipeline with
// plausible, deterministic text.
import { createOpenAITestServer, listRule, yamlListRule } from '@synthkit/testkit';

const macroTopics = [
  'Cooking and food',
  'Personal finance',
  'Space exploration',
  'Health and fitness',
  'Travel and culture',
  'Climate and weather',
  'Computers and software',
  'World history',
];
const subtopicShapes = [
  (topic) => `Getting started with ${topic.toLowerCase()}`,
  (topic) => `Common mistakes in ${topic.toLowerCase()}`,
  (topic) => `The history of ${topic.toLowerCase()}`,
  (topic) => `${topic} on a tight budget`,
];
const questionShapes = [
  (topic) => `What are the most important things a beginner should know about ${lowerFirst(topic)}?`,
  (topic) => `How would you explain ${lowerFirst(topic)} to a curious twelve-year-old?`,
  (topic) => `Which everyday decisions are shaped by ${lowerFirst(topic)}, and why?`,
];
const revisionShapes = [
  (question) =>
    `I am preparing a short talk for my local library and want to get this right. ${question} Please answer in three short paragraphs and avoid jargon.`,
  (question) =>
    `${question} I have only a few minutes to read the answer, so give me five bullet points, each with one concrete example.`,
  (question) =>
    `My teenage daughter asked me this at dinner and I could not answer. ${question} Explain it step by step so that I can pass it on.`,
];

/**
 * Starts the demo endpoint. Answers take `latencyMs` (default 20 ms) so the progress display has
 * something to show; `batches` sets how its Batch API runs jobs (the test server's `BatchOptions`). Returns the testkit server: use `baseURL` as OPENAI_BASE_URL, then `close()`.
 */
export function startDemoServer({ latencyMs = 20, batches } = {}) {
  return createOpenAITestServer({ latencyMs, ...(batches == null ? {} : { batches }), rules: demoRules() });
}

/**
 * The rules that play each prompt of the pipeline, for any testkit server: the OpenAI-compatible one
 * above, or `createAnthropicTestServer` to run the recipe with `--model anthropic:<id>`.
 */
export function demoRules() {
  return [
    // The converter: copies the numbered list found between the markers into a YAML list.
    yamlListRule({
      match: /--- START OF TEXT ---/,
      source: (prompt) => prompt.split('--- START OF TEXT ---')[1]?.split('--- END OF TEXT ---')[0] ?? '',
    }),
    listRule({
      match: /Reply with exactly (\d+) topics/,
      item: (index) => macroTopics[index % macroTopics.length],
    }),
    listRule({
      match: /Reply with exactly (\d+) subtopics/,
      item: (index, _match, request) => subtopicShapes[index % subtopicShapes.length](field(request.prompt, 'Broad topic')),
    }),
    listRule({
      match: /Reply with exactly (\d+) questions/,
      item: (index, _match, request) => questionShapes[index % questionShapes.length](field(request.prompt, 'Topic')),
    }),
    listRule({
      match: /Reply with exactly (\d+) rewrites/,
      item: (index, _match, request) =>
        revisionShapes[index % revisionShapes.length](request.prompt.split('\n\n')[1]?.trim() ?? ''),
    }),
  ];
}

function field(prompt, label) {
  return new RegExp(`^${label}: (.+)$`, 'm').exec(prompt)?.[1]?.trim() ?? 'this topic';
}

function lowerFirst(text) {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
