import type { RunStatistics } from '@synthkit/runtime';

/** A live view of a run on a terminal; `stop()` leaves the final state on screen. */
export interface ProgressDisplay {
  /** Prints a line above the live view. */
  log(line: string): void;
  stop(): void;
}

/** How often the view is redrawn, in milliseconds. */
const refreshMilliseconds = 200;

/**
 * Draws records per stage, requests in flight and the request rate, redrawn in place every 200 ms.
 * Only for terminals: callers check `isTTY` first, so logs and CI output stay clean.
 */
export function startProgressDisplay(
  statistics: RunStatistics,
  stream: NodeJS.WritableStream & { columns?: number },
): ProgressDisplay {
  let drawnLines = 0;
  const draw = () => {
    const lines = renderProgress(statistics, stream.columns ?? 100);
    let output = drawnLines > 0 ? `\u001b[${drawnLines}F` : '';
    for (const line of lines) output += `\u001b[2K${line}\n`;
    stream.write(output);
    drawnLines = lines.length;
  };
  const clear = () => {
    if (drawnLines > 0) stream.write(`\u001b[${drawnLines}F\u001b[0J`);
    drawnLines = 0;
  };
  const timer = setInterval(draw, refreshMilliseconds);
  timer.unref();
  return {
    log(line) {
      clear();
      stream.write(`${line}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}

/** The lines of the view: one per stage, then a totals line. Exported for tests. */
export function renderProgress(statistics: RunStatistics, columns: number): string[] {
  const nameWidth = Math.max(5, ...statistics.stages.map((stage) => stage.name.length));
  const lines = statistics.stages.map((stage) => {
    const parts = [`in ${stage.received}`, `out ${stage.emitted}`];
    if (stage.active > 0) parts.push(`working ${stage.active}`);
    if (stage.filtered > 0) parts.push(`filtered ${stage.filtered}`);
    if (stage.rejected > 0) parts.push(`rejected ${stage.rejected}`);
    if (stage.failed > 0) parts.push(`failed ${stage.failed}`);
    return truncate(`  ${stage.name.padEnd(nameWidth)}  ${parts.join('  ')}`, columns);
  });
  const totals = statistics.totals();
  const seconds = statistics.elapsedSeconds();
  const rate = seconds > 0 ? totals.requests / seconds : 0;
  lines.push(
    truncate(
      `  requests ${totals.requests} (${totals.inFlight} in flight, ${rate.toFixed(1)}/s)  ` +
        `tokens ${formatCount(totals.inputTokens)} in / ${formatCount(totals.outputTokens)} out  ` +
        `written ${statistics.written}  ${seconds.toFixed(1)}s`,
      columns,
    ),
  );
  return lines;
}

// --- Internal helpers ---

function truncate(line: string, columns: number): string {
  return line.length > columns - 1 ? `${line.slice(0, Math.max(0, columns - 2))}…` : line;
}

function formatCount(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 10_000) return `${(count / 1000).toFixed(1)}k`;
  return String(count);
}
