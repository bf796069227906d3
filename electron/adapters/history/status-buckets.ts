import { EXECUTION_STATUSES, type ExecutionStatus } from '../../../shared/schemas/execution.js';

/** Executions by status; statuses with none are absent. */
export type StatusCounts = Partial<Record<ExecutionStatus, number>>;

const STATUS_INDEX = new Map<string, number>(EXECUTION_STATUSES.map((status, i) => [status, i]));
/** A row: the slot, then one count per status. */
const ROW = 1 + EXECUTION_STATUSES.length;

/**
 * Counts of ended executions by status in numbered time slots (hours or days since the epoch),
 * keeping the newest `window` slots only. The slots that have counts are rows of one Int32Array,
 * ascending by slot: 36 bytes a slot, where a Map of objects took some 150 — and every task keeps
 * up to 192 hourly and 400 daily slots.
 */
export class StatusBuckets {
  private rows = new Int32Array(0);
  private size = 0;
  /** The newest slot counted, -Infinity before any. */
  newest = -Infinity;

  constructor(private readonly window: number) {}

  /** Counts `n` executions that ended in `slot` with `status`; a slot out of the window is not kept. */
  add(slot: number, status: ExecutionStatus, n = 1): void {
    if (slot <= this.newest - this.window) return;
    let row = this.rowOf(slot);
    if (row < 0) {
      if (slot > this.newest) {
        this.newest = slot;
        this.dropUpTo(slot - this.window);
      }
      row = this.insert(slot);
    }
    const at = row * ROW + 1 + (STATUS_INDEX.get(status) ?? 0);
    this.rows[at] = (this.rows[at] ?? 0) + n;
  }

  /** Each slot from `from` on that has counts, oldest first, with its counts. */
  *slots(from = -Infinity): IterableIterator<[number, StatusCounts]> {
    for (let row = 0; row < this.size; row++) {
      const base = row * ROW;
      const slot = this.rows[base] ?? 0;
      if (slot < from) continue;
      const counts: StatusCounts = {};
      EXECUTION_STATUSES.forEach((status, i) => {
        const n = this.rows[base + 1 + i] ?? 0;
        if (n > 0) counts[status] = n;
      });
      yield [slot, counts];
    }
  }

  /** The persisted form: [slot, counts] pairs, oldest first. */
  toJSON(): [number, StatusCounts][] {
    return [...this.slots()];
  }

  /** Buckets of `window` slots holding `pairs` (as `toJSON` gives them). */
  static fromJSON(
    pairs: readonly (readonly [number, StatusCounts])[],
    window: number,
  ): StatusBuckets {
    const buckets = new StatusBuckets(window);
    for (const [slot, counts] of pairs) {
      for (const [status, n] of Object.entries(counts) as [ExecutionStatus, number][]) {
        if (n > 0) buckets.add(slot, status, n);
      }
    }
    return buckets;
  }

  /**
   * Whether `value` is the persisted form (see `toJSON`): checked by hand, since the stored
   * aggregates hold up to 592 of these per task and a schema would copy each one.
   */
  static isJSON(value: unknown): value is [number, StatusCounts][] {
    if (!Array.isArray(value)) return false;
    for (const pair of value as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || !Number.isInteger(pair[0])) return false;
      const counts: unknown = pair[1];
      if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) return false;
      for (const [status, n] of Object.entries(counts)) {
        if (!STATUS_INDEX.has(status) || !Number.isInteger(n) || (n as number) < 0) return false;
      }
    }
    return true;
  }

  /** The row holding `slot`, or -1. */
  private rowOf(slot: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.rows[mid * ROW] ?? 0) < slot) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.size && this.rows[lo * ROW] === slot ? lo : -1;
  }

  /** Adds an empty row for `slot` in its place; returns the row. */
  private insert(slot: number): number {
    if ((this.size + 1) * ROW > this.rows.length) {
      // Grows by doubling, but never past the window: a full hourly window is exactly 192 rows.
      const capacity = Math.min(Math.max(2, this.size * 2), Math.max(this.window, this.size + 1));
      const grown = new Int32Array(capacity * ROW);
      grown.set(this.rows.subarray(0, this.size * ROW));
      this.rows = grown;
    }
    let row = this.size;
    while (row > 0 && (this.rows[(row - 1) * ROW] ?? 0) > slot) row--;
    this.rows.copyWithin((row + 1) * ROW, row * ROW, this.size * ROW);
    this.rows.fill(0, row * ROW, (row + 1) * ROW);
    this.rows[row * ROW] = slot;
    this.size++;
    return row;
  }

  /** Forgets the slots up to and including `slot`. */
  private dropUpTo(slot: number): void {
    let keep = 0;
    while (keep < this.size && (this.rows[keep * ROW] ?? 0) <= slot) keep++;
    if (keep === 0) return;
    this.rows.copyWithin(0, keep * ROW, this.size * ROW);
    this.size -= keep;
  }
}
