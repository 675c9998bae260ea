import type { EndpointStatus } from '@synthkit/runtime';
import type { RunCost, RunStatistics } from '@synthkit/runtime/internal';

/** A live view of a run on a terminal; `stop()` leaves the final state on screen. */
export interface ProgressDisplay {
  /** Prints a line above the live view. */
  log(line: string): void;
  stop(): void;
}

/** Where a display reads what it shows besides the statistics. */
export interface ProgressSources {
  /** What endpoints are doing right now; empty before the run's gateway exists. */
  readonly endpoints: () => ReadonlyArray<EndpointStatus>;
  /** The cost so far and its projection. */
  readonly cost?: () => RunCost;
}

/** How often the view is redrawn, in milliseconds. */
const refreshMilliseconds = 200;

/**
 * Draws records per stage, each endpoint's requests in flight and waiting, the request rate and
 * tokens, redrawn in place every 200 ms. Only for terminals: callers check `isTTY` first, so logs
 * and CI output stay clean (they get {@link startStatusLines} instead).
 */
export function startProgressDisplay(
  statistics: RunStatistics,
  stream: NodeJS.WritableStream & { columns?: number },
  sources: ProgressSources = { endpoints: () => [] },
): ProgressDisplay {
  let drawnLines = 0;
  const draw = () => {
    const lines = renderProgress(statistics, stream.columns ?? 100, sources.endpoints(), sources.cost?.());
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

/**
 * For logs and CI (no terminal): prints one status line every `intervalMs`, so a long wait is never
 * silent: what is done, and what is waiting on which endpoint.
 */
export function startStatusLines(
  statistics: RunStatistics,
  stream: NodeJS.WritableStream,
  sources: ProgressSources,
  intervalMs: number,
): { stop(): void } {
  const timer = setInterval(() => stream.write(`${statusLine(statistics, sources.endpoints(), sources.cost?.())}\n`), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** The lines of the live view: one per stage, one per busy endpoint, then a totals line. Exported for tests. */
export function renderProgress(
  statistics: RunStatistics,
  columns: number,
  endpoints: ReadonlyArray<EndpointStatus> = [],
  cost?: RunCost,
): string[] {
  const nameWidth = Math.max(5, ...statistics.stages.map((stage) => stage.name.length));
  const lines = statistics.stages.map((stage) => {
    const parts = [`in ${stage.received}`, `out ${stage.emitted}`];
    if (stage.active > 0) parts.push(`working ${stage.active}`);
    if (stage.skipped > 0) parts.push(`skipped ${stage.skipped}`);
    if (stage.filtered > 0) parts.push(`filtered ${stage.filtered}`);
    if (stage.rejected > 0) parts.push(`rejected ${stage.rejected}`);
    if (stage.failed > 0) parts.push(`failed ${stage.failed}`);
    return truncate(`  ${stage.name.padEnd(nameWidth)}  ${parts.join('  ')}`, columns);
  });
  for (const endpoint of endpoints) lines.push(truncate(`  ${describeEndpoint(endpoint)}`, columns));
  const totals = statistics.totals();
  const seconds = statistics.elapsedSeconds();
  const rate = seconds > 0 ? totals.requests / seconds : 0;
  const extras = [
    totals.retries > 0 ? `${totals.retries} retries` : undefined,
    totals.cacheHits > 0 ? `${totals.cacheHits} from cache` : undefined,
  ].filter((part) => part != null);
  lines.push(
    truncate(
      `  requests ${totals.requests} (${totals.inFlight} in flight, ${rate.toFixed(1)}/s${extras.map((part) => `, ${part}`).join('')})  ` +
        `tokens ${formatCount(totals.inputTokens)} in / ${formatCount(totals.outputTokens)} out  ` +
        `written ${statistics.written}${cost == null ? '' : `  ${describeCost(cost)}`}  ${seconds.toFixed(1)}s`,
      columns,
    ),
  );
  return lines;
}

/** One line saying how far the run is and what waits on what. Exported for tests. */
export function statusLine(statistics: RunStatistics, endpoints: ReadonlyArray<EndpointStatus>, cost?: RunCost): string {
  const totals = statistics.totals();
  const parts = [
    `[${statistics.elapsedSeconds().toFixed(0)}s] ${statistics.written} records written`,
    `${totals.requests} requests (${totals.retries} retries, ${totals.cacheHits} from cache, ${totals.inFlight} in flight)`,
    ...(cost == null ? [] : [describeCost(cost)]),
    ...endpoints.filter(isBusy).map(describeEndpoint),
  ];
  return parts.join('; ');
}

// --- Internal helpers ---

/** `$0.0123 (about $0.41 in all)`, or the cost alone before a projection can be made. */
function describeCost(cost: RunCost): string {
  const money = (usd: number) => `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
  const projection = cost.projectedUsd == null ? '' : ` (about ${money(cost.projectedUsd)} in all)`;
  return `${money(cost.totalUsd)}${cost.unpriced.length > 0 ? '+' : ''}${projection}`;
}

/** True for an endpoint with something to report: requests open or waiting, or batch jobs. */
function isBusy(endpoint: EndpointStatus): boolean {
  const batch = endpoint.batch;
  if (batch != null) return batch.queued + batch.inJobs + batch.jobsInProgress > 0;
  return endpoint.active + endpoint.waitingForSlot + endpoint.waitingForBudget + endpoint.retrying > 0;
}

function describeEndpoint(endpoint: EndpointStatus): string {
  const batch = endpoint.batch;
  if (batch != null) {
    // A batch may take hours: say where its jobs are.
    const parts = [`${endpoint.label}: batch jobs ${batch.jobsSubmitted + batch.jobsResumed} submitted, ${batch.jobsInProgress} in progress, ${batch.jobsEnded} completed`];
    if (batch.jobsResumed > 0) parts.push(`${batch.jobsResumed} resumed`);
    if (batch.queued > 0) parts.push(`${batch.queued} requests collecting`);
    if (batch.inJobs > 0) parts.push(`${batch.inJobs} requests in jobs`);
    if (batch.requestsResubmitted > 0) parts.push(`${batch.requestsResubmitted} resubmitted`);
    return parts.join(', ');
  }
  const parts = [`${endpoint.label}: ${endpoint.active}/${endpoint.limit} open`];
  if (endpoint.limit < endpoint.ceiling) parts.push(`window shrunk from ${endpoint.ceiling}`);
  if (endpoint.waitingForSlot > 0) parts.push(`${endpoint.waitingForSlot} waiting for a slot`);
  if (endpoint.waitingForBudget > 0) parts.push(`${endpoint.waitingForBudget} waiting for rate-limit budget`);
  if (endpoint.retrying > 0) parts.push(`${endpoint.retrying} waiting to retry`);
  return parts.join(', ');
}

function truncate(line: string, columns: number): string {
  return line.length > columns - 1 ? `${line.slice(0, Math.max(0, columns - 2))}…` : line;
}

function formatCount(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 10_000) return `${(count / 1000).toFixed(1)}k`;
  return String(count);
}
