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

/** Bytes per entry in the ring's buffer: time (float64), outcome, id kind, id (16 bytes). */
const ENTRY_BYTES = 26;
const ID_NONE = 0;
const ID_BYTES = 1;
const ID_STRING = 2;

/**
 * A bounded ring of a task's latest trace entries; memory never grows with time. Times,
 * outcomes and execution ids live in one byte buffer, so a firing leaves no object behind:
 * ten thousand tasks firing every second would otherwise keep a number and an id string per
 * entry and push each into V8's old space. Reasons are kept as strings; they are shared
 * (a trigger's description, a fixed sentence). The buffer is made on the first entry, so quiet
 * tasks cost nothing.
 */
export class TraceRing {
  private bytes: DataView | null = null;
  private reasons: string[] = [];
  /** Ids that are not canonical UUIDs (never from the engine), by slot. */
  private otherIds: (string | null)[] | null = null;
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    private readonly taskId: string,
  ) {}

  push(t: number, outcome: TraceOutcome, reason: string, executionId: string | null): void {
    if (this.capacity === 0) return;
    // Sized once on first use: no growth, no reallocation.
    const bytes = (this.bytes ??= new DataView(new ArrayBuffer(this.capacity * ENTRY_BYTES)));
    const slot = this.next;
    const at = slot * ENTRY_BYTES;
    this.next = (slot + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    bytes.setFloat64(at, t);
    bytes.setUint8(at + 8, TRACE_OUTCOMES.indexOf(outcome));
    this.reasons[slot] = reason;
    let kind = ID_NONE;
    if (executionId !== null) {
      kind = writeUuidBytes(executionId, bytes, at + 10) ? ID_BYTES : ID_STRING;
      if (kind === ID_STRING) (this.otherIds ??= [])[slot] = executionId;
    }
    if (kind !== ID_STRING && this.otherIds !== null) this.otherIds[slot] = null;
    bytes.setUint8(at + 9, kind);
  }

  /** The latest `limit` entries, newest first. */
  latest(limit: number): TraceRecord[] {
    const bytes = this.bytes;
    const out: TraceRecord[] = [];
    if (bytes === null) return out;
    // The newest entry sits just before `next`.
    for (let i = 0; i < Math.min(limit, this.count); i++) {
      const slot = (this.next - 1 - i + this.capacity) % this.capacity;
      const at = slot * ENTRY_BYTES;
      const kind = bytes.getUint8(at + 9);
      out.push({
        t: bytes.getFloat64(at),
        taskId: this.taskId,
        outcome: TRACE_OUTCOMES[bytes.getUint8(at + 8)] ?? 'ran',
        reason: this.reasons[slot] ?? '',
        executionId:
          kind === ID_BYTES
            ? readUuidBytes(bytes, at + 10)
            : kind === ID_STRING
              ? (this.otherIds?.[slot] ?? null)
              : null,
      });
    }
    return out;
  }
}
