import { basename, relative, resolve } from 'node:path';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { writeNewFiles } from '../write-new-files';

/** The plugins the starter recipe uses: they go into the new folder's package.json. */
const starterPlugins = ['@synthkit/tasks-nemotron', '@synthkit/filters-heuristic', '@synthkit/provider-openai'];

/**
 * `synthkit init [dir]`: writes a recipe folder that runs at once with `--mock`: a package.json
 * depending on the CLI and the plugins its recipe uses (found by the registry as dependencies, so
 * the recipe lists none), a starter recipe, a README saying how to run it, and a .gitignore.
 * Refuses a folder that already holds one of these files, rather than overwrite it.
 */
export async function initCommand({ directory = '.' }: { directory?: string }, io: CliIo): Promise<ExitCode> {
  const target = resolve(io.cwd, directory);
  const name = packageName(basename(target));
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name,
        private: true,
        type: 'module',
        scripts: {
          validate: 'synthkit validate recipe.yaml',
          mock: 'synthkit run recipe.yaml --mock --out out/mock --overwrite',
          start: 'synthkit run recipe.yaml --out out/run --resume',
        },
        dependencies: Object.fromEntries(['@synthkit/cli', ...starterPlugins].map((dependency) => [dependency, 'latest'])),
      },
      null,
      2,
    )}\n`,
    'recipe.yaml': starterRecipe,
    'README.md': starterReadme(name),
    '.gitignore': 'node_modules/\nout/\n',
  };
  await writeNewFiles(target, files, '"synthkit init" writes a new recipe folder. Give it an empty or new folder, e.g. "synthkit init my-recipes".');
  const shown = relative(io.cwd, target) || '.';
  io.stdout.write(
    `Wrote a recipe folder in ${shown}: package.json, recipe.yaml, README.md, .gitignore.\n\nNext:\n` +
      `${shown === '.' ? '' : `  cd ${shown}\n`}  npm install\n  npx synthkit run recipe.yaml --mock --out out/mock   # offline, free: every call answered by the mock\n` +
      '  OPENAI_API_KEY=sk-... npx synthkit run recipe.yaml --out out/run\n',
  );
  return exitCodes.ok;
}

// --- Internal helpers ---

/** A valid npm package name from a folder name: lower case, dashes for anything else. */
function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name === '' ? 'synthkit-recipes' : name;
}

const starterRecipe = `# A starter recipe: broad topics -> subtopics -> questions about each, then a length filter.
# Check it offline (no key, nothing sent):  npx synthkit run recipe.yaml --mock --out out/mock
# Run it for real:                          OPENAI_API_KEY=sk-... npx synthkit run recipe.yaml
# What each task reads, writes and takes: npx synthkit tasks list; the recipe format: docs/recipes.md of synthkit.
name: questions
seed: 1

models:
  default: openai:gpt-4o-mini        # any provider:model; OPENAI_BASE_URL points it at another server

params:
  default: { temperature: 0.7, max_tokens: 1024 }

endpoints:
  default: { concurrency: 8 }         # requests open at once

stages:
  - task: nemotron:macro-topics
    options: { n_macro_topics: 3 }

  - task: nemotron:subtopics
    options: { n_subtopics: 2 }

  - task: nemotron:open-qa-questions
    options: { n_openlines: 2 }

  - filter: heuristic:word-count
    field: openline
    options: { min_words: 5, max_words: 200 }
`;

function starterReadme(name: string): string {
  return `# ${name}

Synthetic data recipes, run with synthkit (\`@synthkit/cli\`).

\`\`\`sh
npm install
npm run mock        # the recipe, answered offline by the mock provider: free, no key
npm run validate    # every problem of the recipe, before any request
OPENAI_API_KEY=sk-... npm start   # the real run; --resume continues it after a stop
\`\`\`

\`recipe.yaml\` is the pipeline; its output goes to \`out/\` (\`data.jsonl\`, \`rejects.jsonl\`, \`run.json\`).
The plugins it uses are the dependencies in \`package.json\`; add one with \`npm install <plugin>\`, and
see what it offers with \`npx synthkit tasks list\` and \`npx synthkit tasks show <namespace:task>\`.
`;
}
