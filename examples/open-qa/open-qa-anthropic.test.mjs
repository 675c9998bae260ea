// The open-QA recipe, unchanged, with `--model anthropic:<id>`: through the real CLI, plugin discovery
// and the Anthropic provider (@anthropic-ai/sdk) against a loopback server speaking Anthropic's
// Messages API, answering with the demo's rules. It must give the record set of the OpenAI run.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicTestServer } from '@synthkit/testkit';
import { demoRules, startDemoServer } from './demo-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

let servers = [];
let out;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'synthkit-open-qa-anthropic-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await rm(out, { recursive: true, force: true });
});

/** Runs the example recipe into `out/<name>` with `args` and `env`, each run with a cache of its own. */
async function runRecipe(name, args, env) {
  try {
    const binary = join(root, 'packages/cli/dist/bin.js');
    const { stderr } = await run('node', [binary, 'run', 'examples/open-qa/recipe.yaml', '--out', join(out, name), ...args], {
      cwd: root,
      env: { ...process.env, SYNTHKIT_CACHE_DIR: join(out, `${name}-cache`), ...env },
    });
    return { code: 0, stderr };
  } catch (error) {
    return { code: error.code, stderr: error.stderr };
  }
}

const readJsonLines = async (path) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

/**
 * A record as far as both runs must agree: every field and `_meta` as written, but per call without
 * what depends on the provider or on timing (the model reference and the response metadata, the
 * latency) and without the cached-token count, which only Anthropic reports.
 */
function comparable({ _meta, ...fields }) {
  const calls = _meta.calls.map(({ model: _model, response: _response, latencyMs: _latency, usage, ...call }) => ({
    ...call,
    usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
  }));
  return { ...fields, _meta: { ..._meta, calls } };
}

describe('examples/open-qa with --model anthropic:<id>', () => {
  it('runs unchanged against an Anthropic Messages API server and writes the record set of the OpenAI run', async () => {
    const openAIServer = await startDemoServer({ latencyMs: 0 });
    const anthropicServer = await createAnthropicTestServer({ rules: demoRules(), apiKey: 'test-anthropic-key' });
    servers.push(openAIServer, anthropicServer);

    const viaOpenAI = await runRecipe('openai', [], { OPENAI_BASE_URL: openAIServer.baseURL, OPENAI_API_KEY: 'test-key' });
    const viaAnthropic = await runRecipe('anthropic', ['--model', 'anthropic:claude-sonnet-4-5'], {
      ANTHROPIC_BASE_URL: anthropicServer.baseURL,
      ANTHROPIC_API_KEY: 'test-anthropic-key',
    });

    expect(viaOpenAI.stderr).toContain('Done: 36 records');
    expect(viaAnthropic.stderr).toContain('Done: 36 records');
    expect(viaAnthropic.code).toBe(0);
    const openAIRecords = await readJsonLines(join(out, 'openai', 'data.jsonl'));
    const anthropicRecords = await readJsonLines(join(out, 'anthropic', 'data.jsonl'));
    expect(anthropicRecords).toHaveLength(36);
    const byId = (records) => records.map(comparable).sort((first, second) => first._id.localeCompare(second._id));
    expect(byId(anthropicRecords)).toEqual(byId(openAIRecords));

    // Every call went to Anthropic's format, with the key in the SDK's bearer header.
    expect(anthropicServer.requests).toHaveLength(31);
    expect(anthropicServer.requests.every((request) => request.path === '/v1/messages')).toBe(true);
    expect(anthropicServer.requests.every((request) => request.headers.authorization === 'Bearer test-anthropic-key')).toBe(true);
    expect(anthropicServer.requests[0].body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 1024, temperature: 0.7, top_p: 0.95, stream: true });
    for (const record of anthropicRecords) {
      for (const call of record._meta.calls) {
        expect(call.model).toBe('anthropic:claude-sonnet-4-5');
        expect(call.response.modelId).toBe('claude-sonnet-4-5');
        expect(call.usage.cachedInputTokens).toBe(0);
      }
    }
    expect(await readJsonLines(join(out, 'anthropic', 'rejects.jsonl'))).toEqual([]);
    const openAIReport = JSON.parse(await readFile(join(out, 'openai', 'run.json'), 'utf8'));
    const anthropicReport = JSON.parse(await readFile(join(out, 'anthropic', 'run.json'), 'utf8'));
    expect(anthropicReport.status).toBe('completed');
    expect(anthropicReport.stages).toEqual(openAIReport.stages);
    expect(anthropicReport.requests).toEqual(openAIReport.requests);
    expect(anthropicReport.tokens.input).toBe(openAIReport.tokens.input);
    expect(anthropicReport.tokens.output).toBe(openAIReport.tokens.output);
  });
});
