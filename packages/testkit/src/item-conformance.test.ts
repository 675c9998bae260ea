import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the fixtures in a vitest of their own; returns each test's full name and whether it passed. */
function runFixtures(): Map<string, string> {
  const output = mkdtempSync(join(tmpdir(), 'synthkit-kit-'));
  try {
    const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
    spawnSync(process.execPath, [vitest, 'run', '--config', 'src/test-support/fixture.vitest.config.ts', '--reporter=json', `--outputFile=${join(output, 'results.json')}`], {
      cwd: packageDirectory,
      encoding: 'utf8',
    });
    const report = JSON.parse(readFileSync(join(output, 'results.json'), 'utf8')) as {
      testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    return new Map(report.testResults.flatMap((file) => file.assertionResults.map((test) => [test.fullName, test.status] as const)));
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

describe('the task, filter and modifier conformance kits', () => {
  it('pass good items and fail each broken one at exactly the check it breaks', { timeout: 60_000 }, () => {
    const results = runFixtures();
    const failed = [...results].filter(([, status]) => status === 'failed').map(([name]) => name).sort();
    expect(failed).toEqual(
      [
        'loose-options: filter conformance refuses an option it does not know, so a typo in a recipe is reported (make the schema .strict())',
        'mutating: filter conformance scores every sample with a finite number or a boolean, the same every time and in any order, without changing the record',
        'nan-score: filter conformance scores every sample with a finite number or a boolean, the same every time and in any order, without changing the record',
        'not-text: modifier conformance turns every sample into a string, the same every time and in any order, without changing the record',
        'random-score: filter conformance scores every sample with a finite number or a boolean, the same every time and in any order, without changing the record',
        'vague-drop: filter conformance keeps or drops with a boolean, and explains every drop in words',
        'crashing-names: task conformance survives every hostile answer from its generator model: it rejects, fails with its own error, or produces valid records',
        'undeclared-placeholder: task conformance declares every placeholder its templates use, or reads it from the input record',
        // Its template cannot be rendered either, so no good answer gets it to a record.
        'undeclared-placeholder: task conformance produces records that fit its output schema from good answers, the same way twice',
      ].sort(),
    );
    expect([...results.keys()].filter((name) => name.startsWith('good:')).every((name) => results.get(name) === 'passed')).toBe(true);
    // Six filters of five checks, two modifiers of four, five tasks of five (one language-model role each).
    expect(results.size).toBe(6 * 5 + 2 * 4 + 5 * 5);
  });
});
