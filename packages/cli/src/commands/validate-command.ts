import { resolve } from 'node:path';
import { prepareRecipe } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { mockModelReference, mockOverrides } from '../mock-overrides';
import { writeMissingCredentials } from '../write-missing-credentials';

/**
 * `synthkit validate`: loads the recipe and its plugins and checks everything a run would check
 * before its first request. Exit 0 when valid; exit 2 listing every problem with its path. With
 * `mock`, every role uses the offline mock provider, as `synthkit run --mock` would: the recipe's own
 * providers are not created, so no API key is needed.
 */
export async function validateCommand({ recipe, mock = false }: { recipe: string; mock?: boolean }, io: CliIo): Promise<ExitCode> {
  // Validating sends nothing, so it needs no API key: a missing one is a note, not a problem.
  const { plan } = await prepareRecipe(resolve(io.cwd, recipe), mockOverrides(mock, { credentials: 'deferred' }));
  const summary = plan.stages.map((stage) => `  ${stage.name} (${stage.kind === 'source' ? 'source' : stage.reference})`);
  const models = mock
    ? ` (with --mock: every role uses ${mockModelReference})`
    : plan.automaticModel == null
      ? ''
      : ` (roles with no model use ${plan.automaticModel.reference}: ${plan.automaticModel.reason})`;
  io.stdout.write(`${recipe} is valid${models}: ${plan.stages.length} stages\n${summary.join('\n')}\n`);
  writeMissingCredentials(plan, io);
  return exitCodes.ok;
}
