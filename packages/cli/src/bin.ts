#!/usr/bin/env node
import { main } from './main';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  // Commands that can be cancelled say so through their own output (see run-command).
  controller.abort(new Error('interrupted'));
});

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
