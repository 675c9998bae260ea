/** Where the CLI reads and writes; injectable so tests can run commands in-process. */
export interface CliIo {
  /** Working directory relative paths resolve from. */
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Cancels long work (the binary wires it to Ctrl-C and SIGTERM). */
  readonly signal?: AbortSignal;
  /**
   * Where a run's response cache lives. Default: `SYNTHKIT_CACHE_DIR`, else
   * `$XDG_CACHE_HOME/synthkit`, else `~/.cache/synthkit`.
   */
  readonly cacheDirectory?: string;
  /**
   * On a stream that is not a terminal, how often a long run prints a status line (what is done,
   * what is waiting and on what), in milliseconds. Default 30000.
   */
  readonly statusIntervalMs?: number;
}

/** Exit codes of every command: 0 ok, 1 the run failed, 2 bad input (recipe, arguments, plugin). */
export const exitCodes = { ok: 0, runFailed: 1, badInput: 2 } as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
