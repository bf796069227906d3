import { TRACE_OUTCOMES } from '../../shared/schemas/status-names.js';
import type { TraceOutcome } from '../../shared/schemas/trace.js';
import { ReasonTable } from './reason-table.js';
import { RowChunks } from './row-chunks.js';
import { uuidOfWords, writeUuidWords } from './uuid-words.js';

/** One firing's outcome as the engine records it (`t` in ms). */
export interface TraceRecord {
  t: number;
  taskId: string;
  outcome: TraceOutcome;
  reason: string;
  executionId: string | null;
}

/**
 * A row is one block: a header (int32s: where its next entry goes, how many it holds, the reason
 * of its newest entries and how many in a row have it) and its entries, each time (float64), id
 * (four int32 words), outcome, id kind and reason number (int32), in 32 bytes. Recording an entry
 * touches the row's header and that entry only: where separate arrays of heads, counts and
 * reason strings cost a cache miss each. Every field is aligned and read through typed arrays
 * over the one buffer (a DataView's calls cost several times as much).
 */
const HEADER_BYTES = 16;
/** Int32 offsets within the header. */
const NEXT = 0;
const COUNT = 1;
const RUN_REASON = 2;
const RUN_LENGTH = 3;
const ENTRY_BYTES = 32;
/** Offsets within an entry, in bytes. */
const ID_AT = 8;
const OUTCOME_AT = 24;
const KIND_AT = 25;
const REASON_AT = 28;
const ID_NONE = 0;
const ID_WORDS = 1;
const ID_STRING = 2;
const OUTCOME_CODES = Object.fromEntries(
  TRACE_OUTCOMES.map((outcome, i) => [outcome, i]),
) as Record<TraceOutcome, number>;

/**
 * Bounded rings of trace entries, one row per task, all in one shared buffer: memory never
 * grows with time, and ten thousand tasks hold a few objects between them instead of several
 * each (a buffer, a view, a ring and a reasons array per task cost more than their entries).
 * Times, outcomes, execution ids and reasons (see ReasonTable) are numbers, so a firing leaves
 * no object behind.
 */
export class TraceTable {
  private readonly chunks: RowChunks;
  private readonly reasons = new ReasonTable();
  /** Ids that are not canonical UUIDs (never from the engine), by entry index. */
  private otherIds: Map<number, string> | null = null;
  private rows = 0;
  private readonly free: number[] = [];

  constructor(readonly capacity: number) {
    this.chunks = new RowChunks(HEADER_BYTES + capacity * ENTRY_BYTES);
  }

  /** A new, empty row. */
  open(): number {
    const row = this.free.pop() ?? this.rows++;
    this.chunks.ensure(row);
    return row;
  }

  /** Gives a row back; its entries are forgotten. */
  close(row: number): void {
    const i32 = this.chunks.i32[RowChunks.chunk(row)] as Int32Array;
    const start = this.chunks.offset(row);
    for (let i = 0; i < this.capacity; i++) {
      this.otherIds?.delete(row * this.capacity + i);
      const reason = (start + HEADER_BYTES + i * ENTRY_BYTES + REASON_AT) >> 2;
      this.reasons.release(i32[reason] as number);
      i32[reason] = 0;
    }
    i32.fill(0, start >> 2, (start + HEADER_BYTES) >> 2);
    this.free.push(row);
  }

  push(row: number, t: number, outcome: TraceOutcome, reason: string, id: string | null): void {
    if (this.capacity === 0) return;
    const at = this.claim(row, t, outcome, reason);
    const entry = this.entryOf(row, at);
    const chunk = RowChunks.chunk(row);
    let kind = ID_NONE;
    if (id !== null) {
      const i32 = this.chunks.i32[chunk] as Int32Array;
      kind = writeUuidWords(id, i32, (at + ID_AT) >> 2) ? ID_WORDS : ID_STRING;
      if (kind === ID_STRING) (this.otherIds ??= new Map()).set(entry, id);
    }
    if (kind !== ID_STRING) this.otherIds?.delete(entry);
    (this.chunks.u8[chunk] as Uint8Array)[at + KIND_AT] = kind;
  }

