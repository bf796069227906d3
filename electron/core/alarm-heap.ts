/** What the alarm heap holds: a due time and whether it is still wanted. */
export interface HeapAlarm {
  at: number;
  live: boolean;
}

const INITIAL_CAPACITY = 64;

/**
 * A binary min-heap of alarms by due time, then by insertion (alarms due together come out in
 * the order they were added). Due times and insertion numbers live in typed arrays beside the
 * alarms, so sifting compares numbers in place; pushing and popping allocate nothing, which a
 * map of per-millisecond buckets did (a bucket array and a boxed key per distinct time).
 */
export class AlarmHeap<A extends HeapAlarm> {
  private items: (A | undefined)[] = [];
  private keys = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private length = 0;
  private seq = 0;

  /** Entries in the heap, cancelled ones included. */
  get size(): number {
    return this.length;
  }

  /** Due time of the earliest entry, or Infinity when empty. */
  peekAt(): number {
    return this.length === 0 ? Infinity : (this.keys[0] as number);
  }

  push(alarm: A): void {
    if (this.length === this.keys.length) this.grow();
    const key = alarm.at;
    const seq = this.seq++;
    const { items, keys, seqs } = this;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentKey = keys[parent] as number;
      if (parentKey < key || (parentKey === key && (seqs[parent] as number) < seq)) break;
      items[index] = items[parent];
      keys[index] = parentKey;
      seqs[index] = seqs[parent] as number;
      index = parent;
    }
    items[index] = alarm;
    keys[index] = key;
    seqs[index] = seq;
  }

  /** Takes the earliest entry (live or not), or undefined when empty. */
  pop(): A | undefined {
    if (this.length === 0) return undefined;
    const { items, keys, seqs } = this;
    const top = items[0];
    const last = --this.length;
    const item = items[last];
    const key = keys[last] as number;
    const seq = seqs[last] as number;
    items[last] = undefined;
    if (last === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= last) break;
      const right = left + 1;
      let child = left;
      if (right < last) {
        const leftKey = keys[left] as number;
        const rightKey = keys[right] as number;
        if (
          rightKey < leftKey ||
          (rightKey === leftKey && (seqs[right] as number) < (seqs[left] as number))
        )
          child = right;
      }
      const childKey = keys[child] as number;
      if (key < childKey || (key === childKey && seq < (seqs[child] as number))) break;
      items[index] = items[child];
      keys[index] = childKey;
      seqs[index] = seqs[child] as number;
      index = child;
    }
    items[index] = item;
    keys[index] = key;
    seqs[index] = seq;
    return top;
  }

  /** Removes every entry that is no longer live, keeping the order of the rest. */
  compact(): void {
    const live: A[] = [];
    const order: number[] = [];
    for (let i = 0; i < this.length; i++) {
      const alarm = this.items[i];
      if (alarm?.live === true) {
        live.push(alarm);
        order.push(this.seqs[i] as number);
      }
    }
    const byPosition = live
      .map((_, i) => i)
      .sort((a, b) => (order[a] as number) - (order[b] as number));
    this.items = [];
    this.length = 0;
    // Re-inserted in their original insertion order, so ties still come out as they went in.
    for (const i of byPosition) this.push(live[i] as A);
  }

  clear(): void {
    this.items = [];
    this.length = 0;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    keys.set(this.keys);
    seqs.set(this.seqs);
    this.keys = keys;
    this.seqs = seqs;
  }
}
