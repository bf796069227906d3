import { describe, expect, it } from 'vitest';
import type { Execution, ExecutionStatus } from '../../shared/schemas/execution.js';
import {
  durationCountWords,
  DURATION_STATUSES,
  durationData,
} from '../../renderer/components/charts/duration-data.js';
import { recentRunsWords } from '../../renderer/format/run-words.js';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

function run(status: ExecutionStatus, minute: number, durationMs: number | null): Execution {
  const startedAt = status === 'skipped' ? null : new Date(T0 + minute * 60_000).toISOString();
  return {
    id: `${status}-${minute}`,
    taskId: 'task',
    taskName: 'Task',
    attempt: 1,
    firstExecutionId: `${status}-${minute}`,
    trigger: { type: 'manual', detail: '' },
    status,
    queuedAt: new Date(T0 + minute * 60_000).toISOString(),
    startedAt,
    endedAt: startedAt,
    durationMs,
    exitCode: null,
    signal: null,
    error: null,
    outputBytes: 0,
    result: null,
    resources: { cpuTimeMs: null, cpuAvgPercent: null, cpuPeakPercent: null, rssPeakBytes: null },
  };
}

describe('the duration chart gives each way a run ended its own series', () => {
  const runs = [
    run('failed', 2, 900),
    run('succeeded', 0, 1_000),
    run('timed-out', 3, 5_000),
    run('cancelled', 4, 300),
    run('interrupted', 5, 2_000),
    run('skipped', 6, null),
    run('succeeded', 1, 1_200),
    run('running', 7, null),
  ];

  it('every finished status has a distinct colour and legend entry', () => {
    const colors = DURATION_STATUSES.map((entry) => entry.color);
    expect(new Set(colors).size).toBe(colors.length);
    const { series } = durationData(runs);
    expect(series.map((entry) => entry.status.label)).toEqual([
      'Succeeded',
      'Failed',
      'Timed out',
      'Cancelled',
      'Interrupted',
      'Skipped (did not run)',
    ]);
  });

  it('puts each run at its start, oldest first, in its own series only; skipped at zero', () => {
    const { xs, series } = durationData(runs);
    expect([...xs]).toEqual([0, 1, 2, 3, 4, 5, 6].map((minute) => (T0 + minute * 60_000) / 1_000));
    const byLabel = Object.fromEntries(series.map((entry) => [entry.status.status, entry.values]));
    expect(byLabel.succeeded).toEqual([1_000, 1_200, null, null, null, null, null]);
    expect(byLabel['timed-out']).toEqual([null, null, null, 5_000, null, null, null]);
    expect(byLabel.skipped).toEqual([null, null, null, null, null, null, 0]);
  });

  it('shows only the statuses that occur, and counts them in words', () => {
    const { series, counts } = durationData([runs[1]!, runs[6]!, runs[0]!]);
    expect(series.map((entry) => entry.status.status)).toEqual(['succeeded', 'failed']);
    expect(durationCountWords(counts)).toBe('2 succeeded, 1 failed');
    expect(durationCountWords(durationData(runs).counts)).toBe(
      '2 succeeded, 1 failed, 1 timed out, 1 cancelled, 1 interrupted, 1 skipped',
    );
  });
});

describe('a sparkline says what its bars show', () => {
  it('names one run by itself and counts the unsuccessful ones by how they ended', () => {
    expect(recentRunsWords([{ id: 'a', status: 'succeeded', durationMs: 1_200 }])).toBe(
      'Last run: took 1.2 s',
    );
    expect(
      recentRunsWords([
        { id: 'a', status: 'succeeded', durationMs: 1_200 },
        { id: 'b', status: 'failed', durationMs: 300 },
        { id: 'c', status: 'timed-out', durationMs: 9_000 },
      ]),
    ).toBe('Last 3 runs: typically 1.2 s, 1 failed, 1 timed out');
  });
});
