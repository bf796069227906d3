import { z } from 'zod';
import {
  EXECUTION_STATUSES,
  executionStatusSchema,
  type ExecutionStatus,
} from '../../../shared/schemas/execution.js';
import type { StatsSummary } from '../../../shared/schemas/stats.js';
import type { TaskStats } from '../../../shared/schemas/task.js';
import { durationOf, type ExecutionRecord } from '../../core/execution-record.js';
import { DurationHistogram, type HistogramBucketJson } from './duration-histogram.js';
import { storedExecutionSchema } from './history-line.js';
import { StatusBuckets, type StatusCounts } from './status-buckets.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days of daily buckets kept per task. */
export const DAILY_DAYS = 400;
/**
 * Hours of hourly buckets kept per task: eight days, so "the last 24 hours" and "the last 7
 * days" are counted to the hour rather than to the day.
 */
export const HOURLY_HOURS = 192;
/** Durations kept per task for `recentDurations` and sparklines. */
export const RECENT_DURATIONS = 50;

/** Runs whose duration says how long the task takes (cancelled or interrupted ones do not). */
const TIMED_STATUSES: ReadonlySet<ExecutionStatus> = new Set(['succeeded', 'failed', 'timed-out']);
/** Ended executions that ran (a skipped firing is not a run). */
const RUN_STATUSES: readonly ExecutionStatus[] = [
  'succeeded',
  'failed',
  'timed-out',
  'cancelled',
  'interrupted',
];

const statusCountsSchema = z.partialRecord(executionStatusSchema, z.number().int().min(0));
const slotsSchema = z.custom<[number, StatusCounts][]>((value) => StatusBuckets.isJSON(value));
const taskAggregateSchema = z.strictObject({
  byStatus: statusCountsSchema,
  histogram: z.custom<HistogramBucketJson[]>((value) => DurationHistogram.isJSON(value)),
  maxDurationMs: z.number().nullable(),
  recent: z.array(z.number()),
  cpu: z.tuple([z.number(), z.number().int(), z.number().nullable()]),
  rssPeakBytes: z.number().nullable(),
  daily: slotsSchema,
  // Added after the first release of this file: older aggregates simply have none yet.
  hourly: slotsSchema.default([]),
  last: storedExecutionSchema.nullable(),
});
const aggregatesSchema = z.record(z.string(), taskAggregateSchema);
/** The persisted form of `HistoryAggregates` (validated when read back). */
export type AggregatesJson = z.input<typeof aggregatesSchema>;

function addCount(counts: StatusCounts, status: ExecutionStatus, n = 1): void {
  counts[status] = (counts[status] ?? 0) + n;
}

function count(counts: StatusCounts, status: ExecutionStatus): number {
  return counts[status] ?? 0;
}

/** succeeded / (succeeded + failed + timed-out), null when there is none of those. */
function successRate(counts: StatusCounts): number | null {
  const succeeded = count(counts, 'succeeded');
  const decided = succeeded + count(counts, 'failed') + count(counts, 'timed-out');
  return decided === 0 ? null : succeeded / decided;
}

