#!/usr/bin/env node
import { main } from './main';

// Output piped into a command that stops reading (`synthkit tasks list | head`) ends the process
// quietly, as other command-line tools do, instead of with an EPIPE stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const controller = new AbortController();
const argv = process.argv.slice(2);
// Only `run` does long work worth stopping cleanly; every other command keeps Node's default
// Ctrl-C (quit at once).
if (argv[0] === 'run') {
  let interrupted = false;
  // SIGTERM (timeout, docker stop, a cancelled CI job) stops as cleanly as Ctrl-C.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(signal === 'SIGINT' ? 130 : 143);
      interrupted = true;
      // run-command says what happens next through its own output.
      controller.abort(new Error(signal === 'SIGINT' ? 'interrupted' : 'terminated'));
    });
  }
}

process.exitCode = await main(argv, {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
