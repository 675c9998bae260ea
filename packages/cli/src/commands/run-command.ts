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
import { PriceTable } from '@synthkit/runtime';
import { runCost, RunStatistics } from '@synthkit/runtime/internal';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { mockModelReference, mockOverrides } from '../mock-overrides';
import { startProgressDisplay, startStatusLines } from '../progress-display';
import { writeMissingCredentials } from '../write-missing-credentials';

/** Arguments of `synthkit run`. */
export interface RunCommandArguments {
  readonly recipe: string;
  /** Output folder. Default `out/<recipe file name without extension>` under the working directory. */
  readonly out?: string;
  readonly model?: string;
  /**
   * Answer every call of every role with the offline mock provider (`mock:offline`): no API key, no
   * request leaves the machine. Cannot be combined with `model`.
   */
  readonly mock?: boolean;
  readonly limit?: number;
  /** The request window of every endpoint. */
  readonly concurrency?: number;
  readonly dryRun: boolean;
  /** Replace the files of a previous run in the output folder. */
  readonly overwrite?: boolean;
  /** Continue the run in the output folder from its checkpoint. */
  readonly resume?: boolean;
  /** Stop once the run has cost this many US dollars. */
  readonly maxCost?: number;
  /** Stop once the run has sent this many requests. */
  readonly maxRequests?: number;
  /** Send every request again instead of replaying cached answers (answers are still stored). */
  readonly noCache?: boolean;
}

/**
 * `synthkit run`: validates the recipe (exit 2 before any request when it is invalid), then runs it
 * with a live progress view on a terminal, or with `--dry-run` prints the prompts it would send.
 */
export async function runCommand(commandArguments: RunCommandArguments, io: CliIo): Promise<ExitCode> {
  const recipePath = resolve(io.cwd, commandArguments.recipe);
  const mock = commandArguments.mock ?? false;
  const { plan } = await prepareRecipe(
    recipePath,
    mockOverrides(mock, {
      overrides: {
        ...(commandArguments.model == null ? {} : { model: commandArguments.model }),
        ...(commandArguments.concurrency == null ? {} : { concurrency: commandArguments.concurrency }),
      },
      // A dry run sends nothing, so it needs no API key.
      credentials: commandArguments.dryRun ? 'deferred' : 'required',
    }),
  );
  if (commandArguments.dryRun) {
    io.stdout.write(formatDryRun(await dryRunRecipe(plan)));
    writeMissingCredentials(plan, io);
    return exitCodes.ok;
  }

  const out = resolve(io.cwd, commandArguments.out ?? join('out', basename(recipePath, extname(recipePath))));
  // Opened before "Running" is printed: loading the store is part of starting, not of running.
  const cache = await openResponseCache(io.cacheDirectory ?? defaultCacheDirectory());
  const statistics = new RunStatistics();
  let gateway: ModelGateway | undefined;
  const endpoints = () => gateway?.status() ?? [];
  const prices = PriceTable.forRecipe(plan.document);
  const sources = { endpoints, cost: () => runCost(statistics, prices) };
  const progress = io.stderr.isTTY ? startProgressDisplay(statistics, io.stderr, sources) : undefined;
  const statusLines = io.stderr.isTTY ? undefined : startStatusLines(statistics, io.stderr, sources, io.statusIntervalMs ?? 30_000);
  const log = (line: string) => (progress == null ? io.stderr.write(`${line}\n`) : progress.log(line));
  const warned = new Set<string>();
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
      ...(commandArguments.maxCost == null ? {} : { maxCostUsd: commandArguments.maxCost }),
      ...(commandArguments.maxRequests == null ? {} : { maxRequests: commandArguments.maxRequests }),
      // Called once the output folder is checked and open: only then is the run really starting.
      onGateway: (created) => {
        gateway = created;
        log(
          `Running ${plan.name} (${plan.stages.length} stages) into ${displayPath(io.cwd, out)}` +
            (mock ? ` with the mock provider (${mockModelReference} for every role): answers are written offline, nothing is sent` : '') +
            (plan.automaticModel == null
              ? ''
              : `; roles with no model use ${plan.automaticModel.reference} (${plan.automaticModel.reason})`),
        );
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
    `${statusWord[report.status]}: ` +
      `${report.output.records} records in ${displayPath(io.cwd, join(out, report.output.data))}` +
      `, ${report.output.rejected} in ${report.output.rejects}` +
      (failed > 0 ? ` (${failed} failed)` : '') +
      `; ${report.requests.total} requests` +
      (report.requests.retries > 0 || report.requests.cacheHits > 0
        ? ` (${report.requests.retries} retries, ${report.requests.cacheHits} answers from the cache)`
        : '') +
      `, ${report.tokens.input} input / ${report.tokens.output} output tokens` +
      `, ${formatCost(report.cost.totalUsd, report.cost.unpriced)}, ${report.wallTimeSeconds}s.`,
  ];
  // What aggregate filters (dedup, statistics) found.
  for (const stage of report.stages) if (stage.summary != null) lines.push(`${stage.name}: ${stage.summary.replace(/\n/g, '\n  ')}`);
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

const statusWord = { completed: 'Done', cancelled: 'Cancelled', failed: 'Failed', 'budget-exhausted': 'Stopped at the budget' } as const;

/** `$0.0123`, with what it leaves out when some models have no price. */
export function formatCost(totalUsd: number, unpriced: ReadonlyArray<string>): string {
  const amount = `$${totalUsd < 1 ? totalUsd.toFixed(4) : totalUsd.toFixed(2)}`;
  return unpriced.length === 0 ? amount : `${amount} (no price for ${unpriced.join(', ')}: add it under prices: in the recipe)`;
}

function displayPath(cwd: string, path: string): string {
  const relativePath = relative(cwd, path);
  return relativePath.startsWith('..') ? path : relativePath;
}
