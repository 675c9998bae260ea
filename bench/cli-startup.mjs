// How long the synthkit CLI takes to start: the wall time of whole processes, as a user waits for
// them, from spawn to exit. Each command runs `--repetitions` times, interleaved with the others so
// that load changes hit all of them alike; a bare `node -e ""` gives Node's own start-up, the floor
// no CLI can go below. Reported: median and 90th percentile (ms) and the ratio of each median to
// Node's. The environment has no API key, and the recipe is the open-QA example, which `validate`
// checks without one.
//
//   node bench/cli-startup.mjs [--repetitions 15]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { numberArgument } from './shared/command-line.mjs';
import { fixed, markdownTable, ratio } from './shared/markdown-table.mjs';
import { startRunInfo } from './shared/run-info.mjs';

const repetitions = numberArgument('--repetitions', 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = 'packages/cli/dist/bin.js';
const recipe = 'examples/open-qa/recipe.yaml';
const header = startRunInfo('cli-startup');

/** The commands measured, each as `node <args>` run from the repository root. */
const commands = [
  { name: 'node -e "" (Node alone)', args: ['-e', ''] },
  { name: 'synthkit --version', args: [cli, '--version'] },
  { name: 'synthkit tasks list', args: [cli, 'tasks', 'list'] },
  { name: `synthkit validate ${recipe}`, args: [cli, 'validate', recipe] },
  { name: `synthkit run ${recipe} --mock --dry-run`, args: [cli, 'run', recipe, '--mock', '--dry-run'] },
];

const environment = { ...process.env };
for (const variable of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL']) delete environment[variable];

const timings = commands.map(() => []);
// One run of each first, not timed: the file system cache is warm for every command alike.
for (const command of commands) run(command);
for (let round = 0; round < repetitions; round++) {
  for (const [index, command] of commands.entries()) timings[index].push(run(command));
}

const nodeMedian = percentile(timings[0], 0.5);
console.log(`# CLI start-up\n\n${header(`${repetitions} runs of each command, interleaved`)}\n`);
console.log(
  markdownTable(
    ['command', 'median (ms)', 'p90 (ms)', 'median / Node alone'],
    commands.map((command, index) => [
      `\`${command.name}\``,
      fixed(percentile(timings[index], 0.5)),
      fixed(percentile(timings[index], 0.9)),
      ratio(percentile(timings[index], 0.5) / nodeMedian),
    ]),
  ),
);

/** Runs one command to its end; returns its wall time in ms. Fails loudly if it fails. */
function run(command) {
  const startedAt = performance.now();
  const result = spawnSync(process.execPath, command.args, { cwd: root, env: environment, encoding: 'utf8' });
  const elapsed = performance.now() - startedAt;
  if (result.status !== 0) throw new Error(`${command.name} exited with ${result.status}: ${result.stderr}`);
  return elapsed;
}

function percentile(values, fraction) {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
