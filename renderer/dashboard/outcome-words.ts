import type { StatsSummary } from '../../shared/schemas/stats.js';

/** Runs that count as failures: failed and timed out. */
export function failuresOf(summary: StatsSummary): number {
  return summary.byStatus.failed + summary.byStatus['timed-out'];
}

/** Runs that ended one way or another (skipped firings are not runs). */
export function runsOf(summary: StatsSummary): number {
  return (
    summary.byStatus.succeeded +
    failuresOf(summary) +
    summary.byStatus.cancelled +
    summary.byStatus.interrupted
  );
}

/** A summary in words: "96%" and "48 runs · 2 failed", or "No runs" when there were none. */
export function successWords(summary: StatsSummary): { rate: string | null; detail: string } {
  const runs = runsOf(summary);
  const failed = failuresOf(summary);
  if (runs === 0) return { rate: null, detail: 'No runs' };
  return {
    rate: summary.successRate === null ? null : `${Math.round(summary.successRate * 100)}%`,
    detail: `${runs.toLocaleString()} ${runs === 1 ? 'run' : 'runs'} · ${failed.toLocaleString()} failed`,
  };
}
