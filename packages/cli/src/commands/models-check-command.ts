import { resolve } from 'node:path';
import { checkModels, prepareRecipe, type ModelCheck } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';

/** Arguments of {@link modelsCheckCommand}. */
export interface ModelsCheckCommandArguments {
  readonly recipe: string;
  /** Check this model instead of the recipe's (as `run --model` would use it). */
  readonly model?: string;
  readonly json: boolean;
}

/**
 * `synthkit models check <recipe>`: one tiny request to every model the recipe uses, at once; prints
 * for each whether it answered and how fast, or what went wrong (a refused key, an unknown model, an
 * unreachable endpoint). Exit 0 when every model answered, 1 otherwise, 2 for a bad recipe.
 */
export async function modelsCheckCommand(commandArguments: ModelsCheckCommandArguments, io: CliIo): Promise<ExitCode> {
  const { plan } = await prepareRecipe(resolve(io.cwd, commandArguments.recipe), {
    overrides: commandArguments.model == null ? {} : { model: commandArguments.model },
  });
  const checks = await checkModels(plan, io.signal == null ? {} : { signal: io.signal });
  const failed = checks.filter((check) => check.status !== 'ok').length;
  if (commandArguments.json) {
    io.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
  } else if (checks.length === 0) {
    io.stdout.write(`${commandArguments.recipe} uses no model.\n`);
  } else {
    io.stdout.write(formatChecks(checks));
    io.stdout.write(
      failed === 0
        ? `\nEvery model answered (${checks.length}).\n`
        : `\n${failed} of ${checks.length} model${checks.length === 1 ? '' : 's'} did not answer: fix them before running.\n`,
    );
  }
  return failed === 0 ? exitCodes.ok : exitCodes.runFailed;
}

// --- Internal helpers ---

const statusLabels: Record<ModelCheck['status'], string> = {
  ok: 'ok',
  'auth-refused': 'key refused',
  'not-found': 'not found',
  unreachable: 'unreachable',
  error: 'error',
};

function formatChecks(checks: ReadonlyArray<ModelCheck>): string {
  const rows = checks.map((check) => [
    check.reference,
    statusLabels[check.status],
    `${check.latencyMs} ms`,
    check.endpoint ?? '',
    check.usedBy.join(', '),
  ]);
  const header = ['model', 'status', 'latency', 'endpoint', 'used by'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `${cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`;
  let text = line(header);
  for (const [index, row] of rows.entries()) {
    text += line(row);
    const check = checks[index]!;
    if (check.message != null) text += `  ${check.status === 'ok' ? 'note' : 'why'}: ${check.message}\n`;
    if (check.status === 'ok' && check.servedModel != null && !check.reference.endsWith(`:${check.servedModel}`)) {
      text += `  note: answered by ${check.servedModel}\n`;
    }
  }
  return text;
}
