import { EXECUTION_STATUSES, type ExecutionStatus } from '../../shared/schemas/execution.js';

/** Bytes per task: one cache line. */
const ROW_BYTES = 64;
const F64_PER_ROW = ROW_BYTES / 8;
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
  private f64: Float64Array;
  private i32: Int32Array;
  private rows = 0;
  private readonly free: number[] = [];

  constructor(initialRows = 64) {
    const buffer = new ArrayBuffer(initialRows * ROW_BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }

  /** A new row: no fire, no run. */
  open(): number {
    const row = this.free.pop() ?? this.rows++;
    if ((row + 1) * F64_PER_ROW > this.f64.length) this.grow();
    this.f64.fill(NaN, row * F64_PER_ROW, row * F64_PER_ROW + 4);
    this.i32.fill(0, row * I32_PER_ROW + HAS_LAST, (row + 1) * I32_PER_ROW);
    return row;
  }

  /** Gives a row back. */
  close(row: number): void {
    this.free.push(row);
  }

  lastFireAt(row: number): number {
    return this.f64[row * F64_PER_ROW + LAST_FIRE] as number;
  }

  setLastFireAt(row: number, t: number): void {
    this.f64[row * F64_PER_ROW + LAST_FIRE] = t;
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
    const f = row * F64_PER_ROW;
    this.f64[f + LAST_STARTED] = startedAt;
    this.f64[f + LAST_ENDED] = endedAt;
    this.f64[f + LAST_EXIT] = exitCode ?? NaN;
    const i = row * I32_PER_ROW;
    const i32 = this.i32;
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
    const i = row * I32_PER_ROW;
    const i32 = this.i32;
    if (i32[i + HAS_LAST] !== 1) return null;
    const f = row * F64_PER_ROW;
    const startedAt = this.f64[f + LAST_STARTED] as number;
    const endedAt = this.f64[f + LAST_ENDED] as number;
    const exitCode = this.f64[f + LAST_EXIT] as number;
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

  private grow(): void {
    const buffer = new ArrayBuffer(this.f64.byteLength * 2);
    const f64 = new Float64Array(buffer);
    f64.set(this.f64);
    this.f64 = f64;
    this.i32 = new Int32Array(buffer);
  }
}
