import { relative, resolve } from 'node:path';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';
import { usageError } from '../usage-error';
import { writeNewFiles } from '../write-new-files';

/** The kinds of plugin `synthkit init plugin` writes. */
export const pluginKinds = ['task', 'filter', 'provider'] as const;
export type PluginKind = (typeof pluginKinds)[number];

/**
 * `synthkit init plugin <task|filter|provider> <name> [dir]`: writes a plugin package (plain ESM
 * JavaScript, no build step) with one item of that kind made with the define helpers, its tests on
 * the testkit's conformance kit of that kind, and a README. Default folder: `synthkit-plugin-<name>`.
 *
 * @throws UsageError for an unknown kind, a name that is not lower-case letters, digits and dashes,
 * or a folder that already holds one of the files it writes.
 */
export async function initPluginCommand({ kind, name, directory }: { kind: string; name: string; directory?: string }, io: CliIo): Promise<ExitCode> {
  if (!(pluginKinds as ReadonlyArray<string>).includes(kind)) {
    throw usageError(`"synthkit init plugin" makes a ${pluginKinds.join(', ')} plugin; got "${kind}". E.g. "synthkit init plugin task my-task".`);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw usageError(`a plugin name is lower-case letters, digits and dashes, starting with a letter (it is the namespace, as in "${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'my-plugin'}:..."); got "${name}".`);
  }
  const target = resolve(io.cwd, directory ?? `synthkit-plugin-${name}`);
  const files = pluginFiles(kind as PluginKind, name);
  await writeNewFiles(target, files, '"synthkit init plugin" writes a new package. Give it an empty or new folder.');
  const shown = relative(io.cwd, target) || '.';
  io.stdout.write(
    `Wrote a ${kind} plugin in ${shown}: ${Object.keys(files).join(', ')}.\n\nNext:\n` +
      `${shown === '.' ? '' : `  cd ${shown}\n`}  npm install\n  npm test        # its tests, on the @synthkit/testkit conformance kit\n`,
  );
  return exitCodes.ok;
}

// --- Internal helpers ---

function pluginFiles(kind: PluginKind, name: string): Record<string, string> {
  const packageName = `synthkit-plugin-${name}`;
  const packageJson = {
    name: packageName,
    version: '0.1.0',
    description: `A synthkit ${kind} plugin.`,
    type: 'module',
    keywords: ['synthkit', 'synthkit-plugin'],
    synthkit: { plugin: true },
    exports: { '.': './index.js', './package.json': './package.json' },
    files: ['index.js', 'README.md'],
    scripts: { test: 'vitest run' },
    dependencies: { '@synthkit/core': 'latest' },
    devDependencies: { '@synthkit/testkit': 'latest', '@types/node': '^20.19.0', vitest: '^4.1.0' },
  };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'index.js': sources[kind](name),
    'index.test.js': tests[kind](name),
    'README.md': readme(kind, name, packageName),
    '.gitignore': 'node_modules/\n',
  };
}

const header = `// @ts-check
import { readFileSync } from 'node:fs';
`;
const meta = (name: string) => `const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: packageJson.name, version: packageJson.version, namespace: '${name}' },`;

