// Summarises a V8 CPU profile (`node --cpu-prof`): self time grouped by component (the openai SDK,
// undici, Node internals, synthkit's gateway, engine and provider, p-queue, GC...), by source file,
// and the top functions. synthkit's bundled `dist` files are mapped back to their `src/*.ts` files
// through their source maps, so the gateway's middleware and the engine show up separately.
//
//   node bench/summarise-cpu-profile.mjs <file.cpuprofile> [--requests N] [--top 25] [--marks marks.json]
//
// With `--requests N` (the requests the profiled run sent), times are also given in µs per request.
// With `--marks FILE` (written by `request-overhead.mjs --marks`), only the samples inside the
// measured runs count, and the component table shows µs per request for each way side by side
// (runs with the same label are added up), plus the difference between the last way and the first.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixed, markdownTable } from './shared/markdown-table.mjs';
import { numberArgument, optionalStringArgument } from './shared/command-line.mjs';

const path = process.argv[2];
if (path == null || path.startsWith('--')) {
  console.error('usage: node bench/summarise-cpu-profile.mjs <file.cpuprofile> [--requests N] [--top 25]');
  process.exit(2);
}
const requests = numberArgument('--requests', 0);
const top = numberArgument('--top', 25);
const marksFile = optionalStringArgument('--marks');
const profile = JSON.parse(readFileSync(path, 'utf8'));
const marks = marksFile == null ? undefined : JSON.parse(readFileSync(marksFile, 'utf8'));

// Self time per node, from the samples and their time deltas (µs); with marks, per label too.
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicroseconds = new Map();
const selfByLabel = new Map();
let sampleTime = profile.startTime;
for (let index = 0; index < profile.samples.length; index++) {
  const id = profile.samples[index];
  const delta = profile.timeDeltas[index] ?? 0;
  sampleTime += delta;
  let label;
  if (marks != null) {
    label = marks.find((mark) => sampleTime >= mark.startUs && sampleTime <= mark.endUs)?.label;
    if (label == null) continue;
    if (!selfByLabel.has(label)) selfByLabel.set(label, new Map());
    add(selfByLabel.get(label), id, delta);
  }
  selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + delta);
}
const total = [...selfMicroseconds.values()].reduce((sum, value) => sum + value, 0);

const sourceMaps = new Map();
const byComponent = new Map();
const byFile = new Map();
const byFunction = new Map();
for (const [id, microseconds] of selfMicroseconds) {
  const { callFrame } = nodes.get(id);
  const { file, line } = originalPosition(callFrame.url, callFrame.lineNumber, callFrame.columnNumber);
  const component = componentOf(callFrame, file);
  add(byComponent, component, microseconds);
  const shortFile = shorten(file) || callFrame.functionName || '(native)';
  add(byFile, `${component} · ${shortFile}`, microseconds);
  add(byFunction, `${callFrame.functionName || '(anonymous)'} · ${shortFile}${line == null ? '' : `:${line + 1}`}`, microseconds);
}

console.log(`# CPU profile ${path}\n`);
if (marks != null) printByLabel();
console.log(`${fixed(total / 1000)} ms of samples${requests > 0 ? `, ${requests} requests: ${fixed(total / requests)} µs / request` : ''}\n`);
for (const [title, table, limit] of [
  ['self time by component', byComponent, Infinity],
  ['self time by file', byFile, top],
  ['top functions by self time', byFunction, top],
]) {
  console.log(`## ${title}\n`);
  const rows = [...table]
    .sort((first, second) => second[1] - first[1])
    .slice(0, limit)
    .map(([name, microseconds]) => [
      name,
      fixed(microseconds / 1000, 1),
      `${fixed((microseconds / total) * 100, 1)}%`,
      ...(requests > 0 ? [fixed(microseconds / requests, 1)] : []),
    ]);
  console.log(markdownTable(['what', 'self ms', 'share', ...(requests > 0 ? ['µs / request'] : [])], rows));
  console.log();
}

// --- Helpers ---

