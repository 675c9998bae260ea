/** Where the CLI reads and writes; injectable so tests can run commands in-process. */
export interface CliIo {
  /** Working directory relative paths resolve from. */
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Cancels long work (the binary wires it to Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** Exit codes of every command: 0 ok, 1 the run failed, 2 bad input (recipe, arguments, plugin). */
export const exitCodes = { ok: 0, runFailed: 1, badInput: 2 } as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
