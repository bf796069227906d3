import type { Execution, ExecutionStatus } from '../../../shared/schemas/execution.js';
import { countWords } from '../../format/run-words.js';

/** How a run ended, as the duration chart draws it: each status its own colour token. */
export interface DurationStatus {
  status: ExecutionStatus;
  /** A colour token (`--ok`, …). */
  color: string;
  /** The legend's words. */
  label: string;
}

/**
 * Every status a finished firing can have, in the legend's order. A skipped firing never ran,
 * so it sits at zero, where the eye reads "took no time"; the legend says so.
 */
export const DURATION_STATUSES: readonly DurationStatus[] = [
  { status: 'succeeded', color: 'ok', label: 'Succeeded' },
  { status: 'failed', color: 'danger', label: 'Failed' },
  { status: 'timed-out', color: 'warn', label: 'Timed out' },
  { status: 'cancelled', color: 'neutral', label: 'Cancelled' },
  { status: 'interrupted', color: 'violet', label: 'Interrupted' },
  { status: 'skipped', color: 'teal', label: 'Skipped (did not run)' },
];

/** The chart's points: x in seconds, one y series per status shown (null elsewhere). */
export interface DurationData {
  xs: Float64Array;
  /** Only the statuses that occur, in legend order, each with its values. */
  series: { status: DurationStatus; values: (number | null)[] }[];
  /** How many points each status has. */
  counts: Map<ExecutionStatus, number>;
}

/** Where a finished execution goes on the chart, or null when it has no place there. */
function pointOf(execution: Execution): { x: number; y: number } | null {
  if (execution.status === 'skipped') return { x: Date.parse(execution.queuedAt) / 1_000, y: 0 };
  if (execution.startedAt === null || execution.durationMs === null) return null;
  return { x: Date.parse(execution.startedAt) / 1_000, y: execution.durationMs };
}

/** Chart data from executions: every ended one, oldest first, in its status's series. */
export function durationData(executions: readonly Execution[]): DurationData {
  const points: { x: number; y: number; at: number }[] = [];
  const counts = new Map<ExecutionStatus, number>();
  for (const execution of executions) {
    const at = DURATION_STATUSES.findIndex((entry) => entry.status === execution.status);
    const point = at === -1 ? null : pointOf(execution);
    if (point === null) continue;
    points.push({ ...point, at });
    counts.set(execution.status, (counts.get(execution.status) ?? 0) + 1);
  }
  points.sort((a, b) => a.x - b.x);
  const shown = DURATION_STATUSES.map((status, at) => ({ status, at })).filter(({ status }) =>
    counts.has(status.status),
  );
  const xs = new Float64Array(points.length);
  const series = shown.map(({ status }) => ({
    status,
    values: new Array<number | null>(points.length).fill(null),
  }));
  points.forEach((point, index) => {
    xs[index] = point.x;
    const target = series[shown.findIndex(({ at }) => at === point.at)];
    if (target !== undefined) target.values[index] = point.y;
  });
  return { xs, series, counts };
}

/** The counts in words, in the legend's order: "40 succeeded, 3 failed, 1 timed out". */
export function durationCountWords(counts: ReadonlyMap<ExecutionStatus, number>): string {
  return countWords(
    counts,
    DURATION_STATUSES.map((entry) => entry.status),
  );
}
