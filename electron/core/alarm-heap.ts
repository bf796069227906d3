import { KeyedHeap } from './keyed-heap.js';

/** What the alarm heap holds: a due time and whether it is still wanted. */
export interface HeapAlarm {
  at: number;
  live: boolean;
}

/**
 * Alarms by due time, then by insertion (alarms due together come out in the order they were
 * added). Pushing and popping allocate nothing, which a map of per-millisecond buckets did (a
 * bucket array and a boxed key per distinct time).
 */
export class AlarmHeap<A extends HeapAlarm> {
  private readonly heap = new KeyedHeap<A>();
  private seq = 0;

  /** Entries in the heap, cancelled ones included. */
  get size(): number {
    return this.heap.size;
  }

  /** Due time of the earliest entry, or Infinity when empty. */
  peekAt(): number {
    return this.heap.peekKey();
  }

  push(alarm: A): void {
    this.heap.push(alarm, alarm.at, this.seq++);
  }

  /** Takes the earliest entry (live or not), or undefined when empty. */
  pop(): A | undefined {
    return this.heap.pop();
  }

  /** Removes every entry that is no longer live, keeping the order of the rest. */
  compact(): void {
    this.heap.filter((alarm) => alarm.live);
  }

  clear(): void {
    this.heap.clear();
  }
}
