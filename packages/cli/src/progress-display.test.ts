import { RunStatistics } from '@synthkit/runtime/internal';
import { describe, expect, it } from 'vitest';
import { renderProgress, statusLine } from './progress-display';

describe('renderProgress', () => {
  it('shows records per stage, requests in flight, the rate and tokens', () => {
    const statistics = new RunStatistics();
    const topics = statistics.addStage({ name: 'subtopics', kind: 'task', reference: 'nemotron:subtopics' });
    Object.assign(topics, { received: 3, emitted: 12, active: 2, failed: 1 });
    const filter = statistics.addStage({ name: 'word-count', kind: 'filter', reference: 'heuristic:word-count' });
    Object.assign(filter, { received: 12, emitted: 9, filtered: 3 });
    Object.assign(statistics.model('openai:m'), { requests: 20, inFlight: 4, inputTokens: 12_345, outputTokens: 900 });
    statistics.written = 9;
    const lines = renderProgress(statistics, 200);
    expect(lines[0]).toBe('  subtopics   in 3  out 12  working 2  failed 1');
    expect(lines[1]).toBe('  word-count  in 12  out 9  filtered 3');
    expect(lines[2]).toMatch(/^  requests 20 \(4 in flight, [\d.]+\/s\)  tokens 12\.3k in \/ 900 out  written 9  [\d.]+s$/);
  });

  it('shows each busy endpoint, retries and cache hits', () => {
    const statistics = new RunStatistics();
    Object.assign(statistics.model('openai:m'), { requests: 30, retries: 3, cacheHits: 7, inFlight: 8 });
    const endpoint = { label: 'openai:m at http://127.0.0.1:1/v1', active: 8, limit: 8, ceiling: 16, waitingForSlot: 12, waitingForBudget: 0, retrying: 2, decreases: 1 };
    const lines = renderProgress(statistics, 200, [endpoint]);
    expect(lines[0]).toBe('  openai:m at http://127.0.0.1:1/v1: 8/8 open, window shrunk from 16, 12 waiting for a slot, 2 waiting to retry');
    expect(lines[1]).toMatch(/^  requests 30 \(8 in flight, [\d.]+\/s, 3 retries, 7 from cache\)/);
    expect(statusLine(statistics, [endpoint])).toMatch(
      /^\[\d+s\] 0 records written; 30 requests \(3 retries, 7 from cache, 8 in flight\); openai:m at .*: 8\/8 open, window shrunk from 16, 12 waiting for a slot, 2 waiting to retry$/,
    );
  });

  it('says where the jobs of a batch endpoint are, since a batch may take hours', () => {
    const statistics = new RunStatistics();
    const batch = { queued: 5, inJobs: 40, jobsSubmitted: 2, jobsResumed: 1, jobsInProgress: 2, jobsEnded: 1, requestsSubmitted: 60, requestsResubmitted: 3, requestsFailed: 0 };
    const endpoint = { label: 'openai:m at http://127.0.0.1:1/v1', active: 0, limit: 16, ceiling: 16, waitingForSlot: 0, waitingForBudget: 0, retrying: 0, decreases: 0, batch };
    expect(statusLine(statistics, [endpoint])).toMatch(
      /; openai:m at .*: batch jobs 3 submitted, 2 in progress, 1 completed, 1 resumed, 5 requests collecting, 40 requests in jobs, 3 resubmitted$/,
    );
    const idle = { ...endpoint, batch: { ...batch, queued: 0, inJobs: 0, jobsInProgress: 0 } };
    expect(statusLine(statistics, [idle])).not.toContain('openai:m');
  });

  it('never writes past the terminal width', () => {
    const statistics = new RunStatistics();
    statistics.addStage({ name: 'a-stage-with-a-very-long-name', kind: 'task', reference: 'x:y' });
    for (const line of renderProgress(statistics, 30)) expect(line.length).toBeLessThanOrEqual(29);
  });
});
