import { basename, extname, join, relative, resolve } from 'node:path';
import {
  defaultCacheDirectory,
  dryRunRecipe,
  openResponseCache,
  prepareRecipe,
  runRecipe,
  type DryRunStage,
  type ModelGateway,
} from '@synthkit/runtime';
import { RunStatistics } from '@synthkit/runtime/internal';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { startProgressDisplay, startStatusLines } from '../progress-display';

/** Arguments of `synthkit run`. */
export interface RunCommandArguments {
  readonly recipe: string;
  /** Output folder. Default `out/<recipe file name without extension>` under the working directory. */
  readonly out?: string;
  readonly model?: string;
  readonly limit?: number;
  /** The request window of every endpoint. */
  readonly concurrency?: number;
  readonly dryRun: boolean;
  /** Replace the files of a previous run in the output folder. */
  readonly overwrite?: boolean;
  /** Continue the run in the output folder from its checkpoint. */
  readonly resume?: boolean;
  /** Send every request again instead of replaying cached answers (answers are still stored). */
  readonly noCache?: boolean;
}

/**
 * `synthkit run`: validates the recipe (exit 2 before any request when it is invalid), then runs it
 * with a live progress view on a terminal, or with `--dry-run` prints the prompts it would send.
 */
export async function runCommand(commandArguments: RunCommandArguments, io: CliIo): Promise<ExitCode> {
  const recipePath = resolve(io.cwd, commandArguments.recipe);
  const { plan } = await prepareRecipe(recipePath, {
    overrides: {
      ...(commandArguments.model == null ? {} : { model: commandArguments.model }),
      ...(commandArguments.concurrency == null ? {} : { concurrency: commandArguments.concurrency }),
    },
  });
  if (commandArguments.dryRun) {
    io.stdout.write(formatDryRun(await dryRunRecipe(plan)));
    return exitCodes.ok;
  }

  const out = resolve(io.cwd, commandArguments.out ?? join('out', basename(recipePath, extname(recipePath))));
  // Opened before "Running" is printed: loading the store is part of starting, not of running.
  const cache = await openResponseCache(io.cacheDirectory ?? defaultCacheDirectory());
  const statistics = new RunStatistics();
  let gateway: ModelGateway | undefined;
  const endpoints = () => gateway?.status() ?? [];
  const progress = io.stderr.isTTY ? startProgressDisplay(statistics, io.stderr, endpoints) : undefined;
  const statusLines = io.stderr.isTTY ? undefined : startStatusLines(statistics, io.stderr, endpoints, io.statusIntervalMs ?? 30_000);
  const log = (line: string) => (progress == null ? io.stderr.write(`${line}\n`) : progress.log(line));
  const warned = new Set<string>();
  log(`Running ${plan.name} (${plan.stages.length} stages) into ${displayPath(io.cwd, out)}`);
  io.signal?.addEventListener('abort', () => log('Stopping: cancelling the requests in flight and keeping what was produced (Ctrl-C again quits at once)...'), {
    once: true,
  });
  let report;
  try {
    report = await runRecipe({
      plan,
      out,
      statistics,
      cache,
      readCache: !(commandArguments.noCache ?? false),
      overwrite: commandArguments.overwrite ?? false,
      resume: commandArguments.resume ?? false,
      onGateway: (created) => {
        gateway = created;
      },
      ...(commandArguments.limit == null ? {} : { limit: commandArguments.limit }),
      ...(io.signal == null ? {} : { signal: io.signal }),
      onWarning: ({ model, message }) => {
        const key = `${model}: ${message}`;
        if (warned.has(key)) return;
        warned.add(key);
        log(`warning: ${key}`);
      },
    });
  } finally {
    progress?.stop();
    statusLines?.stop();
    await cache.close();
  }

  const failed = report.stages.reduce((sum, stage) => sum + stage.failed, 0);
  const lines = [
    `${report.status === 'completed' ? 'Done' : report.status === 'cancelled' ? 'Cancelled' : 'Failed'}: ` +
      `${report.output.records} records in ${displayPath(io.cwd, join(out, report.output.data))}` +
      `, ${report.output.rejected} in ${report.output.rejects}` +
      (failed > 0 ? ` (${failed} failed)` : '') +
      `; ${report.requests.total} requests` +
      (report.requests.retries > 0 || report.requests.cacheHits > 0
        ? ` (${report.requests.retries} retries, ${report.requests.cacheHits} answers from the cache)`
        : '') +
      `, ${report.tokens.input} input / ${report.tokens.output} output tokens, ${report.wallTimeSeconds}s.`,
  ];
  if (report.error != null) lines.push(`error: ${report.error}`);
  if (failed > 0) lines.push(`See the "failed" entries in ${displayPath(io.cwd, join(out, report.output.rejects))} for the reasons.`);
  io.stderr.write(`${lines.join('\n')}\n`);
  return report.status === 'completed' ? exitCodes.ok : exitCodes.runFailed;
}

/** Formats a dry run for the terminal: each stage, its sample input and every prompt it would send. */
export function formatDryRun(stages: ReadonlyArray<DryRunStage>): string {
  const parts: string[] = ['Dry run: nothing was sent.\n'];
  stages.forEach((stage, index) => {
    parts.push(`\n## stages[${index}] ${stage.name} (${stage.kind} ${stage.reference})\n`);
    if (stage.input != null && Object.keys(stage.input).length > 0) parts.push(`input: ${JSON.stringify(stage.input)}\n`);
    for (const prompt of stage.prompts) {
      parts.push(`\n--- ${prompt.role} → ${prompt.model}\n`);
      for (const message of prompt.messages) parts.push(`[${message.role}]\n${message.content}\n`);
    }
  });
  return parts.join('');
}

// --- Internal helpers ---

function displayPath(cwd: string, path: string): string {
  const relativePath = relative(cwd, path);
  return relativePath.startsWith('..') ? path : relativePath;
}