function dayName(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** One task's figures, updated per ended execution; its size does not grow with run count. */
class TaskAggregate {
  byStatus: StatusCounts = {};
  histogram = new DurationHistogram();
  maxDurationMs: number | null = null;
  recent: number[] = [];
  cpuSum = 0;
  cpuRuns = 0;
  cpuPeak: number | null = null;
  rssPeakBytes: number | null = null;
  /** By UTC day number (days since the epoch): the statuses of executions that ended that day. */
  daily = new StatusBuckets(DAILY_DAYS);
  /** By UTC hour number (hours since the epoch): the statuses of executions that ended then. */
  hourly = new StatusBuckets(HOURLY_HOURS);
  /** The latest ended execution, without its output and samples. */
  last: ExecutionRecord | null = null;
  /** `stats()` as last worked out; only `add` changes what it is made of. */
  private figures: TaskStats | null = null;

  add(record: ExecutionRecord): void {
    this.figures = null;
    this.last = { ...record, output: [], samples: [] };
    addCount(this.byStatus, record.status);
    const duration = durationOf(record);
    if (duration !== null && TIMED_STATUSES.has(record.status)) {
      this.histogram.add(duration);
      this.maxDurationMs = Math.max(this.maxDurationMs ?? 0, duration);
      this.recent.push(duration);
      if (this.recent.length > RECENT_DURATIONS) this.recent.shift();
    }
    const { cpuAvgPercent, cpuPeakPercent, rssPeakBytes } = record.resources;
    if (cpuAvgPercent !== null) {
      this.cpuSum += cpuAvgPercent;
      this.cpuRuns++;
    }
    if (cpuPeakPercent !== null) this.cpuPeak = Math.max(this.cpuPeak ?? 0, cpuPeakPercent);
    if (rssPeakBytes !== null) this.rssPeakBytes = Math.max(this.rssPeakBytes ?? 0, rssPeakBytes);
    const ended = record.endedAt ?? record.queuedAt;
    this.daily.add(Math.floor(ended / DAY_MS), record.status);
    this.hourly.add(Math.floor(ended / HOUR_MS), record.status);
  }

  stats(): TaskStats {
    const byStatus = this.byStatus;
    // Worked out once per ended run rather than for every view: each percentile sorts the
    // histogram, which for 10,000 tasks with history was ~15 ms of every task list.
    this.figures ??= {
      runs: RUN_STATUSES.reduce((sum, status) => sum + count(byStatus, status), 0),
      succeeded: count(byStatus, 'succeeded'),
      failed: count(byStatus, 'failed') + count(byStatus, 'timed-out'),
      successRate: successRate(byStatus),
      p50DurationMs: this.histogram.percentile(0.5),
      p95DurationMs: this.histogram.percentile(0.95),
    };
    return { ...this.figures };
  }

  toJSON(): z.input<typeof taskAggregateSchema> {
    return {
      byStatus: this.byStatus,
      histogram: this.histogram.toJSON(),
      maxDurationMs: this.maxDurationMs,
      recent: this.recent,
      cpu: [this.cpuSum, this.cpuRuns, this.cpuPeak],
      rssPeakBytes: this.rssPeakBytes,
      daily: this.daily.toJSON(),
      hourly: this.hourly.toJSON(),
      last: this.last,
    };
  }

  static fromJSON(json: z.output<typeof taskAggregateSchema>): TaskAggregate {
    const aggregate = new TaskAggregate();
    aggregate.byStatus = json.byStatus;
    aggregate.histogram = DurationHistogram.fromJSON(json.histogram);
    aggregate.maxDurationMs = json.maxDurationMs;
    aggregate.recent = json.recent;
    [aggregate.cpuSum, aggregate.cpuRuns, aggregate.cpuPeak] = json.cpu;
    aggregate.rssPeakBytes = json.rssPeakBytes;
    aggregate.last = json.last;
    aggregate.daily = StatusBuckets.fromJSON(json.daily, DAILY_DAYS);
    aggregate.hourly = StatusBuckets.fromJSON(json.hourly, HOURLY_HOURS);
    return aggregate;
  }
}

/**
 * Per-task figures kept incrementally from ended executions, so task views and
 * `stats.summary` never read the log. Durations count succeeded, failed and timed-out runs;
 * `failed` in task stats and daily buckets includes timed-out runs. Retention does not
 * subtract from them (they describe every run recorded); removing a task drops its figures.
 */
export class HistoryAggregates {
  private readonly tasks = new Map<string, TaskAggregate>();

  /** Counts one ended execution. */
  add(record: ExecutionRecord): void {
    let aggregate = this.tasks.get(record.taskId);
    if (aggregate === undefined) {
      aggregate = new TaskAggregate();
      this.tasks.set(record.taskId, aggregate);
    }
    aggregate.add(record);
  }

  /** Forgets a task's figures. */
  remove(taskId: string): void {
    this.tasks.delete(taskId);
  }

  /** Figures for a task view; zeros and nulls for a task with no runs. */
  taskStats(taskId: string): TaskStats {
    // No aggregate is made for a task without runs (listing 10,000 new tasks made 10,000).
    return (
      this.tasks.get(taskId)?.stats() ?? {
        runs: 0,
        succeeded: 0,
        failed: 0,
        successRate: null,
        p50DurationMs: null,
        p95DurationMs: null,
      }
    );
  }

  /** The task's latest ended execution (without output and samples), or null. */
  lastExecution(taskId: string): ExecutionRecord | null {
    return this.tasks.get(taskId)?.last ?? null;
  }

  /** The task's last `limit` (at most RECENT_DURATIONS) durations, oldest first. */
  recentDurations(taskId: string, limit: number): number[] {
    const recent = this.tasks.get(taskId)?.recent ?? [];
    return limit <= 0 ? [] : recent.slice(-limit);
  }

  /**
   * Figures over one task or all. `since` narrows `byStatus`, `successRate` and `daily`: within
   * the last eight days to the hour (the hour containing `since` counts whole), further back to
   * the UTC day. Durations, CPU and memory describe all recorded runs.
   */
  summary(options: { taskId?: string; since?: number }): StatsSummary {
    const selected =
      options.taskId === undefined
        ? [...this.tasks.values()]
        : [this.tasks.get(options.taskId)].filter((a) => a !== undefined);
    const sinceDay = options.since === undefined ? -Infinity : Math.floor(options.since / DAY_MS);
    const sinceHour = options.since === undefined ? -Infinity : Math.floor(options.since / HOUR_MS);
    const byStatus: StatusCounts = {};
    const daily = new Map<number, StatusCounts>();
    const histogram = new DurationHistogram();
    let maxDurationMs: number | null = null;
    let cpuSum = 0;
    let cpuRuns = 0;
    let cpuPeak: number | null = null;
    let rssPeakBytes: number | null = null;
    for (const aggregate of selected) {
      if (options.since === undefined) {
        for (const status of EXECUTION_STATUSES) {
          addCount(byStatus, status, count(aggregate.byStatus, status));
        }
      }
      // Counted by the hour when the hourly buckets reach back to `since`, else by the day.
      const byHour =
        options.since !== undefined && aggregate.hourly.newest - sinceHour < HOURLY_HOURS;
      if (byHour) {
        for (const [, counts] of aggregate.hourly.slots(sinceHour)) {
          for (const status of EXECUTION_STATUSES)
            addCount(byStatus, status, count(counts, status));
        }
      }
      for (const [day, counts] of aggregate.daily.slots(sinceDay)) {
        let merged = daily.get(day);
        if (merged === undefined) {
          merged = {};
          daily.set(day, merged);
        }
        for (const status of EXECUTION_STATUSES) {
          const n = count(counts, status);
          addCount(merged, status, n);
          if (options.since !== undefined && !byHour) addCount(byStatus, status, n);
        }
      }
      histogram.merge(aggregate.histogram);
      if (aggregate.maxDurationMs !== null) {
        maxDurationMs = Math.max(maxDurationMs ?? 0, aggregate.maxDurationMs);
      }
      cpuSum += aggregate.cpuSum;
      cpuRuns += aggregate.cpuRuns;
      if (aggregate.cpuPeak !== null) cpuPeak = Math.max(cpuPeak ?? 0, aggregate.cpuPeak);
      if (aggregate.rssPeakBytes !== null) {
        rssPeakBytes = Math.max(rssPeakBytes ?? 0, aggregate.rssPeakBytes);
      }
    }
    const statusTable = Object.fromEntries(
      EXECUTION_STATUSES.map((status) => [status, count(byStatus, status)]),
    ) as Record<ExecutionStatus, number>;
    return {
      byStatus: statusTable,
      successRate: successRate(byStatus),
      durations: {
        p50: histogram.percentile(0.5),
        p95: histogram.percentile(0.95),
        max: maxDurationMs,
      },
      cpu: { avgPercent: cpuRuns === 0 ? null : cpuSum / cpuRuns, peakPercent: cpuPeak },
      rssPeakBytes,
      daily: [...daily]
        .sort(([a], [b]) => a - b)
        .map(([day, counts]) => ({
          day: dayName(day),
          succeeded: count(counts, 'succeeded'),
          failed: count(counts, 'failed') + count(counts, 'timed-out'),
        })),
    };
  }

  /** The persisted form (see `fromJSON`). */
  toJSON(): AggregatesJson {
    const out: AggregatesJson = {};
    for (const [taskId, aggregate] of this.tasks) out[taskId] = aggregate.toJSON();
    return out;
  }

  /** Rebuilds aggregates from `toJSON()` output; null when `json` is not such output. */
  static fromJSON(json: unknown): HistoryAggregates | null {
    const result = aggregatesSchema.safeParse(json);
    if (!result.success) return null;
    const aggregates = new HistoryAggregates();
    for (const [taskId, task] of Object.entries(result.data)) {
      aggregates.tasks.set(taskId, TaskAggregate.fromJSON(task));
    }
    return aggregates;
  }
}
