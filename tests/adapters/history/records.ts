import type { ExecutionStatus } from '../../../shared/schemas/execution.js';
import { newExecution, type ExecutionRecord } from '../../../electron/core/execution-record.js';
import { newUuid } from '../../../electron/core/ids.js';
import type { TraceRecord } from '../../../electron/core/trace-table.js';

/** 2026-05-01T10:00:00Z, the time the generated histories start from. */
export const T0 = Date.parse('2026-05-01T10:00:00Z');
export const DAY_MS = 86_400_000;

/** A small seeded PRNG (mulberry32): the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An execution of `taskId` that started at `at` as a process with a pid and process group. */
export function started(taskId: string, at: number, name = `task ${taskId.slice(0, 4)}`) {
  const execution = newExecution(newUuid(), taskId, name, 'cron', '0 9 * * *', at - 5, at - 2);
  const pid = 1000 + Math.floor(Math.random() * 30_000);
  return {
    ...execution,
    status: 'running' as const,
    startedAt: at,
    pid,
    pgid: pid,
    startToken: `token-${pid}`,
  };
}

/** `start` ended with `status` after `durationMs`, with an output tail and samples. */
export function ended(
  start: ExecutionRecord,
  status: ExecutionStatus,
  durationMs: number,
  resources: Partial<ExecutionRecord['resources']> = {},
): ExecutionRecord {
  const startedAt = start.startedAt ?? start.queuedAt;
  const endedAt = startedAt + durationMs;
  return {
    ...start,
    status,
    endedAt,
    exitCode: status === 'succeeded' ? 0 : 1,
    signal: status === 'timed-out' ? 'SIGTERM' : null,
    error: status === 'succeeded' ? null : `ended ${status}`,
    outputBytes: 42,
    result: null,
    resources: {
      cpuTimeMs: durationMs / 10,
      cpuAvgPercent: 12.5,
      cpuPeakPercent: 80,
      rssPeakBytes: 10_000_000,
      ...resources,
    },
    output: [
      { t: startedAt + 1, stream: 'stdout', text: `output of ${start.id}\n` },
      { t: endedAt - 1, stream: 'stderr', text: 'ünïcödé ✓ and "quotes"\n' },
    ],
    samples: [
      { t: startedAt + 1, cpuPercent: 5, rssBytes: 1_000_000 },
      { t: endedAt, cpuPercent: 80, rssBytes: 10_000_000 },
    ],
  };
}

/** A whole run: started at `at`, ended with `status` after `durationMs`. */
export function run(
  taskId: string,
  at: number,
  status: ExecutionStatus = 'succeeded',
  durationMs = 1_000,
): ExecutionRecord {
  return ended(started(taskId, at), status, durationMs);
}

/** A trace entry of `taskId` at `t`. */
export function traceEntry(taskId: string, t: number, reason = `fired at ${t}`): TraceRecord {
  return { t, taskId, outcome: 'ran', reason, executionId: null };
}

/** What `list` returns for a record: the same without output and samples. */
export function listed(record: ExecutionRecord): ExecutionRecord {
  return { ...record, output: [], samples: [] };
}