const sources: Record<PluginKind, (name: string) => string> = {
  task: (name) => `${header}import { definePlugin, defineTask, taskStage, z } from '@synthkit/core';

/** Asks the writer for a short definition of each record's term; one { definition } record per term. */
export const define = defineTask({
  description: 'Writes a short definition of each term; one { definition } record per term.',
  options: z.object({ max_words: z.number().int().min(5).default(40) }).strict(),
  input: z.object({ term: z.string().min(1) }),
  output: z.object({ definition: z.string() }),
  models: { writer: 'Writes the definition.' },
  templates: {
    define: { user: 'Define "{term}" in at most {max_words} words. Reply with the definition only.', variables: ['term', 'max_words'] },
  },
  async run(input, context) {
    const { text } = await context.generate({
      role: 'writer',
      template: 'define',
      variables: { term: input.term, max_words: context.options.max_words },
    });
    const definition = text.trim();
    if (definition === '') {
      context.reject('empty definition');
      return [];
    }
    return [{ definition }];
  },
});

${meta(name)}
  tasks: { define },
});
export default plugin;

/** The stage factory for pipelines written in code: \`defineTerm({ max_words: 20 })\`. */
export const defineTerm = taskStage(plugin, 'define');
`,
  filter: (name) => `${header}import { defineFilter, definePlugin, filterStage, z } from '@synthkit/core';

/** Drops texts of more than max_words words. */
export const maxWords = defineFilter({
  description: 'Drops texts of more than max_words words.',
  options: z.object({ max_words: z.number().int().min(1).default(60) }).strict(),
  create: ({ max_words }) => ({
    score: (text) => text.split(/\\s+/).filter(Boolean).length,
    keep: (words) => words <= max_words,
    describe: (words) => \`\${words} words, more than max_words \${max_words}\`,
  }),
});

${meta(name)}
  filters: { 'max-words': maxWords },
});
export default plugin;

/** The stage factory for pipelines written in code: \`maxWordsFilter({ max_words: 30 }, { field: 'answer' })\`. */
export const maxWordsFilter = filterStage(plugin, 'max-words');
`,
  provider: (name) => `${header}import { definePlugin, defineProvider, languageModelFactory, z } from '@synthkit/core';

/**
 * A provider whose models answer every prompt with it, reversed: replace doGenerate with a call to
 * your model's API (and convert its errors to APICallError: see docs/providers.md of synthkit).
 */
export const provider = defineProvider({
  description: 'Answers every prompt with it, reversed (a template to start a provider from).',
  settings: z.object({ prefix: z.string().default('') }).strict(),
  create: ({ prefix }) => ({
    specificationVersion: 'v1',
    languageModel: (modelId) => ({
      specificationVersion: 'v1',
      provider: '${name}',
      modelId,
      async doGenerate(options) {
        if (options.prompt === undefined && options.messages.length === 0) throw new Error('${name}: a call needs a prompt or at least one message.');
        // Stands for the request to your API: 20 ms, and it stops at once when the call is aborted.
        await new Promise((resolve, reject) => {
          options.signal?.throwIfAborted();
          const timer = setTimeout(resolve, 20);
          options.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(options.signal?.reason);
          }, { once: true });
        });
        const input = options.prompt ?? options.messages.map((message) => message.content).join('\\n');
        const count = options.params.n ?? 1;
        const words = \`\${prefix}\${[...input].reverse().join('')}\`.split(/\\s+/).filter(Boolean);
        const cut = options.params.maxTokens != null && words.length > options.params.maxTokens;
        const text = (cut ? words.slice(0, options.params.maxTokens) : words).join(' ');
        // Parameters the API does not take come back as warnings, so the run can say so.
        const warnings = /** @type {const} */ (['topK', 'seed'])
          .filter((setting) => options.params[setting] != null)
          .map((setting) => ({ type: /** @type {const} */ ('unsupported-setting'), setting, message: \`\${setting} is not supported.\` }));
        return {
          choices: Array.from({ length: count }, () => ({ text, finishReason: cut ? 'length' : 'stop' })),
          usage: { inputTokens: input.split(/\\s+/).filter(Boolean).length || 1, outputTokens: Math.max(1, text.split(/\\s+/).filter(Boolean).length) * count },
          ...(warnings.length === 0 ? {} : { warnings }),
        };
      },
    }),
  }),
});

${meta(name)}
  providers: { '${name}': provider },
});
export default plugin;

/** The model factory for pipelines written in code: \`${camel(name)}('any-model')\`. */
export const ${camel(name)} = languageModelFactory(plugin, '${name}');
`,
};

const tests: Record<PluginKind, (name: string) => string> = {
  task: (name) => `import { MockLanguageModelV1, runTask } from '@synthkit/testkit';
import { describeTaskConformance } from '@synthkit/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { define } from './index.js';

describe('${name}:define', () => {
  it('writes one definition per term, and rejects an empty answer', async () => {
    const writer = new MockLanguageModelV1({ doGenerate: ['  A small, sweet fruit.  ', ''] });
    const first = await runTask(define, { input: { term: 'fig' }, models: { writer } });
    expect(first.records).toEqual([{ definition: 'A small, sweet fruit.' }]);
    const second = await runTask(define, { input: { term: 'fig' }, models: { writer } });
    expect(second.rejections).toEqual([{ reason: 'empty definition' }]);
  });
});

describeTaskConformance({ name: '${name}:define', task: define, input: { term: 'fig' }, answers: { writer: 'A small, sweet fruit.' } });
`,
  filter: (name) => `import { describeFilterConformance } from '@synthkit/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { maxWords } from './index.js';

describe('${name}:max-words', () => {
  it('keeps texts up to max_words words and says why it drops the others', () => {
    const filter = maxWords.create(maxWords.options.parse({ max_words: 3 }));
    expect(filter.keep(/** @type {number} */ (filter.score('one two three', {})))).toBe(true);
    expect(filter.keep(/** @type {number} */ (filter.score('one two three four', {})))).toBe(false);
    expect(filter.describe?.(4)).toBe('4 words, more than max_words 3');
  });
});

describeFilterConformance({ name: '${name}:max-words', definition: maxWords, options: [{}, { max_words: 3 }] });
`,
  provider: (name) => `import { describeInProcessLanguageModelConformance } from '@synthkit/testkit/conformance';
import { provider } from './index.js';

describeInProcessLanguageModelConformance({
  name: '${name}',
  createModel: () => provider.create(provider.settings.parse({})).languageModel('test-model'),
  features: [],
});
`,
};

function readme(kind: PluginKind, name: string, packageName: string): string {
  const usage: Record<PluginKind, string> = {
    task: `stages:\n  - source: terms.jsonl        # {"term": "fig"} per line\n  - task: ${name}:define\n    options: { max_words: 20 }`,
    filter: `stages:\n  - ...\n  - filter: ${name}:max-words\n    field: answer\n    options: { max_words: 30 }`,
    provider: `providers:\n  ${name}: { prefix: '' }\nmodels:\n  default: ${name}:any-model`,
  };
  return `# ${packageName}

A synthkit ${kind} plugin (namespace \`${name}\`), made with \`synthkit init plugin\`.

\`\`\`sh
npm install
npm test
\`\`\`

Install it next to a recipe (a dependency of the recipe folder's package.json) and use it:

\`\`\`yaml
${usage[kind]}
\`\`\`

\`index.js\` holds the ${kind}; \`index.test.js\` tests it, with the conformance kit of its kind from
\`@synthkit/testkit/conformance\`. Check what synthkit sees with \`npx synthkit ${kind === 'provider' ? 'plugins' : `${kind}s`} list\`.
`;
}

function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
