import { describe, expect, it } from 'vitest';
import type { InProcessConformanceFeature } from './conformance-feature';
import { describeInProcessLanguageModelConformance } from './describe-in-process-language-model-conformance';
import { languageModelContractChecks } from './internal/language-model-contract';
import {
  createReferenceLanguageModel,
  referenceFeatures,
  type ContractBreach,
  type ReferenceLanguageModelOptions,
} from './test-support/reference-language-model';

// The suite as a provider's test file registers it: a model that keeps the contract passes it.
describeInProcessLanguageModelConformance({
  name: 'the reference model',
  createModel: () => createReferenceLanguageModel(),
  features: [...referenceFeatures],
});

/** How the check `checkId` fails on the reference model made with `options`; undefined if it passes. */
async function failureOf(
  checkId: string,
  options: ReferenceLanguageModelOptions,
  features: ReadonlyArray<InProcessConformanceFeature> = referenceFeatures,
): Promise<string | undefined> {
  const check = languageModelContractChecks.find((candidate) => candidate.id === checkId);
  if (check == null) throw new Error(`no contract check "${checkId}"`);
  const harness = { secrets: [], features: new Set(features), model: async () => createReferenceLanguageModel(options) };
  return check.run(harness).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

describe('the in-process conformance suite', () => {
  it.each<[ContractBreach, string, string]>([
    ['empty-answer', 'prompt', 'choice 0 must have a non-empty text: ""'],
    ['empty-answer', 'messages', 'choice 0 must have a non-empty text: ""'],
    ['silent-top-k', 'warnings', 'a warning that topK was not used (or declare the feature "topK")'],
    ['one-choice', 'choices', 'the choices of the call'],
    ['cut-as-stop', 'max-tokens', 'finish reason stop fits only an answer that ended before maxTokens (2)'],
    ['no-activity', 'activity', 'calls of onActivity during the call'],
    ['prose-for-json', 'structured-output', 'the answer must be JSON: Ada is a calm lighthouse keeper.'],
    ['wrong-json-type', 'structured-output', 'misses the schema: $.ready: expected a boolean, got string "yes"'],
    ['random', 'deterministic', 'the texts of the same call with the same seed, made twice'],
    ['ignores-abort', 'aborted-signal', 'a call whose signal has already aborted must fail'],
    ['ignores-abort', 'abort-mid-call', 'a call must fail when its signal aborts, not answer'],
    ['abort-as-retryable', 'aborted-signal', 'an abort must not fail as a retryable APICallError'],
    ['abort-as-retryable', 'abort-mid-call', 'an abort must not fail as a retryable APICallError'],
    ['answers-empty-conversation', 'empty-conversation', 'a call with no messages is a bad request: it must fail, not answer'],
    ['key-in-endpoint', 'specification', 'the endpoint https://reference.example/v1?api_key=secret must not carry credentials'],
  ])('catches a model that breaks the contract (%s) in the check "%s"', async (breach, checkId, message) => {
    expect(await failureOf(checkId, {})).toBeUndefined();
    expect(await failureOf(checkId, { breach })).toContain(message);
  });

  it('catches a model that declares a feature it lacks', async () => {
    expect(await failureOf('warnings', {}, [...referenceFeatures, 'topK'])).toContain(
      'no warning about topK, which the provider declares it supports',
    );
  });

  it('says how to give the abort check a call to abort when every call answers before it can', async () => {
    expect(await failureOf('abort-mid-call', { latencyMs: 0 })).toBe(
      'Every call asking for a long answer was answered within 10 ms, before the suite could abort it. ' +
        'Give the suite a model whose calls take longer (the mock provider: a latencyMs setting).',
    );
  });
});
