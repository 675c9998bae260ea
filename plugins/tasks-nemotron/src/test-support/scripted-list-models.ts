/**
 * Test-only helper for this plugin's own tests (not exported from the package): the two models
 * every list task calls, scripted for one input record.
 */
import { MockLanguageModelV1 } from '@synthkit/testkit';

/**
 * A `generator` (`mock:generator`) answering its one call with `generatorAnswer`, and a
 * `converter` (`mock:converter`) answering its one call with `converterAnswer`; a second call to
 * either fails the run. Pass them as `runTask`'s `models`, then read what each was sent from
 * `doGenerateCalls`.
 */
export function scriptedListModels(generatorAnswer: string, converterAnswer: string) {
  return {
    generator: new MockLanguageModelV1({ modelId: 'generator', doGenerate: [generatorAnswer] }),
    converter: new MockLanguageModelV1({ modelId: 'converter', doGenerate: [converterAnswer] }),
  };
}
