import { runWithModuleLog } from '@synthkit/test-server';
import { describe, expect, it } from 'vitest';

const distribution = new URL('../dist/index.js', import.meta.url).href;

describe('@anthropic-ai/sdk is imported on first use', () => {
  // In a process of its own, running the built package (vitest has imported the SDK in this one).
  it('loading the plugin and creating a provider and a model import no SDK; the first request does', async () => {
    const outcome = await runWithModuleLog({
      watch: /[\\/]@anthropic-ai[\\/]sdk[\\/]/,
      script: `const { default: plugin, createAnthropic } = await import(${JSON.stringify(distribution)});
               const model = createAnthropic({ baseURL: 'http://127.0.0.1:9', apiKey: 'k', timeoutMs: 2000 }).languageModel('m');
               const before = resolvedModules().length;
               const error = await model.doGenerate({ prompt: 'hello', params: {} }).then(() => undefined, (caught) => caught);
               console.log(JSON.stringify({ namespace: plugin.meta.namespace, endpoint: model.endpoint, before, after: resolvedModules().length, failedAs: error?.constructor?.name, retryable: error?.isRetryable }));`,
    });
    expect(outcome).toMatchObject({ namespace: 'anthropic', endpoint: 'http://127.0.0.1:9', before: 0 });
    expect((outcome as { after: number }).after).toBeGreaterThan(0);
    // The SDK's error on the unreachable port was still converted, with classes imported late.
    expect(outcome).toMatchObject({ failedAs: 'APICallError', retryable: true });
  });
});
