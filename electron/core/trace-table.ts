import { TRACE_OUTCOMES, type TraceOutcome } from '../../shared/schemas/trace.js';
import { readUuidBytes, writeUuidBytes } from './uuid-bytes.js';

/** One firing's outcome as the engine records it (`t` in ms). */
export interface TraceRecord {
  t: number;
  taskId: string;
  outcome: TraceOutcome;
  reason: string;
  executionId: string | null;
}

/** Bytes per entry: time (float64), outcome, id kind, id (16 bytes). */
const ENTRY_BYTES = 26;
const ID_NONE = 0;
const ID_BYTES = 1;
const ID_STRING = 2;
const OUTCOME_CODES = Object.fromEntries(
  TRACE_OUTCOMES.map((outcome, i) => [outcome, i]),
) as Record<TraceOutcome, number>;

/**
 * Bounded rings of trace entries, one row per task, all in shared buffers: memory never grows
 * with time, and ten thousand tasks hold three objects between them instead of several each
 * (a buffer, a view, a ring and a reasons array per task cost more than their entries). Times,
 * outcomes and execution ids are bytes, so a firing leaves no object behind; reasons are
 * strings, but shared ones (a trigger's description, a fixed sentence).
 */
export class TraceTable {
  private bytes: DataView;
  private reasons: string[] = [];
  /** Ids that are not canonical UUIDs (never from the engine), by entry index. */
  private otherIds: Map<number, string> | null = null;
  /** Per row: where its next entry goes, and how many it holds. */
  private next: Uint32Array;
  private count: Uint32Array;
  private rows = 0;
  private readonly free: number[] = [];

  constructor(
    readonly capacity: number,
    initialRows = 16,
  ) {
    this.bytes = new DataView(new ArrayBuffer(initialRows * capacity * ENTRY_BYTES));
    this.next = new Uint32Array(initialRows);
    this.count = new Uint32Array(initialRows);
  }

  /** A new, empty row. */
  open(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.rows === this.next.length) this.grow();
    return this.rows++;
  }

  /** Gives a row back; its entries are forgotten. */
  close(row: number): void {
    for (let i = 0; i < this.capacity; i++) {
      const entry = row * this.capacity + i;
      this.reasons[entry] = '';
      this.otherIds?.delete(entry);
    }
    this.next[row] = 0;
    this.count[row] = 0;
    this.free.push(row);
  }

  push(row: number, t: number, outcome: TraceOutcome, reason: string, id: string | null): void {
    if (this.capacity === 0) return;
    const entry = this.claim(row, t, outcome, reason);
    const at = entry * ENTRY_BYTES;
    const bytes = this.bytes;
    let kind = ID_NONE;
    if (id !== null) {
      kind = writeUuidBytes(id, bytes, at + 10) ? ID_BYTES : ID_STRING;
      if (kind === ID_STRING) (this.otherIds ??= new Map()).set(entry, id);
    }
    if (kind !== ID_STRING) this.otherIds?.delete(entry);
    bytes.setUint8(at + 9, kind);
  }

  /** As `push`, for an engine-made execution id given as its four words (see `uuidWord`). */
  pushWords(
    row: number,
    t: number,
    outcome: TraceOutcome,
    reason: string,
    w0: number,
    w1: number,
    w2: number,
    w3: number,
  ): void {
    const capacity = this.capacity;
    if (capacity === 0) return;
    const entry = this.claim(row, t, outcome, reason);
    const at = entry * ENTRY_BYTES;
    const bytes = this.bytes;
    bytes.setInt32(at + 10, w0);
    bytes.setInt32(at + 14, w1);
    bytes.setInt32(at + 18, w2);
    bytes.setInt32(at + 22, w3);
    this.otherIds?.delete(entry);
    bytes.setUint8(at + 9, ID_BYTES);
  }

  /** The latest `limit` entries of a row, newest first. */
  latest(row: number, taskId: string, limit: number): TraceRecord[] {
    const capacity = this.capacity;
    const out: TraceRecord[] = [];
    const bytes = this.bytes;
    const held = Math.min(limit, this.count[row] ?? 0);
    // The newest entry sits just before `next`.
    for (let i = 0; i < held; i++) {
      const slot = ((this.next[row] as number) - 1 - i + capacity) % capacity;
      const entry = row * capacity + slot;
      const at = entry * ENTRY_BYTES;
      const kind = bytes.getUint8(at + 9);
      out.push({
        t: bytes.getFloat64(at),
        taskId,
        outcome: TRACE_OUTCOMES[bytes.getUint8(at + 8)] ?? 'ran',
        reason: this.reasons[entry] ?? '',
        executionId:
          kind === ID_BYTES
            ? readUuidBytes(bytes, at + 10)
            : kind === ID_STRING
              ? (this.otherIds?.get(entry) ?? null)
              : null,
      });
    }
    return out;
  }

  /** Takes the row's next slot for an entry at `t`; returns the entry's index. */
  private claim(row: number, t: number, outcome: TraceOutcome, reason: string): number {
    const capacity = this.capacity;
    const slot = this.next[row] as number;
    this.next[row] = slot + 1 === capacity ? 0 : slot + 1;
    if ((this.count[row] as number) < capacity) this.count[row] = (this.count[row] as number) + 1;
    const entry = row * capacity + slot;
    const at = entry * ENTRY_BYTES;
    this.bytes.setFloat64(at, t);
    this.bytes.setUint8(at + 8, OUTCOME_CODES[outcome]);
    this.reasons[entry] = reason;
    return entry;
  }

  private grow(): void {
    const rows = this.next.length * 2;
    const bytes = new Uint8Array(rows * this.capacity * ENTRY_BYTES);
    bytes.set(new Uint8Array(this.bytes.buffer));
    this.bytes = new DataView(bytes.buffer);
    const next = new Uint32Array(rows);
    next.set(this.next);
    this.next = next;
    const count = new Uint32Array(rows);
    count.set(this.count);
    this.count = count;
  }
}

/** One task's ring of trace entries (a table of one row), for stores that keep them apart. */
export class TraceRing {
  private readonly table: TraceTable;

  constructor(
    readonly capacity: number,
    private readonly taskId: string,
  ) {
    this.table = new TraceTable(capacity, 1);
    this.table.open();
  }

  push(t: number, outcome: TraceOutcome, reason: string, executionId: string | null): void {
    this.table.push(0, t, outcome, reason, executionId);
  }

  /** The latest `limit` entries, newest first. */
  latest(limit: number): TraceRecord[] {
    return this.table.latest(0, this.taskId, limit);
  }
}
