import { parseArgs } from 'node:util';
import { exitCodes, type CliIo, type ExitCode } from './cli-io';
import { UsageError, usageError } from './usage-error';
import { VERSION } from './version';

/** The help text; also printed after a usage error. */
export const usage = `synthkit ${VERSION}: generate, filter and ship synthetic training data

Usage:
  synthkit init [dir]                                      write a recipe folder that runs with --mock
  synthkit init plugin <task|filter|provider> <name> [dir] write a plugin package with its tests
  synthkit run <recipe> [--out DIR] [--model NS:ID | --mock] [--limit N] [--concurrency N] [--dry-run]
               [--resume | --overwrite] [--no-cache] [--max-cost USD] [--max-requests N]
  synthkit validate <recipe> [--mock]
  synthkit filter <data.jsonl> --filter NS:ITEM[?option=value&...]... [--field NAME] [--out FILE]
               [--rejects FILE] [--model [ROLE=]NS:ID]... [--mock] [--ids]
  synthkit stats <data.jsonl> [--field NAME] [--rejects FILE] [--json] [--out FILE] [--sample N]
               [--seed N]
  synthkit models check <recipe> [--model NS:ID] [--json]
  synthkit cache stats [--json]
  synthkit cache clear
  synthkit plugins list [--json]
  synthkit tasks list|show <namespace:task> [--json]
  synthkit filters list|show <namespace:filter> [--json]
  synthkit modifiers list|show <namespace:modifier> [--json]
  synthkit formatters list|show <namespace:formatter> [--json]

Options of run:
  --out DIR          output folder (default: out/<recipe file name>)
  --model NS:ID      use this model for every role of every stage, e.g. openai:gpt-4o-mini
  --mock             answer every call offline with the mock provider (plausible lists, YAML, JSON,
                     yes/no): a free end-to-end check of a recipe, no API key needed
  --limit N          stop after writing N records
  --concurrency N    most requests open at once per endpoint (over the recipe's endpoints settings)
  --dry-run          validate, render the first prompts of every stage, send nothing
  --resume           continue the run in the output folder after a crash or a stop: finished work is
                     kept, the rest is done again with answers replayed from the cache
  --overwrite        delete the files of a previous run in the output folder first
  --no-cache         send every request again instead of replaying cached answers
  --max-cost USD     stop cleanly once the run has cost this much (prices: the recipe's prices: block
                     over the built-in table); --resume with a higher limit continues
  --max-requests N   stop cleanly once the run has sent N requests

filter applies filters and modifiers (in the order given) to a dataset with no recipe: the kept
records go to --out (default: stdout), the dropped ones to --rejects (default: beside --out, as
<name>.rejects.jsonl) with the stage and the reason, a summary to stderr. --field is the field every
item reads (default: text). Option values are read as JSON when they are JSON:
  synthkit filter docs.jsonl --filter heuristic:word-count?min_words=50 --filter heuristic:urls --out kept.jsonl

stats measures the diversity of a dataset's text field (default: text): lengths, distinct-1..4,
self-BLEU and near duplicates on a seeded sample (--sample, default 200; --seed, default 0), the most
frequent bigrams and trigrams, and each stage's pass rate from the run's rejects.jsonl beside the data
(or --rejects). A table on stdout, or JSON with --json; --out also writes the JSON to a file:
  synthkit stats out/open-qa/data.jsonl --field revision --out stats.json

models check sends one tiny request to every model the recipe uses and reports whether it answered,
how fast, and what went wrong (a refused key, an unknown model, an unreachable endpoint).

Exit codes: 0 ok, 1 run failed (or a model did not answer), 2 bad input (recipe, arguments, plugin).
`;

/**
 * Runs one synthkit command and returns its exit code. The binary calls it with the process's
 * streams; tests call it in-process with their own. Each command's module (and so the runtime,
 * the response cache and the plugins) is imported only when that command runs: `--version` and
 * `--help` start in Node's own time.
 */
