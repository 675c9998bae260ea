// The example a guide builds, taken from the guide itself: every code block that names its file
// (a first line `// folder/file.ts` or `# folder/file.yaml`, or a path after the language, as in
// ```json folder/package.json) is written to that path in a folder outside the repository, and each
// package.json's dependencies are linked to this workspace's packages, as npm would install them.
// The guides' tests then build, test and run that folder, so the code a reader pastes is the code
// that is checked.
import { spawn } from 'node:child_process';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createTemporaryProject } from '@synthkit/testkit';
import ts from 'typescript';

/** Languages whose blocks are code a reader writes, so each must name its file. */
const codeLanguages = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);

/** A path as blocks name their file: a folder and a file with an extension, e.g. `my-recipes/recipe.yaml`. */
const filePath = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)+\.[A-Za-z0-9]+$/;

/**
 * The files a guide's code blocks name, in order: `{ path, content }`.
 *
 * @throws Error when two blocks name the same file, or a block names a path outside its folder.
 */
export function guideFiles(markdown) {
  const files = [];
  for (const block of codeBlocks(markdown)) {
    if (block.path == null) continue;
    if (block.path.split('/').includes('..')) throw new Error(`a guide's block names ${block.path}: paths must stay inside their folder.`);
    if (files.some((file) => file.path === block.path)) throw new Error(`two code blocks of the guide name ${block.path}; give each file one block.`);
    files.push({ path: block.path, content: block.content });
  }
  return files;
}

/** The TypeScript and JavaScript blocks of a guide that name no file (and so would go untested): their first lines. */
export function unnamedCodeBlocks(markdown) {
  return codeBlocks(markdown)
    .filter((block) => block.path == null && codeLanguages.has(block.language))
    .map((block) => block.content.split('\n')[0]);
}

/**
 * Writes a guide's files into a new folder under the operating system's temp folder and links
 * every dependency of each package.json among them: a `file:` dependency to the folder it names,
 * any other to this workspace's package of that name (which docs/package.json must list).
 *
 * @returns The folder (`directory`), the files written, and `remove()`.
 */
export async function writeGuideExample(markdown) {
  const files = guideFiles(markdown);
  const project = await createTemporaryProject();
  for (const file of files) await project.write(file.path, file.content);
  for (const file of files.filter((candidate) => candidate.path.endsWith('/package.json'))) {
    const folder = join(project.directory, dirname(file.path));
    const manifest = JSON.parse(file.content);
    for (const [name, specifier] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      const target = specifier.startsWith('file:') ? resolve(folder, specifier.slice('file:'.length)) : workspacePackage(name);
      await mkdir(dirname(join(folder, 'node_modules', name)), { recursive: true });
      await symlink(target, join(folder, 'node_modules', name), 'dir');
    }
  }
  return { directory: project.directory, files: files.map((file) => file.path), remove: () => project.remove() };
}

/**
 * Type-checks a TypeScript package with its own tsconfig.json, its tests included (which the
 * tsconfig may leave out of the build), and builds it as `tsc` would: the files the tsconfig
 * includes, written where it says. One compilation for both, so it costs one `tsc` run.
 *
 * @returns The problems found, formatted as `tsc` prints them; empty when there are none.
 */
export function typeCheckAndBuild(folder) {
  const configPath = join(folder, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error != null) return formatDiagnostics([error], folder);
  const built = ts.parseJsonConfigFileContent(config, ts.sys, folder, undefined, configPath);
  const everything = ts.parseJsonConfigFileContent({ ...config, exclude: [] }, ts.sys, folder, undefined, configPath);
  const program = ts.createProgram({ rootNames: everything.fileNames, options: built.options });
  const diagnostics = [...built.errors, ...ts.getPreEmitDiagnostics(program)];
  const buildFiles = new Set(built.fileNames.map((name) => resolve(name)));
  for (const file of program.getSourceFiles()) {
    if (buildFiles.has(resolve(file.fileName))) diagnostics.push(...program.emit(file).diagnostics);
  }
  return formatDiagnostics(diagnostics, folder);
}

/** The path of a package's bin script, as installed in `folder`'s node_modules (`synthkit` of `@synthkit/cli`). */
export async function installedBin(folder, packageName, binName) {
  const packageFolder = join(folder, 'node_modules', packageName);
  const { bin } = JSON.parse(await readFile(join(packageFolder, 'package.json'), 'utf8'));
  return join(packageFolder, typeof bin === 'string' ? bin : bin[binName]);
}

/**
 * Runs `node ...args` in `cwd` and collects its output. The environment is this process's without
 * any provider's key or base URL, plus `env`.
 *
 * @returns `{ code, stdout, stderr, output }`; `output` joins both streams, for failure messages.
 */
export function runNode(args, { cwd, env = {} }) {
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OPENAI|ANTHROPIC|ACME_CHAT)_/.test(name)),
  );
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...environment, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({ code, stdout, stderr, output: `$ node ${args.join(' ')}  (in ${cwd})\n${stdout}\n${stderr}` }),
    );
  });
}

/**
 * Runs vitest in a package's folder, as its `npm test` does, and reads its JSON report.
 *
 * @returns The report, with `passed` (the full titles of the tests that passed) and `failures`
 * (each failed test with its messages, or vitest's whole output when it reported none).
 */
export async function vitestReport(folder) {
  const result = await runNode([join(folder, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json'], { cwd: folder });
  const start = result.stdout.indexOf('{');
  if (start === -1) throw new Error(`vitest wrote no JSON report:\n${result.output}`);
  const report = JSON.parse(result.stdout.slice(start));
  const tests = report.testResults.flatMap((file) => file.assertionResults);
  const failed = tests.filter((test) => test.status === 'failed');
  return {
    ...report,
    passed: tests.filter((test) => test.status === 'passed').map((test) => test.fullName),
    failures: failed.length === 0 ? result.output : failed.map((test) => `${test.fullName}: ${test.failureMessages.join('\n')}`).join('\n\n'),
  };
}

/** The lines of a JSON Lines file, parsed. */
export async function readJsonLines(path) {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

// --- Internal helpers ---

const require = createRequire(import.meta.url);

/** The folder of a package this workspace has, as docs/package.json's dependencies link it. */
function workspacePackage(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch (error) {
    throw new Error(`a guide's package.json depends on ${name}, which docs/package.json does not list: add it to its devDependencies.`, {
      cause: error,
    });
  }
}

/** TypeScript's problems as `tsc` prints them, paths relative to the package's folder; empty for none. */
function formatDiagnostics(diagnostics, folder) {
  if (diagnostics.length === 0) return '';
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => folder, getNewLine: () => '\n' });
}

/** Fenced code blocks: language, the file they name (if any) and their text. */
function codeBlocks(markdown) {
  const blocks = [];
  for (const match of markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm)) {
    const [language = '', infoPath] = match[1].trim().split(/\s+/);
    const content = match[2];
    const comment = /^(?:\/\/|#)\s*(\S+)\s*$/.exec(content.split('\n')[0] ?? '')?.[1];
    const path = [infoPath, comment].find((candidate) => candidate != null && filePath.test(candidate));
    blocks.push({ language, path, content });
  }
  return blocks;
}
