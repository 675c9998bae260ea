import { runWithModuleLog } from '@synthkit/test-server';
import { describe, expect, it } from 'vitest';

const distribution = new URL('../dist/index.js', import.meta.url).href;

describe('the openai SDK is imported on first use', () => {
  // In a process of its own, running the built package (vitest has imported the SDK in this one).
  it('loading the plugin and creating a provider and its models import no SDK; the first request does', async () => {
    const outcome = await runWithModuleLog({
      watch: /[\\/]openai[\\/](?!.*provider-openai)/,
      script: `const { createOpenAI } = await import(${JSON.stringify(distribution)});
               const provider = createOpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'k', timeoutMs: 2000 });
               const model = provider.languageModel('m');
               provider.embeddingModel('e');
               provider.rewardModel('r');
               provider.completionModel('c');
               const before = resolvedModules().length;
               const error = await model.doGenerate({ prompt: 'hello', params: {} }).then(() => undefined, (caught) => caught);
               console.log(JSON.stringify({ before, after: resolvedModules().length, failedAs: error?.constructor?.name, retryable: error?.isRetryable }));`,
    });
    expect(outcome).toMatchObject({ before: 0 });
    expect((outcome as { after: number }).after).toBeGreaterThan(0);
    // The SDK's error on the unreachable port was still converted, with classes imported late.
    expect(outcome).toMatchObject({ failedAs: 'APICallError', retryable: true });
  });
});
