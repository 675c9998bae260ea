import type { RecipePlan } from '@synthkit/runtime';
import type { CliIo } from './cli-io';

/**
 * After `validate` or a dry run, which need no API key: says on stderr which credentials a run of
 * the recipe would need and this machine lacks, each with what to set. Writes nothing when none lack.
 */
export function writeMissingCredentials(plan: RecipePlan, io: CliIo): void {
  const missing = plan.missingCredentials ?? [];
  if (missing.length === 0) return;
  const lines = missing.map((issue) => `  - ${issue.path}: ${issue.message}`);
  io.stderr.write(`note: a run needs credentials this environment lacks (${missing.length}):\n${lines.join('\n')}\n`);
}