  /** As `push`, for an engine-made execution id given as its four words. */
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
    if (this.capacity === 0) return;
    const at = this.claim(row, t, outcome, reason);
    const chunk = RowChunks.chunk(row);
    const i32 = this.chunks.i32[chunk] as Int32Array;
    const words = (at + ID_AT) >> 2;
    i32[words] = w0;
    i32[words + 1] = w1;
    i32[words + 2] = w2;
    i32[words + 3] = w3;
    if (this.otherIds !== null) this.otherIds.delete(this.entryOf(row, at));
    (this.chunks.u8[chunk] as Uint8Array)[at + KIND_AT] = ID_WORDS;
  }

  /** Distinct reasons the entries hold. */
  get reasonCount(): number {
    return this.reasons.size;
  }

  /** The latest `limit` entries of a row, newest first. */
  latest(row: number, taskId: string, limit: number): TraceRecord[] {
    const capacity = this.capacity;
    const out: TraceRecord[] = [];
    const chunk = RowChunks.chunk(row);
    const f64 = this.chunks.f64[chunk] as Float64Array;
    const i32 = this.chunks.i32[chunk] as Int32Array;
    const u8 = this.chunks.u8[chunk] as Uint8Array;
    const start = this.chunks.offset(row);
    const next = i32[(start >> 2) + NEXT] as number;
    const held = Math.min(limit, i32[(start >> 2) + COUNT] as number);
    // The newest entry sits just before `next`.
    for (let i = 0; i < held; i++) {
      const slot = (next - 1 - i + capacity) % capacity;
      const at = start + HEADER_BYTES + slot * ENTRY_BYTES;
      const entry = row * capacity + slot;
      const kind = u8[at + KIND_AT];
      const words = (at + ID_AT) >> 2;
      out.push({
        t: f64[at >> 3] as number,
        taskId,
        outcome: TRACE_OUTCOMES[u8[at + OUTCOME_AT] as number] ?? 'ran',
        reason: this.reasons.text(i32[(at + REASON_AT) >> 2] as number),
        executionId:
          kind === ID_WORDS
            ? uuidOfWords(
                i32[words] as number,
                i32[words + 1] as number,
                i32[words + 2] as number,
                i32[words + 3] as number,
              )
            : kind === ID_STRING
              ? (this.otherIds?.get(entry) ?? null)
              : null,
      });
    }
    return out;
  }

  /** The entry index (row * capacity + slot) of the entry at byte `at` of `row`'s chunk. */
  private entryOf(row: number, at: number): number {
    return row * this.capacity + (at - this.chunks.offset(row) - HEADER_BYTES) / ENTRY_BYTES;
  }

  /** Takes the row's next slot for an entry at `t`; returns where the entry starts (bytes). */
  private claim(row: number, t: number, outcome: TraceOutcome, reason: string): number {
    const capacity = this.capacity;
    const chunk = RowChunks.chunk(row);
    const i32 = this.chunks.i32[chunk] as Int32Array;
    const start = this.chunks.offset(row);
    const head = start >> 2;
    const slot = i32[head + NEXT] as number;
    const count = i32[head + COUNT] as number;
    const runReason = i32[head + RUN_REASON] as number;
    const runLength = i32[head + RUN_LENGTH] as number;
    i32[head + NEXT] = slot + 1 === capacity ? 0 : slot + 1;
    if (count < capacity) i32[head + COUNT] = count + 1;
    const at = start + HEADER_BYTES + slot * ENTRY_BYTES;
    (this.chunks.f64[chunk] as Float64Array)[at >> 3] = t;
    (this.chunks.u8[chunk] as Uint8Array)[at + OUTCOME_AT] = OUTCOME_CODES[outcome];
    const reasonAt = (at + REASON_AT) >> 2;
    let n: number;
    if (count > 0 && runLength >= count && this.reasons.text(runReason) === reason) {
      // Every entry the row holds has this reason (a task firing on schedule): the overwritten
      // one too, so its reason is not read (a cache miss a fire) and its use passes on.
      n = runReason;
      if (count < capacity) this.reasons.retain(n);
    } else {
      const previous = i32[reasonAt] as number;
      if (previous !== 0 && this.reasons.text(previous) === reason) {
        n = previous;
      } else {
        this.reasons.release(previous);
        n = this.reasons.hold(reason);
      }
    }
    i32[reasonAt] = n;
    i32[head + RUN_REASON] = n;
    i32[head + RUN_LENGTH] = n === runReason ? Math.min(runLength + 1, capacity) : 1;
    return at;
  }
}

/** One task's ring of trace entries (a table of one row), for stores that keep them apart. */
export class TraceRing {
  private readonly table: TraceTable;

  constructor(
    readonly capacity: number,
    private readonly taskId: string,
  ) {
    this.table = new TraceTable(capacity);
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
