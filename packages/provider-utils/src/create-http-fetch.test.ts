import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpFetch } from './create-http-fetch';

/** What the server saw of the last request. */
let lastRequest: { method: string; url: string; headers: IncomingMessage['headers']; body: string } | undefined;
/** Resolves the pending `/sse-wait` answer's second event. */
let releaseSecondEvent: (() => void) | undefined;
/** Resolved when the server sees the `/sse-open` connection close. */
let markOpenStreamClosed!: () => void;
const openStreamClosed = new Promise<void>((resolve) => {
  markOpenStreamClosed = resolve;
});

const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/json': (_request, response) => {
    response.writeHead(201, [
      ['content-type', 'application/json; charset=utf-8'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-request-id', 'req-1'],
    ]);
    response.end(JSON.stringify({ ok: true, echo: lastRequest?.body }));
  },
  '/sse-wait': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: first\n\n');
    releaseSecondEvent = () => response.end('data: second\n\n');
  },
  '/empty': (_request, response) => {
    response.writeHead(204, { 'x-kind': 'empty' });
    response.end();
  },
  '/gzip': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end(gzipSync(JSON.stringify({ compressed: true })));
  },
  '/moved': (_request, response) => {
    response.writeHead(307, { location: '/json' });
    response.end();
  },
  '/sse-open': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: first\n\n');
    response.on('close', () => markOpenStreamClosed());
  },
  '/sse-cut': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: first\n\n');
    setTimeout(() => response.socket?.destroy(), 20);
  },
  '/hang': () => {
    // Never answers: only the caller's signal ends the request.
  },
  '/hang-body': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"partial":');
  },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // A redirect's target keeps the first request's record: the test checks what was re-sent.
      lastRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() };
      (routes[new URL(request.url ?? '/', 'http://x').pathname] ?? ((_, r) => r.writeHead(404).end()))(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createHttpFetch', () => {
  const fetch = createHttpFetch();

  it('sends the method, headers and body, and answers a JSON response whole', async () => {
    const headers = new Headers({ 'content-type': 'application/json', authorization: 'Bearer k' });
    const response = await fetch(`${base}/json`, { method: 'post', headers, body: '{"q":1}' });
    expect(lastRequest).toMatchObject({ method: 'POST', url: '/json', body: '{"q":1}' });
    expect(lastRequest?.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer k' });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    await expect(response.json()).resolves.toEqual({ ok: true, echo: '{"q":1}' });
  });

  it('takes headers as a plain object and a URL object as input, and bytes as the body', async () => {
    const response = await fetch(new URL(`${base}/json`), {
      method: 'PUT',
      headers: { 'x-one': '1' },
      body: new TextEncoder().encode('bytes'),
    });
    expect(lastRequest).toMatchObject({ method: 'PUT', body: 'bytes' });
    expect(lastRequest?.headers['x-one']).toBe('1');
    expect(response.status).toBe(201);
  });

  it('streams a body that is not JSON: the first event is readable before the server has finished', async () => {
    const response = await fetch(`${base}/sse-wait`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: first\n\n');
    releaseSecondEvent?.();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(rest).toBe('data: second\n\n');
  });

  it('fails the stream, rather than leaving the reader waiting, when the connection breaks mid-body', async () => {
    const response = await fetch(`${base}/sse-cut`);
    await expect(response.text()).rejects.toThrow();
  });

  it('closes the connection when the reader cancels the stream', async () => {
    const response = await fetch(`${base}/sse-open`);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    // The server never ends this answer: only the client giving it up closes it.
    await openStreamClosed;
    await expect((await fetch(`${base}/json`)).json()).resolves.toMatchObject({ ok: true });
  });

  it('answers a 204 with no body', async () => {
    const response = await fetch(`${base}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.get('x-kind')).toBe('empty');
  });

  it('decompresses a body the server compressed unasked', async () => {
    const response = await fetch(`${base}/gzip`);
    expect(lastRequest?.headers['accept-encoding']).toBeUndefined();
    expect(response.headers.get('content-encoding')).toBeNull();
    await expect(response.json()).resolves.toEqual({ compressed: true });
  });

  it('follows a 307 redirect with the same method and body', async () => {
    const response = await fetch(`${base}/moved`, { method: 'POST', body: 'again' });
    expect(response.status).toBe(201);
    expect(lastRequest).toMatchObject({ method: 'POST', url: '/json', body: 'again' });
  });

  it("rejects with the signal's reason when it aborts before the answer", async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped by the test')), 20);
    await expect(pending).rejects.toThrow('stopped by the test');
  });

  it('rejects with an AbortError when the signal aborts without a reason while the body is read', async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/hang-body`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetch(`http://127.0.0.1:${port}/json`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('hands what it does not handle itself (a Request, a FormData body) to the fallback', async () => {
    const fallback = vi.fn(async () => new Response('from fallback'));
    const withFallback = createHttpFetch({ fallback });
    const form = new FormData();
    form.append('file', 'contents');
    await expect((await withFallback(`${base}/json`, { method: 'POST', body: form })).text()).resolves.toBe('from fallback');
    await expect((await withFallback(new Request(`${base}/json`))).text()).resolves.toBe('from fallback');
    expect(fallback).toHaveBeenCalledTimes(2);
  });
});
