import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InvalidArgumentError, type JsonRecord } from '@synthkit/core';
import { JsonlParseError, readJsonl } from '@synthkit/runtime';
import { createDiversityAnalyzer, createPassRateCounter, formatDiversityMetrics, type DiversityMetrics, type RunReportStages } from '@synthkit/stats';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';

/** What `synthkit stats` was asked to do. */
export interface StatsCommandOptions {
  /** The JSONL dataset (gzip too), relative to the working directory. */
  readonly input: string;
  /** The text field measured. Default: `text`. */
  readonly field?: string;
  /**
   * The run's rejects, for per-stage pass rates. Default: `rejects.jsonl` beside the dataset, else
   * `<name>.rejects.jsonl` (as `synthkit filter --out <name>.jsonl` writes it), when there is one.
   */
  readonly rejects?: string;
  /** Print the metrics as JSON instead of the table. */
  readonly json: boolean;
  /** Also write the metrics JSON to this file. */
  readonly out?: string;
  /** Records in the seeded sample. Default 200. */
  readonly sample?: number;
  /** Seed of the sample. Default 0. */
  readonly seed?: number;
}

/**
 * `synthkit stats`: the diversity and length statistics of a JSONL dataset (see `@synthkit/stats`),
 * read line by line in bounded memory. The table goes to stdout, or the JSON with `--json`; `--out`
 * writes the JSON to a file too. With the run's `rejects.jsonl` (and its `run.json`) it adds each
 * stage's pass rate.
 */
export async function statsCommand(options: StatsCommandOptions, io: CliIo): Promise<ExitCode> {
  const field = options.field ?? 'text';
  const input = resolve(io.cwd, options.input);
  const rejects = await findRejects(options, input, io.cwd);
  const analyzer = createDiversityAnalyzer({
    field,
    ...(options.sample == null ? {} : { sample: options.sample }),
    ...(options.seed == null ? {} : { seed: options.seed }),
  });
  const progress = progressLine(io);
  let position = 0;
  await readRecords(input, options.input, io, (record) => {
    position++;
    analyzer.add(readField(record, field, position, options.input), typeof record['_id'] === 'string' ? record['_id'] : `#${position}`);
    progress(position);
  });
  progress(position, true);
  if (position === 0) {
    throw new InvalidArgumentError({ argument: '<data.jsonl>', message: `${options.input} has no records: nothing to measure. Give a JSONL file with one JSON object per line.` });
  }

  const metrics: DiversityMetrics = analyzer.result();
  if (rejects != null) {
    const counter = createPassRateCounter();
    let entry = 0;
    await readRecords(rejects.path, rejects.shown, io, (line) => {
      entry++;
      if (typeof line['stage'] !== 'string') {
        throw new InvalidArgumentError({
          argument: '--rejects',
          message: `${rejects.shown}: entry ${entry} has no "stage": expected the rejects of a run ({ stage, kind, reason, record } per line, as synthkit run and synthkit filter write them).`,
        });
      }
      counter.add({ stage: line['stage'], ...(typeof line['kind'] === 'string' ? { kind: line['kind'] } : {}), record: line['record'] });
    });
    metrics.passRates = counter.result(position, await readRunReport(join(dirname(rejects.path), 'run.json'), io.cwd));
  }

  const json = `${JSON.stringify(metrics, null, 2)}\n`;
  if (options.out != null) {
    const out = resolve(io.cwd, options.out);
    // Written under a temporary name and renamed: an interrupted write leaves no half file.
    await writeFile(`${out}.partial`, json);
    await rename(`${out}.partial`, out).catch(async (error: unknown) => {
      await rm(`${out}.partial`, { force: true });
      throw error;
    });
  }
  io.stdout.write(options.json ? json : formatDiversityMetrics(metrics));
  if (options.out != null) io.stderr.write(`Metrics written to ${options.out}.\n`);
  return exitCodes.ok;
}

// --- Internal helpers ---

/** The rejects file to read, and how to name it in messages; undefined when there is none. */
async function findRejects(options: StatsCommandOptions, input: string, cwd: string): Promise<{ path: string; shown: string } | undefined> {
  if (options.rejects != null) {
    const path = resolve(cwd, options.rejects);
    if (!(await exists(path))) {
      throw new InvalidArgumentError({ argument: '--rejects', message: `--rejects ${options.rejects}: no file at ${path}. Give the rejects.jsonl of the run that wrote ${options.input}, or leave --rejects out.` });
    }
    return { path, shown: options.rejects };
  }
  const name = basename(input).replace(/\.jsonl(\.gz)?$/, '');
  for (const candidate of [join(dirname(input), 'rejects.jsonl'), join(dirname(input), `${name}.rejects.jsonl`)]) {
    if (candidate !== input && (await exists(candidate))) return { path: candidate, shown: relative(cwd, candidate) };
  }
  return undefined;
}

/** Streams a JSONL file's records to `onRecord`; a malformed line is reported as the user wrote the path. */
async function readRecords(path: string, shown: string, io: CliIo, onRecord: (record: JsonRecord) => void): Promise<void> {
  try {
    for await (const record of readJsonl(path, io.signal == null ? {} : { signal: io.signal })) onRecord(record);
  } catch (error) {
    if (JsonlParseError.isInstance(error) && error.message.startsWith(path)) {
      throw new InvalidArgumentError({ argument: shown, message: `${shown}${error.message.slice(path.length)}`, cause: error });
    }
    if (InvalidArgumentError.isInstance(error) && error.argument === 'path') {
      throw new InvalidArgumentError({ argument: shown, message: error.message.replace(`"${path}"`, `"${shown}"`), cause: error });
    }
    throw error;
  }
}

/** The field's text, or an error naming the record and the fields it does have. */
function readField(record: JsonRecord, field: string, position: number, shown: string): string {
  const value = record[field];
  if (typeof value === 'string') return value;
  const fields = Object.keys(record).filter((name) => name !== '_id' && name !== '_meta');
  const where = `${shown}: record ${position} (counting non-blank lines)`;
  throw new InvalidArgumentError({
    argument: '--field',
    message:
      value === undefined
        ? `${where} has no field "${field}"; its fields: ${fields.length === 0 ? 'none' : fields.join(', ')}. Name the text field to measure with --field, e.g. --field ${fields[0] ?? 'text'}.`
        : `${where}: the field "${field}" is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not text. Name a text field with --field.`,
  });
}

/** The stage counts of a run.json, or undefined when there is none; an unreadable one is an error. */
async function readRunReport(path: string, cwd: string): Promise<RunReportStages | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const report = JSON.parse(text) as RunReportStages;
    return Array.isArray(report.stages) ? report : undefined;
  } catch (error) {
    throw new InvalidArgumentError({
      argument: '--rejects',
      message: `${relative(cwd, path)} is not valid JSON (${(error as Error).message}); the pass rates read each stage's count from it. Fix or remove it.`,
      cause: error,
    });
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** On a terminal, a line on stderr counting the records read, every 100,000; cleared at the end. */
function progressLine(io: CliIo): (records: number, done?: boolean) => void {
  if (io.stderr.isTTY !== true) return () => undefined;
  let shown = false;
  return (records, done = false) => {
    if (done) {
      if (shown) io.stderr.write('\r\u001b[K');
    } else if (records % 100_000 === 0) {
      io.stderr.write(`\rRead ${records.toLocaleString('en-US')} records…`);
      shown = true;
    }
  };
}
