import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import { EXECUTION_STATUSES } from '../../shared/schemas/status-names.js';
import { RowChunks } from './row-chunks.js';

/** Bytes per task: one cache line. */
const ROW_BYTES = 64;
const I32_PER_ROW = ROW_BYTES / 4;
/** Float64 slots of a row. */
const LAST_FIRE = 0;
const LAST_STARTED = 1;
const LAST_ENDED = 2;
/** An exit code may not fit 32 bits (Windows reports unsigned ones); NaN for none. */
const LAST_EXIT = 3;
/** Int32 slots of a row (after the four float64 ones). */
const HAS_LAST = 8;
const LAST_ID = 9;
const LAST_STATUS = 13;

const STATUS_CODES = Object.fromEntries(
  EXECUTION_STATUSES.map((status, i) => [status, i]),
) as Record<ExecutionStatus, number>;

/**
 * The numbers the engine updates for a task on every fire (its last fire, its last run's times,
 * id words, status and exit code), one row per task in a shared buffer. As object fields, each
 * time would live in a heap number of its own: a fire wrote three of them, each a cache line
 * away from the task, and ten thousand tasks firing every second missed the cache on each.
 */
export class TaskTable {
  private readonly chunks = new RowChunks(ROW_BYTES);
  private rows = 0;
  private readonly free: number[] = [];

  /** A new row: no fire, no run. */
  open(): number {
    const row = this.free.pop() ?? this.rows++;
    this.chunks.ensure(row);
    const f = this.chunks.offset(row) >> 3;
    const i = this.chunks.offset(row) >> 2;
    const chunk = RowChunks.chunk(row);
    this.chunks.f64[chunk]?.fill(NaN, f, f + 4);
    this.chunks.i32[chunk]?.fill(0, i + HAS_LAST, i + I32_PER_ROW);
    return row;
  }

  /** Gives a row back. */
  close(row: number): void {
    this.free.push(row);
  }

  lastFireAt(row: number): number {
    const f64 = this.chunks.f64[RowChunks.chunk(row)] as Float64Array;
    return f64[(this.chunks.offset(row) >> 3) + LAST_FIRE] as number;
  }

  setLastFireAt(row: number, t: number): void {
    const f64 = this.chunks.f64[RowChunks.chunk(row)] as Float64Array;
    f64[(this.chunks.offset(row) >> 3) + LAST_FIRE] = t;
  }

  /** Records a task's last ended run: its id as four words (see `writeUuidWords`), times in ms. */
  setLastRun(
    row: number,
    w0: number,
    w1: number,
    w2: number,
    w3: number,
    status: ExecutionStatus,
    startedAt: number,
    endedAt: number,
    exitCode: number | null,
  ): void {
    const chunk = RowChunks.chunk(row);
    const f64 = this.chunks.f64[chunk] as Float64Array;
    const i32 = this.chunks.i32[chunk] as Int32Array;
    const f = this.chunks.offset(row) >> 3;
    const i = this.chunks.offset(row) >> 2;
    f64[f + LAST_STARTED] = startedAt;
    f64[f + LAST_ENDED] = endedAt;
    f64[f + LAST_EXIT] = exitCode ?? NaN;
    i32[i + HAS_LAST] = 1;
    i32[i + LAST_ID] = w0;
    i32[i + LAST_ID + 1] = w1;
    i32[i + LAST_ID + 2] = w2;
    i32[i + LAST_ID + 3] = w3;
    i32[i + LAST_STATUS] = STATUS_CODES[status];
  }

  /** The last run's fields, or null when the task has not ended a run yet. */
  lastRun(row: number): {
    words: [number, number, number, number];
    status: ExecutionStatus;
    startedAt: number | null;
    endedAt: number | null;
    exitCode: number | null;
  } | null {
    const chunk = RowChunks.chunk(row);
    const f64 = this.chunks.f64[chunk] as Float64Array;
    const i32 = this.chunks.i32[chunk] as Int32Array;
    const i = this.chunks.offset(row) >> 2;
    if (i32[i + HAS_LAST] !== 1) return null;
    const f = this.chunks.offset(row) >> 3;
    const startedAt = f64[f + LAST_STARTED] as number;
    const endedAt = f64[f + LAST_ENDED] as number;
    const exitCode = f64[f + LAST_EXIT] as number;
    return {
      words: [
        i32[i + LAST_ID] as number,
        i32[i + LAST_ID + 1] as number,
        i32[i + LAST_ID + 2] as number,
        i32[i + LAST_ID + 3] as number,
      ],
      status: EXECUTION_STATUSES[i32[i + LAST_STATUS] as number] ?? 'succeeded',
      startedAt: Number.isNaN(startedAt) ? null : startedAt,
      endedAt: Number.isNaN(endedAt) ? null : endedAt,
      exitCode: Number.isNaN(exitCode) ? null : exitCode,
    };
  }
}