export async function main(argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> {
  try {
    const [command, ...rest] = argv;
    // `synthkit run --help` is help, not an unknown option (arguments after `--` are not options).
    const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (options.includes('--help') || options.includes('-h')) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(usage);
        return exitCodes.ok;
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return exitCodes.ok;
      case 'run': {
        const { values, positionals } = await parse(command, rest, {
          out: { type: 'string' },
          model: { type: 'string' },
          mock: { type: 'boolean' },
          limit: { type: 'string' },
          concurrency: { type: 'string' },
          'dry-run': { type: 'boolean' },
          overwrite: { type: 'boolean' },
          resume: { type: 'boolean' },
          'max-cost': { type: 'string' },
          'max-requests': { type: 'string' },
          'no-cache': { type: 'boolean' },
        });
        if (values.mock === true && values.model != null) {
          throw usageError(
            `--mock and --model cannot be used together: --mock answers every role with the offline mock provider, --model with ${values.model}. Pass one of them.`,
          );
        }
        const { runCommand } = await import('./commands/run-command');
        return await runCommand(
          {
            recipe: single(positionals, 'run', '<recipe>'),
            ...(values.out == null ? {} : { out: values.out }),
            ...(values.model == null ? {} : { model: values.model }),
            mock: values.mock ?? false,
            ...(values.limit == null ? {} : { limit: positiveInteger(values.limit, '--limit') }),
            ...(values.concurrency == null ? {} : { concurrency: positiveInteger(values.concurrency, '--concurrency', 100_000) }),
            dryRun: values['dry-run'] ?? false,
            overwrite: values.overwrite ?? false,
            resume: values.resume ?? false,
            ...(values['max-cost'] == null ? {} : { maxCost: positiveNumber(values['max-cost'], '--max-cost') }),
            ...(values['max-requests'] == null ? {} : { maxRequests: positiveInteger(values['max-requests'], '--max-requests') }),
            noCache: values['no-cache'] ?? false,
          },
          io,
        );
      }
      case 'init': {
        const { positionals } = await parse(command, rest, {});
        if (positionals[0] === 'plugin') {
          const [, kind, name, directory, ...extra] = positionals;
          if (kind == null || name == null || extra.length > 0) {
            throw usageError('"synthkit init plugin" takes a kind, a name and optionally a folder, e.g. "synthkit init plugin task my-task".');
          }
          const { initPluginCommand } = await import('./commands/init-plugin-command');
          return await initPluginCommand({ kind, name, ...(directory == null ? {} : { directory }) }, io);
        }
        if (positionals.length > 1) throw usageError(`"synthkit init" takes at most one folder, got ${positionals.length}: ${positionals.join(' ')}.`);
        const { initCommand } = await import('./commands/init-command');
        return await initCommand(positionals[0] == null ? {} : { directory: positionals[0] }, io);
      }
      case 'filter': {
        const { values, positionals } = await parse(command, rest, {
          filter: { type: 'string', multiple: true },
          field: { type: 'string' },
          out: { type: 'string' },
          rejects: { type: 'string' },
          model: { type: 'string', multiple: true },
          mock: { type: 'boolean' },
          ids: { type: 'boolean' },
        });
        const { filterCommand } = await import('./commands/filter-command');
        return await filterCommand(
          {
            input: single(positionals, 'filter', '<data.jsonl>'),
            filters: [values.filter ?? []].flat(),
            ...(values.field == null ? {} : { field: values.field }),
            ...(values.out == null ? {} : { out: values.out }),
            ...(values.rejects == null ? {} : { rejects: values.rejects }),
            ...(values.model == null ? {} : { models: [values.model].flat() }),
            ...(values.mock == null ? {} : { mock: values.mock }),
            ...(values.ids == null ? {} : { ids: values.ids }),
          },
          io,
        );
      }
      case 'stats': {
        const { values, positionals } = await parse(command, rest, {
          field: { type: 'string' },
          rejects: { type: 'string' },
          json: { type: 'boolean' },
          out: { type: 'string' },
          sample: { type: 'string' },
          seed: { type: 'string' },
        });
        const { statsCommand } = await import('./commands/stats-command');
        return await statsCommand(
          {
            input: single(positionals, 'stats', '<data.jsonl>'),
            ...(values.field == null ? {} : { field: values.field }),
            ...(values.rejects == null ? {} : { rejects: values.rejects }),
            json: values.json ?? false,
            ...(values.out == null ? {} : { out: values.out }),
            ...(values.sample == null ? {} : { sample: positiveInteger(values.sample, '--sample', 100_000) }),
            ...(values.seed == null ? {} : { seed: nonNegativeInteger(values.seed, '--seed') }),
          },
          io,
        );
      }
      case 'validate': {
        const { values, positionals } = await parse(command, rest, { mock: { type: 'boolean' } });
        const { validateCommand } = await import('./commands/validate-command');
        return await validateCommand({ recipe: single(positionals, 'validate', '<recipe>'), mock: values.mock ?? false }, io);
      }
      case 'models': {
        const { values, positionals } = await parse(command, rest, { model: { type: 'string' }, json: { type: 'boolean' } });
        if (positionals[0] !== 'check') {
          throw usageError('"synthkit models" takes one subcommand: check (e.g. "synthkit models check recipe.yaml").');
        }
        const { modelsCheckCommand } = await import('./commands/models-check-command');
        return await modelsCheckCommand(
          {
            recipe: single(positionals.slice(1), 'models check', '<recipe>'),
            ...(values.model == null ? {} : { model: values.model }),
            json: values.json ?? false,
          },
          io,
        );
      }
      case 'cache': {
        const { values, positionals } = await parse(command, rest, { json: { type: 'boolean' } });
        const action = positionals[0];
        if ((action !== 'stats' && action !== 'clear') || positionals.length > 1) {
          throw usageError('"synthkit cache" takes one subcommand: stats or clear (e.g. "synthkit cache stats").');
        }
        const { cacheCommand } = await import('./commands/cache-command');
        return await cacheCommand({ action, json: values.json ?? false }, io);
      }
      case 'plugins': {
        const { values, positionals } = await parse(command, rest, { json: { type: 'boolean' } });
        if (positionals[0] !== 'list' || positionals.length > 1) {
          throw usageError('"synthkit plugins" takes one subcommand: list (e.g. "synthkit plugins list --json").');
        }
        return await (await import('./commands/plugins-list-command')).pluginsListCommand({ json: values.json ?? false }, io);
      }
      case 'tasks':
      case 'filters':
      case 'modifiers':
      case 'formatters': {
        const { values, positionals } = await parse(command, rest, { json: { type: 'boolean' } });
        const json = values.json ?? false;
        const items = await import('./commands/items-list-command');
        if (positionals[0] === 'list' && positionals.length === 1) return await items.itemsListCommand({ collection: command, json }, io);
        if (positionals[0] === 'show') {
          return await items.itemShowCommand({ collection: command, reference: items.showReference(command, positionals.slice(1)), json }, io);
        }
        throw usageError(`"synthkit ${command}" takes a subcommand: list, or show <namespace:name> (e.g. "synthkit ${command} list --json").`);
      }
      default:
        throw usageError(`unknown command "${command}". Run "synthkit --help" for the list of commands.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n\n${usage}`);
      return exitCodes.badInput;
    }
    // Imported when needed: it loads @synthkit/core and the runtime's error classes.
    const { reportError } = await import('./report-error');
    return reportError(error, io);
  }
}

