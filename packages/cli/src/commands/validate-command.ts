import { resolve } from 'node:path';
import { prepareRecipe } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';

/**
 * `synthkit validate`: loads the recipe and its plugins and checks everything a run would check
 * before its first request. Exit 0 when valid; exit 2 listing every problem with its path.
 */
export async function validateCommand({ recipe }: { recipe: string }, io: CliIo): Promise<ExitCode> {
  const { plan } = await prepareRecipe(resolve(io.cwd, recipe));
  const summary = plan.stages.map((stage) => `  ${stage.name} (${stage.kind === 'source' ? 'source' : stage.reference})`);
  io.stdout.write(`${recipe} is valid: ${plan.stages.length} stages\n${summary.join('\n')}\n`);
  return exitCodes.ok;
}
