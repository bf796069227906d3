import type { TraceOutcome } from '../../shared/schemas/trace.js';

/** One firing's outcome as the engine records it (`t` in ms). */
export interface TraceRecord {
  t: number;
  taskId: string;
  outcome: TraceOutcome;
  reason: string;
  executionId: string | null;
}

/** Values per entry in the ring's one array: time, outcome, reason, execution id. */
const STRIDE = 4;

/**
 * A bounded ring of a task's latest trace entries; memory never grows with time. Entries are
 * kept flat in one array, not as objects, so a firing retains no object of its own (ten
 * thousand tasks firing every second would otherwise push each record into V8's old space);
 * the array is made on the first entry, so quiet tasks cost nothing.
 */
export class TraceRing {
  private entries: (number | string | null)[] | null = null;
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    private readonly taskId: string,
  ) {}

  push(t: number, outcome: TraceOutcome, reason: string, executionId: string | null): void {
    if (this.capacity === 0) return;
    // Sized once on first use: no growth, no reallocation.
    const entries = (this.entries ??= new Array<number | string | null>(this.capacity * STRIDE));
    const at = this.next * STRIDE;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    entries[at] = t;
    entries[at + 1] = outcome;
    entries[at + 2] = reason;
    entries[at + 3] = executionId;
  }

  /** The latest `limit` entries, newest first. */
  latest(limit: number): TraceRecord[] {
    const entries = this.entries ?? [];
    const out: TraceRecord[] = [];
    // The newest entry sits just before `next`.
    for (let i = 0; i < Math.min(limit, this.count); i++) {
      const at = ((this.next - 1 - i + this.capacity) % this.capacity) * STRIDE;
      out.push({
        t: entries[at] as number,
        taskId: this.taskId,
        outcome: entries[at + 1] as TraceOutcome,
        reason: entries[at + 2] as string,
        executionId: entries[at + 3] as string | null,
      });
    }
    return out;
  }
}
