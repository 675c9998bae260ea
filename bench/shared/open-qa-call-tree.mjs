// The call tree of one open-QA pipeline run, rebuilt from the demo server's request log, so that a
// simulated scheduler can replay exactly the calls the run made.
//
// Each call depends on one earlier call: the one whose answer it needs.
//
//   macro topics        (no parent)
//   subtopics of M      the call whose list holds M: the macro-topic call, or its converter call
//   questions about T   the list of the subtopic call for T's macro topic (T is one of its subtopics,
//                       or the macro topic itself, which nemotron:subtopics emits after the subtopics)
//   revisions of Q      the list of the question call that wrote Q
//   converter           the generator call whose answer it copies
//
// where "the list of a generator call" is its converter call when it has one (conversion: llm, or
// auto falling back) and the generator call itself when the list was read locally. Prompts and
// answers are recognised by the texts of examples/open-qa/demo-server.mjs's rules and of the
// nemotron templates ("Reply with exactly N topics", "Broad topic: ...", "--- START OF TEXT ---").
// Identical prompts (the demo repeats subtopic and question shapes past its 4 and 3 shapes) are
// interchangeable: they have the same answer, latency and subtree, and are matched to parents
// with a free place in order.

const generatorKinds = [
  { kind: 'macro topics', pattern: /Reply with exactly \d+ topics/ },
  { kind: 'subtopics', pattern: /Reply with exactly \d+ subtopics/ },
  { kind: 'questions', pattern: /Reply with exactly \d+ questions/ },
  { kind: 'revisions', pattern: /Reply with exactly \d+ rewrites/ },
];
const converterStart = '--- START OF TEXT ---';
const converterEnd = '--- END OF TEXT ---';

/**
 * @param {ReadonlyArray<{ prompt: string, answer?: string, receivedAtMs: number, answeredAtMs?: number }>} log
 *   the server's completion requests, in arrival order (test-server-thread.mjs `requestLog()`)
 * @returns {{
 *   calls: Array<{ kind: string, prompt: string, parent?: number, depth: number, receivedAtMs: number, answeredAtMs: number }>,
 *   lateStarts: number,
 * }} the calls in arrival order, each with its parent's index (always earlier) and depth (calls
 *   before it on its chain); `lateStarts` counts calls sent before their parent was answered, which
 *   would mean the tree is wrong (0 expected)
 */
export function openQACallTree(log) {
  const calls = log.map((entry, index) => describeCall(entry, index));
  // Converters first: a generator's list is its converter's answer when it has one.
  const freeConverterPlaces = new Map();
  for (const call of calls) {
    if (call.kind !== 'converter') continue;
    const source = call.prompt.split(converterStart)[1]?.split(converterEnd)[0]?.trim();
    call.parent = takePlace(calls, freeConverterPlaces, call, (candidate) =>
      candidate.kind !== 'converter' && candidate.answer?.trim() === source ? 1 : 0,
    );
  }
  const converterOf = new Map(calls.filter((call) => call.kind === 'converter').map((call) => [call.parent, call.index]));
  const listOf = (generator) => converterOf.get(generator.index) ?? generator.index;
  const freePlaces = new Map();
  for (const call of calls) {
    if (call.kind === 'converter' || call.kind === 'macro topics') continue;
    const wanted = call.kind === 'subtopics' ? 'macro topics' : call.kind === 'questions' ? 'subtopics' : 'questions';
    const key = call.kind === 'subtopics' ? field(call.prompt, 'Broad topic') : call.kind === 'questions' ? field(call.prompt, 'Topic') : call.prompt.split('\n\n')[1]?.trim();
    // How many calls of this kind the candidate's list feeds with this key.
    const places = (candidate) => {
      if (candidate.kind !== wanted) return 0;
      const count = candidate.items.filter((item) => item === key).length;
      return wanted === 'subtopics' && field(candidate.prompt, 'Broad topic') === key ? count + 1 : count;
    };
    const generator = takePlace(calls, freePlaces, call, places);
    if (generator != null) call.parent = listOf(calls[generator]);
  }
  for (const call of calls) {
    if (call.kind !== 'macro topics' && call.parent == null) {
      throw new Error(`open-QA call tree: no parent found for the ${call.kind} call ${call.index} (${JSON.stringify(call.prompt.slice(0, 120))})`);
    }
    call.depth = call.parent == null ? 0 : calls[call.parent].depth + 1;
  }
  const lateStarts = calls.filter((call) => call.parent != null && call.receivedAtMs < calls[call.parent].answeredAtMs).length;
  return {
    calls: calls.map(({ kind, prompt, parent, depth, receivedAtMs, answeredAtMs }) => ({ kind, prompt, parent, depth, receivedAtMs, answeredAtMs })),
    lateStarts,
  };
}

// --- Internal helpers ---

function describeCall(entry, index) {
  if (entry.answer == null || entry.answeredAtMs == null) throw new Error(`open-QA call tree: request ${index} has no answer in the log`);
  const kind = entry.prompt.includes(converterStart) ? 'converter' : generatorKinds.find(({ pattern }) => pattern.test(entry.prompt))?.kind;
  if (kind == null) throw new Error(`open-QA call tree: request ${index} is no call of the open-QA pipeline (${JSON.stringify(entry.prompt.slice(0, 120))})`);
  const items = entry.answer
    .split('\n')
    .map((line) => /^\d+\.\s+(.*)$/.exec(line.trim())?.[1]?.trim())
    .filter((item) => item != null);
  return { ...entry, index, kind, items, parent: undefined, depth: 0 };
}

/**
 * The index of the earliest-answered candidate that answered before `call` was sent and still has a
 * free place for it (`places(candidate)`: how many such calls it feeds), taking that place.
 */
function takePlace(calls, usedPlaces, call, places) {
  const candidates = calls
    .filter((candidate) => candidate.index !== call.index && places(candidate) > 0)
    .sort((a, b) => a.answeredAtMs - b.answeredAtMs || a.index - b.index);
  const placeKey = (candidate) => `${candidate.index}\n${call.kind}\n${call.prompt}`;
  const free = (candidate) => (usedPlaces.get(placeKey(candidate)) ?? 0) < places(candidate);
  const chosen = candidates.find((candidate) => free(candidate) && candidate.answeredAtMs <= call.receivedAtMs) ?? candidates.find(free);
  if (chosen == null) return undefined;
  usedPlaces.set(placeKey(chosen), (usedPlaces.get(placeKey(chosen)) ?? 0) + 1);
  return chosen.index;
}

function field(prompt, label) {
  return new RegExp(`^${label}: (.+)$`, 'm').exec(prompt)?.[1]?.trim();
}
