import type { Problem } from '../../../shared/schemas/system.js';
import type { StatsSummary } from '../../../shared/schemas/stats.js';
import type { TaskStats } from '../../../shared/schemas/task.js';
import type { ExecutionRecord } from '../../core/execution-record.js';
import type { HistoryPage, HistoryQuery, HistoryStore } from '../../core/ports/history-store.js';
import { TraceRing, type TraceRecord } from '../../core/trace-table.js';
import { HistoryAggregates } from './history-aggregates.js';
import { decodeCursor, encodeCursor } from './history-cursor.js';
import { startedExecution } from './history-line.js';

/** Bounds of a `MemoryHistoryStore`. */
export interface MemoryHistoryStoreOptions {
  /** Ended executions kept over all tasks; the oldest go first (default 10,000). */
  capacity?: number;
  /** Trace entries kept per task (default 200). */
  tracesPerTask?: number;
}

interface Kept {
  q: number;
  record: ExecutionRecord;
}

function copy(record: ExecutionRecord, detail: boolean): ExecutionRecord {
  return {
    ...record,
    resources: { ...record.resources },
    output: detail ? record.output.map((chunk) => ({ ...chunk })) : [],
    samples: detail ? record.samples.map((sample) => ({ ...sample })) : [],
  };
}

/**
 * HistoryStore kept in memory with bounded size, for the library and tests: the same
 * contract as the log (pages, cursors, aggregates, retention, removal), nothing on disk.
 */
export class MemoryHistoryStore implements HistoryStore {
  private readonly capacity: number;
  private readonly tracesPerTask: number;
  /** Ended executions, ascending by sequence number. */
  private ends: Kept[] = [];
  private readonly byId = new Map<string, Kept>();
  private readonly openStarts = new Map<string, ExecutionRecord>();
  private readonly traces = new Map<string, TraceRing>();
  /** Executions still running when their task was removed: their ends are not recorded. */
  private readonly orphans = new Set<string>();
  private readonly aggregates = new HistoryAggregates();
  private nextQ = 1;

  constructor(options: MemoryHistoryStoreOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.tracesPerTask = options.tracesPerTask ?? 200;
  }

  open(): Promise<{ unfinished: ExecutionRecord[]; problems: Problem[] }> {
    const unfinished = [...this.openStarts.values()].map((record) => copy(record, false));
    return Promise.resolve({ unfinished, problems: [] });
  }

  recordStart(execution: ExecutionRecord): void {
    this.openStarts.set(execution.id, startedExecution(execution));
  }

  recordEnd(execution: ExecutionRecord): void {
    const { id } = execution;
    // The end of a run that began before its task was removed belongs to the removed history.
    if (this.orphans.delete(id)) return;
    this.openStarts.delete(id);
    const kept = { q: this.nextQ++, record: copy(execution, true) };
    this.ends.push(kept);
    this.byId.set(id, kept);
    this.aggregates.add(execution);
    if (this.ends.length > this.capacity) {
      const oldest = this.ends.shift();
      if (oldest !== undefined) this.byId.delete(oldest.record.id);
    }
  }

  recordTrace(entry: TraceRecord): void {
    let ring = this.traces.get(entry.taskId);
    if (ring === undefined) {
      ring = new TraceRing(this.tracesPerTask, entry.taskId);
      this.traces.set(entry.taskId, ring);
    }
    ring.push(entry.t, entry.outcome, entry.reason, entry.executionId);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  list(query: HistoryQuery): Promise<HistoryPage> {
    const limit = Math.max(1, Math.floor(query.limit));
    const before = query.cursor === undefined ? Infinity : decodeCursor(query.cursor);
    const statuses = query.statuses === undefined ? null : new Set(query.statuses);
    const since = query.since ?? -Infinity;
    const until = query.until ?? Infinity;
    const picked: Kept[] = [];
    for (let i = this.ends.length - 1; i >= 0 && picked.length <= limit; i--) {
      const kept = this.ends[i];
      if (kept === undefined || kept.q >= before) continue;
      if (query.taskId !== undefined && kept.record.taskId !== query.taskId) continue;
      if (statuses !== null && !statuses.has(kept.record.status)) continue;
      const time = kept.record.endedAt ?? kept.record.queuedAt;
      if (time < since || time >= until) continue;
      picked.push(kept);
    }
    const page = picked.slice(0, limit);
    const last = page.at(-1);
    return Promise.resolve({
      items: page.map((kept) => copy(kept.record, false)),
      nextCursor: picked.length > limit && last !== undefined ? encodeCursor(last.q) : null,
    });
  }

  get(id: string): Promise<ExecutionRecord | null> {
    const kept = this.byId.get(id);
    return Promise.resolve(kept === undefined ? null : copy(kept.record, true));
  }

  trace(taskId: string, limit: number): Promise<TraceRecord[]> {
    return Promise.resolve(this.traces.get(taskId)?.latest(limit) ?? []);
  }

  taskStats(taskId: string): TaskStats {
    return this.aggregates.taskStats(taskId);
  }

  lastExecution(taskId: string): ExecutionRecord | null {
    return this.aggregates.lastExecution(taskId);
  }

  recentDurations(taskId: string, limit: number): number[] {
    return this.aggregates.recentDurations(taskId, limit);
  }

  summary(options: { taskId?: string; since?: number }): StatsSummary {
    return this.aggregates.summary(options);
  }

  removeTask(taskId: string): Promise<void> {
    this.ends = this.ends.filter((kept) => kept.record.taskId !== taskId);
    for (const [id, kept] of this.byId) if (kept.record.taskId === taskId) this.byId.delete(id);
    for (const [id, start] of this.openStarts) {
      if (start.taskId !== taskId) continue;
      this.openStarts.delete(id);
      this.orphans.add(id);
    }
    this.traces.delete(taskId);
    this.aggregates.remove(taskId);
    return Promise.resolve();
  }

  prune(options: {
    keep: ReadonlyMap<string, number>;
    maxAgeMs: number;
    now: number;
  }): Promise<number> {
    const cutoff = options.now - options.maxAgeMs;
    const kept = new Map<string, number>();
    const survivors: Kept[] = [];
    let removedCount = 0;
    for (let i = this.ends.length - 1; i >= 0; i--) {
      const entry = this.ends[i];
      if (entry === undefined) continue;
      const { taskId, endedAt, queuedAt, id } = entry.record;
      const count = kept.get(taskId) ?? 0;
      if ((endedAt ?? queuedAt) < cutoff || count >= (options.keep.get(taskId) ?? Infinity)) {
        this.byId.delete(id);
        removedCount++;
      } else {
        kept.set(taskId, count + 1);
        survivors.push(entry);
      }
    }
    this.ends = survivors.reverse();
    for (const [taskId, ring] of this.traces) {
      const fresh = ring.latest(ring.capacity).filter((entry) => entry.t >= cutoff);
      const next = new TraceRing(this.tracesPerTask, taskId);
      for (const entry of fresh.reverse())
        next.push(entry.t, entry.outcome, entry.reason, entry.executionId);
      this.traces.set(taskId, next);
    }
    return Promise.resolve(removedCount);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
