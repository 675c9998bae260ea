// Packs every published synthkit package of this checkout into one folder, so a project outside
// the repository can install them before they are on npm:
//
//   pnpm build && node scripts/pack-local.mjs ~/synthkit-packages
//   cd ~/my-recipes && npm install ~/synthkit-packages/*.tgz
//
// `pnpm pack` writes each package.json as npm will see it (workspace:^ ranges become versions), and
// npm installs the tarballs given together as the versions the others ask for.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const destination = resolve(process.argv[2] ?? 'synthkit-packages');
mkdirSync(destination, { recursive: true });
execFileSync('pnpm', ['-r', '--filter', './packages/*', '--filter', './plugins/*', 'exec', 'pnpm', 'pack', '--pack-destination', destination], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const tarballs = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
/** What `synthkit init`'s recipe needs: the CLI, its plugins, and the packages they depend on. */
const starter = ['core', 'validation-messages', 'runtime', 'cli', 'stats', 'provider-utils', 'provider-mock', 'provider-openai', 'tasks-nemotron', 'text-processing', 'filters-heuristic'];
process.stdout.write(
  `Packed ${tarballs.length} packages into ${destination}:\n${tarballs.map((name) => `  ${name}`).join('\n')}\n\n` +
    'Install the ones a project uses in one command, with the @synthkit packages they depend on, so they\n' +
    `find each other; for the recipe of "synthkit init":\n  npm install ${starter.map((name) => `${destination}/synthkit-${name}-*.tgz`).join(' ')}\n`,
);
