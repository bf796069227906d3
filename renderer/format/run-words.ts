import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import type { RecentRun } from '../store/app-state.js';
import { formatDuration } from './duration.js';

/** How a run ended, in words that follow a count ("3 timed out"). */
export const STATUS_WORDS: Record<ExecutionStatus, string> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  'timed-out': 'timed out',
  cancelled: 'cancelled',
  skipped: 'skipped',
  interrupted: 'interrupted',
};

/** Counts by status in words, in the order given: "40 succeeded, 3 failed". */
export function countWords(
  counts: ReadonlyMap<ExecutionStatus, number>,
  order: readonly ExecutionStatus[],
): string {
  return order
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${STATUS_WORDS[status]}`)
    .join(', ');
}

/** Recent runs in words, for their sparkline: "Last 5 runs: typically 1.2 s, 1 failed". */
export function recentRunsWords(runs: readonly RecentRun[]): string {
  const sorted = runs.map((run) => run.durationMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const unsuccessful = new Map<ExecutionStatus, number>();
  for (const run of runs) {
    if (run.status !== 'succeeded') {
      unsuccessful.set(run.status, (unsuccessful.get(run.status) ?? 0) + 1);
    }
  }
  const head =
    runs.length === 1
      ? `Last run: took ${formatDuration(median)}`
      : `Last ${runs.length} runs: typically ${formatDuration(median)}`;
  const rest = countWords(unsuccessful, [...unsuccessful.keys()]);
  return rest === '' ? head : `${head}, ${rest}`;
}
