// What every benchmark prints about the machine and the moment: date, cores, Node, commit, load.
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

/** The commit of the checkout the scripts run from, with `+ uncommitted changes` when dirty. */
export function commitDescription() {
  const git = (...args) => execFileSync('git', args, { cwd: new URL('..', import.meta.url), encoding: 'utf8' }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') === '' ? commit : `${commit} + uncommitted changes`;
  } catch {
    return 'unknown commit';
  }
}

/** The 1-, 5- and 15-minute load averages as `1.23 / 2.34 / 3.45`. */
export function loadDescription() {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/**
 * Prints the load at the start of a script right away (stderr, so a script that dies still shows
 * it) and returns a function giving the report's header line, with the load at start and at end.
 */
export function startRunInfo(name) {
  const startedAt = new Date();
  const loadAtStart = loadDescription();
  const commit = commitDescription();
  process.stderr.write(`${name}: started ${startedAt.toISOString()}, load average ${loadAtStart} (1/5/15 min), commit ${commit}\n`);
  return (details) => {
    const loadAtEnd = loadDescription();
    process.stderr.write(`${name}: finished after ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s, load average ${loadAtEnd}\n`);
    return (
      `${startedAt.toISOString()} · ${availableParallelism()} cores · node ${process.version} · commit ${commit} · ` +
      `${details} · ran ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s · ` +
      `load average (1/5/15 min) ${loadAtStart} at start, ${loadAtEnd} at end`
    );
  };
}
