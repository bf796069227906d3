import type { ExecutionStatus } from '../../../shared/schemas/execution.js';
import type { Problem } from '../../../shared/schemas/system.js';
import type { StatsSummary } from '../../../shared/schemas/stats.js';
import type { TaskStats } from '../../../shared/schemas/task.js';
import type { TraceRecord } from '../trace-table.js';
import type { ExecutionRecord } from '../execution-record.js';

/**
 * A page request over the history, newest first. Times are ms since the epoch, like the rest of
 * the port, and select by when an execution ended: `since <= endedAt < until`.
 */
export interface HistoryQuery {
  taskId?: string;
  statuses?: readonly ExecutionStatus[];
  /** Only executions that ended at or after this time. */
  since?: number;
  /** Only executions that ended before this time. */
  until?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
}

export interface HistoryPage {
  items: ExecutionRecord[];
  nextCursor: string | null;
}

/** Port: the execution history (an append-only log) and what is derived from it. */
export interface HistoryStore {
  /**
   * Opens the log; returns executions that started but never ended (the previous process
   * died) so the host can end their survivors before recording them as interrupted.
   */
  open(): Promise<{ unfinished: ExecutionRecord[]; problems: Problem[] }>;
  /** Records that an execution started (buffered; see `flush`). */
  recordStart(execution: ExecutionRecord): void;
  /** Records an execution's final state, with its output tail and samples (buffered). */
  recordEnd(execution: ExecutionRecord): void;
  /** Records a firing's trace entry (buffered). */
  recordTrace(entry: TraceRecord): void;
  /** Makes everything recorded so far durable. */
  flush(): Promise<void>;
  /** A page of ended executions (newest first), without output or samples. */
  list(query: HistoryQuery): Promise<HistoryPage>;
  /** One ended execution with its output tail and samples, or null. */
  get(id: string): Promise<ExecutionRecord | null>;
  /** The latest trace entries of a task, newest first. */
  trace(taskId: string, limit: number): Promise<TraceRecord[]>;
  /** Per-task figures for task views (from incrementally kept aggregates). */
  taskStats(taskId: string): TaskStats;
  /** The task's latest ended execution (without output), from the aggregates; null if none. */
  lastExecution(taskId: string): ExecutionRecord | null;
  /** Recent durations of a task's ended runs, oldest first (for sparklines). */
  recentDurations(taskId: string, limit: number): number[];
  /** Aggregates for `stats.summary`, over one task or all, from `since` (ms) on. */
  summary(options: { taskId?: string; since?: number }): StatsSummary;
  /** Forgets a task's whole history. */
  removeTask(taskId: string): Promise<void>;
  /** Applies retention: at most `keep[taskId]` executions per task, none older than `maxAgeMs`. */
  prune(options: {
    keep: ReadonlyMap<string, number>;
    maxAgeMs: number;
    now: number;
  }): Promise<number>;
  /** Flushes and releases the files. */
  close(): Promise<void>;
}
