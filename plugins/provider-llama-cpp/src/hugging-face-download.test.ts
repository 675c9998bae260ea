import { readFile, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { APICallError } from '@synthkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLlamaCpp, type LlamaCppDownloadProgress } from './index';
import { writeTinyModel, type TinyModelFolder } from './test-support/tiny-model';

/**
 * A loopback stand-in for huggingface.co: serves the tiny model at `/acme/tiny/resolve/main/tiny.gguf`
 * (with ranges, as the downloader asks), 403 for `gated.gguf`, 404 for anything else.
 */
async function startModelServer(file: Buffer): Promise<{ endpoint: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push(`${request.method} ${path}`);
    if (path.endsWith('/gated.gguf')) return void response.writeHead(403).end('Access to this model is restricted');
    if (path !== '/acme/tiny/resolve/main/tiny.gguf') return void response.writeHead(404).end('Entry not found');
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
    const start = range == null ? 0 : Number(range[1]);
    const end = range?.[2] ? Number(range[2]) : file.length - 1;
    response.writeHead(range == null ? 200 : 206, {
      'content-type': 'application/octet-stream',
      'content-length': end - start + 1,
      'accept-ranges': 'bytes',
      ...(range == null ? {} : { 'content-range': `bytes ${start}-${end}/${file.length}` }),
    });
    response.end(request.method === 'HEAD' ? undefined : file.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: a server's, once closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let tiny: TinyModelFolder;
let modelServer: Awaited<ReturnType<typeof startModelServer>>;
beforeAll(async () => {
  tiny = await writeTinyModel();
  modelServer = await startModelServer(await readFile(tiny.path));
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await modelServer.close();
  await tiny.project.remove();
});

const hello = { messages: [{ role: 'user' as const, content: 'Hi' }], params: { maxTokens: 4, temperature: 0 } };

describe('hf: models', () => {
  it('are downloaded on first use into the model folder, with progress, then found there with no network', async () => {
    const modelDirectory = join(tiny.project.directory, 'downloaded');
    const progress: LlamaCppDownloadProgress[] = [];
    const provider = createLlamaCpp({
      models: { tiny: 'hf:acme/tiny/tiny.gguf' },
      threads: 1,
      modelDirectory,
      huggingFaceEndpoint: modelServer.endpoint,
      onDownloadProgress: (event) => progress.push(event),
    });

    const downloaded = await provider.languageModel('tiny').doGenerate(hello);
    await provider.dispose();

    expect(downloaded.choices).toHaveLength(1);
    expect(modelServer.requests).toContain('GET /acme/tiny/resolve/main/tiny.gguf');
    expect(await readdir(modelDirectory)).toEqual(['hf_acme_tiny_tiny.gguf']);
    expect(Buffer.from(await readFile(join(modelDirectory, 'hf_acme_tiny_tiny.gguf'))).equals(await readFile(tiny.path))).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((event) => event.uri === 'hf:acme/tiny/tiny.gguf')).toBe(true);
    expect(progress.at(-1)).toEqual({ uri: 'hf:acme/tiny/tiny.gguf', downloadedBytes: 492_288, totalBytes: 492_288 });

    // Offline now: the endpoint refuses connections, and the model is still there.
    const offline = createLlamaCpp({
      models: { tiny: 'hf:acme/tiny/tiny.gguf' },
      threads: 1,
      modelDirectory,
      huggingFaceEndpoint: `http://127.0.0.1:${await closedPort()}/`,
    });
    const again = await offline.languageModel('tiny').doGenerate(hello);
    await offline.dispose();
    expect(again.choices).toEqual(downloaded.choices);
  });

  it('report their download on stderr unless told otherwise', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const provider = createLlamaCpp({
      threads: 1,
      modelDirectory: join(tiny.project.directory, 'reported'),
      huggingFaceEndpoint: modelServer.endpoint,
    });

    await provider.languageModel('hf:acme/tiny/tiny.gguf').doGenerate(hello);
    await provider.dispose();

    const reports = lines.filter((line) => line.startsWith('llama-cpp: '));
    expect(reports[0]).toBe('llama-cpp: downloading hf:acme/tiny/tiny.gguf of 0.5 MB\n');
    expect(reports.at(-1)).toBe('llama-cpp: downloaded hf:acme/tiny/tiny.gguf (0.5 MB)\n');
  });

  it('fail at once when the server cannot be reached, saying how to do without the download', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/`;
    const provider = createLlamaCpp({ threads: 1, modelDirectory: join(tiny.project.directory, 'offline'), huggingFaceEndpoint: endpoint });
    const started = performance.now();

    const error = await provider
      .languageModel('hf:acme/tiny/tiny.gguf')
      .doGenerate(hello)
      .catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    await provider.dispose();

    // At once: no retries with back-off (which would take minutes). Generous, for a loaded machine.
    expect(elapsed).toBeLessThan(30_000);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ url: endpoint, statusCode: undefined, isRetryable: true });
    expect((error as Error).message).toBe(
      `llama-cpp cannot download hf:acme/tiny/tiny.gguf: ${endpoint} cannot be reached (ECONNREFUSED); this machine may be offline. ` +
        'To do without it: download the GGUF file on a machine that can, and set the model under providers.llama-cpp.models to its path ' +
        '(or name it directly: llama-cpp:/path/to/model.gguf); point huggingFaceEndpoint (or HF_ENDPOINT) at a reachable mirror; ' +
        'or use another provider (--model openai:<model id>).',
    );
  });

  it("fail with the server's HTTP status and what it means for a wrong name or a gated model", async () => {
    const provider = createLlamaCpp({ threads: 1, modelDirectory: join(tiny.project.directory, 'refused'), huggingFaceEndpoint: modelServer.endpoint });
    const failure = (uri: string) =>
      provider
        .languageModel(uri)
        .doGenerate(hello)
        .then(
          () => expect.fail(`${uri} was downloaded`),
          (caught: unknown) => caught as APICallError,
        );

    const missing = await failure('hf:acme/tiny/missing.gguf');
    const gated = await failure('hf:acme/tiny/gated.gguf');
    await provider.dispose();

    expect(APICallError.isInstance(missing)).toBe(true);
    expect(missing).toMatchObject({ statusCode: 404, isRetryable: false });
    expect(missing.message).toContain(
      `hf:acme/tiny/missing.gguf: the server answered HTTP 404. Check the user, repository and file name (the files are listed at ${modelServer.endpoint}acme/tiny/tree/main).`,
    );
    expect(gated).toMatchObject({ statusCode: 403, isRetryable: false });
    expect(gated.message).toContain('HTTP 403. The model may be gated: accept its terms on Hugging Face and set HF_TOKEN to an access token.');
  });
});
