export { exitCodes, type CliIo, type ExitCode } from './cli-io';
export { main, usage } from './main';
export { VERSION } from './version';