// --- Internal helpers ---

type OptionSpecification = Record<string, { type: 'string' | 'boolean' }>;

async function parse<Options extends OptionSpecification>(command: string, argv: ReadonlyArray<string>, options: Options) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(await describeParseError(error as Error & { code?: string }, command, argv, options));
  }
}

/** node:util's parseArgs errors in synthkit's words: which option, of which command, and the valid ones. */
async function describeParseError(error: Error & { code?: string }, command: string, argv: ReadonlyArray<string>, options: OptionSpecification): Promise<string> {
  const known = Object.keys(options).map((name) => `--${name}`);
  const valid = known.length === 0 ? `"synthkit ${command}" takes no options.` : `Its options are: ${known.join(', ')}.`;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const written = argv.find((argument) => argument.startsWith('-') && !known.includes(argument.split('=')[0]!))?.split('=')[0] ?? 'an option';
    // Imported only here: start-up stays quick for commands that parse.
    const { didYouMean } = await import('@synthkit/validation-messages');
    return `unknown option "${written}" for "synthkit ${command}".${didYouMean(written, known)} ${valid}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = known.find((name) => error.message.includes(`'${name}`)) ?? 'an option';
    return options[flag.slice(2)]?.type === 'string' ? `${flag} needs a value, e.g. "${flag} VALUE".` : `${flag} takes no value.`;
  }
  return error.message;
}

function single(positionals: string[], command: string, name: string): string {
  if (positionals.length !== 1) {
    throw usageError(
      positionals.length === 0
        ? `"synthkit ${command}" needs ${name}, e.g. "synthkit ${command} ${name === '<data.jsonl>' ? 'out/open-qa/data.jsonl' : 'examples/open-qa/recipe.yaml'}".`
        : `"synthkit ${command}" takes one ${name}, got ${positionals.length}: ${positionals.join(' ')}.`,
    );
  }
  return positionals[0]!;
}

function positiveInteger(value: string, flag: string, maximum = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > maximum) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from 1 to ${maximum}`;
    throw usageError(`${flag} must be ${range}, got "${value}".`);
  }
  return number;
}

function nonNegativeInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0 || value.trim() === '') throw usageError(`${flag} must be a whole number, 0 or more, got "${value}".`);
  return number;
}

function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || value.trim() === '') {
    throw usageError(`${flag} must be a positive number of US dollars, e.g. 2.50; got "${value}".`);
  }
  return number;
}