/** Self time per component in µs per request, one column per way (label) of the marks. */
function printByLabel() {
  const labels = [...new Set(marks.map((mark) => mark.label))];
  const requestsOf = (label) => marks.filter((mark) => mark.label === label).reduce((sum, mark) => sum + mark.requests, 0);
  const perLabel = new Map(labels.map((label) => [label, new Map()]));
  for (const label of labels) {
    for (const [id, microseconds] of selfByLabel.get(label) ?? []) {
      const { callFrame } = nodes.get(id);
      const { file } = originalPosition(callFrame.url, callFrame.lineNumber, callFrame.columnNumber);
      add(perLabel.get(label), componentOf(callFrame, file), microseconds);
    }
  }
  const components = new Map();
  for (const table of perLabel.values()) for (const [component, microseconds] of table) add(components, component, microseconds);
  const first = labels[0];
  const last = labels.at(-1);
  const perRequest = (label, component) => (perLabel.get(label).get(component) ?? 0) / requestsOf(label);
  const rows = [...components]
    .sort((one, other) => other[1] - one[1])
    .map(([component]) => [
      component,
      ...labels.map((label) => fixed(perRequest(label, component), 1)),
      ...(labels.length > 1 ? [fixed(perRequest(last, component) - perRequest(first, component), 1)] : []),
    ]);
  const totals = labels.map((label) => [...perLabel.get(label).values()].reduce((sum, value) => sum + value, 0) / requestsOf(label));
  rows.push(['**total**', ...totals.map((value) => `**${fixed(value, 1)}**`), ...(labels.length > 1 ? [`**${fixed(totals.at(-1) - totals[0], 1)}**`] : [])]);
  console.log('## self time per request by component, µs (samples inside the measured runs only)\n');
  console.log(
    markdownTable(
      ['component', ...labels.map((label) => `${label} (${requestsOf(label)} requests)`), ...(labels.length > 1 ? [`difference (last − first)`] : [])],
      rows,
    ),
  );
  console.log();
}

function add(map, key, value) {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** What part of the stack a frame belongs to. */
function componentOf({ url, functionName }, file) {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8 / native (program)';
    if (/^JSON\.|^JsonParse|^JsonStringif/.test(functionName)) return 'JSON';
    return `native: ${functionName}`;
  }
  if (url.startsWith('node:internal/deps/undici')) return 'undici (fetch)';
  if (url.startsWith('node:internal/streams') || url.startsWith('node:internal/webstreams')) return 'Node streams / web streams';
  if (url.startsWith('node:internal/abort_controller') || url.startsWith('node:internal/event_target') || url === 'node:events') {
    return 'Node events / AbortController';
  }
  if (url.startsWith('node:internal/timers') || url === 'node:timers') return 'Node timers';
  if (url.startsWith('node:internal/process/task_queues') || url.startsWith('node:internal/async_hooks')) return 'Node microtasks / async hooks';
  if (url.startsWith('node:net') || url.startsWith('node:internal/stream_base') || url.startsWith('node:internal/net')) return 'Node sockets';
  if (url.startsWith('node:')) return 'Node other';
  if (url.includes('/openai/')) return 'openai SDK';
  if (url.includes('/p-queue/') || url.includes('/eventemitter3/') || url.includes('/p-timeout/')) return 'p-queue';
  if (url.includes('/zod/')) return 'zod';
  if (file.includes('packages/runtime/src/gateway/')) return 'synthkit gateway';
  if (file.includes('packages/runtime/src/engine/')) return 'synthkit engine';
  if (file.includes('packages/runtime/src/')) return 'synthkit runtime (other)';
  if (file.includes('plugins/provider-openai/src/')) return 'synthkit OpenAI provider';
  if (file.includes('packages/core/')) return 'synthkit core';
  if (url.includes('/bench/')) return 'bench script';
  return 'other';
}

function shorten(file) {
  return file
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/^.*?\/(packages|plugins|bench)\//, '$1/');
}

/** The original file and line of a position in a bundled `dist` file with a source map. */
function originalPosition(url, line, column) {
  if (!url.startsWith('file://') || !/\/(packages|plugins)\/[^/]+\/dist\//.test(url)) return { file: url, line };
  const map = sourceMapOf(fileURLToPath(url));
  if (map == null) return { file: url, line };
  const segments = map.lines[line];
  if (segments == null || segments.length === 0) return { file: url, line };
  let found = segments[0];
  for (const segment of segments) {
    if (segment.column <= column) found = segment;
    else break;
  }
  return { file: new URL(map.sources[found.source], url).href, line: found.line };
}

/** A parsed source map: per generated line, its segments `{ column, source, line }`. */
function sourceMapOf(file) {
  if (sourceMaps.has(file)) return sourceMaps.get(file);
  let parsed;
  if (existsSync(`${file}.map`)) {
    const raw = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
    parsed = { sources: raw.sources, lines: decodeMappings(raw.mappings) };
  }
  sourceMaps.set(file, parsed);
  return parsed;
}

/** Decodes the VLQ `mappings` of a source map (version 3). */
function decodeMappings(mappings) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = [];
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const character of segmentText) {
        const digit = alphabet.indexOf(character);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length >= 4) {
        source += values[1];
        originalLine += values[2];
        originalColumn += values[3];
        segments.push({ column, source, line: originalLine });
      }
    }
    lines.push(segments);
  }
  return lines;
}
