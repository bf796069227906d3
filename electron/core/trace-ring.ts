import type { TraceOutcome } from '../../shared/schemas/trace.js';

/** One firing's outcome as the engine records it (`t` in ms). */
export interface TraceRecord {
  t: number;
  taskId: string;
  outcome: TraceOutcome;
  reason: string;
  executionId: string | null;
}

/** A fixed-size ring of a task's latest trace records; memory never grows with time. */
export class TraceRing {
  private readonly items: (TraceRecord | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<TraceRecord | undefined>(capacity);
  }

  push(record: TraceRecord): void {
    this.items[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** The latest `limit` records, newest first. */
  latest(limit: number): TraceRecord[] {
    const out: TraceRecord[] = [];
    for (let i = 1; i <= Math.min(limit, this.count); i++) {
      const record = this.items[(this.next - i + this.capacity) % this.capacity];
      if (record !== undefined) out.push(record);
    }
    return out;
  }
}
