const INITIAL_CAPACITY = 16;

/**
 * A first-in, first-out run of alarms whose due times never decrease: what a periodic trigger
 * makes, re-armed one period on each time it comes due. Taking the next one is reading the
 * front of a ring (no sifting through a heap); each entry keeps its due time and its sequence
 * number, so a run and the heap are merged by time, then by insertion.
 */
export class AlarmLane<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(INITIAL_CAPACITY);
  /** Entry i's due time at 2i, its sequence number at 2i + 1. */
  private numbers = new Float64Array(2 * INITIAL_CAPACITY);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Due time of the front entry (Infinity when empty). */
  frontAt(): number {
    return this.count === 0 ? Infinity : (this.numbers[2 * this.head] as number);
  }

  frontSeq(): number {
    return this.numbers[2 * this.head + 1] as number;
  }

  /** Due time of the back entry (-Infinity when empty): what a new entry must not precede. */
  backAt(): number {
    if (this.count === 0) return -Infinity;
    const back = (this.head + this.count - 1) & (this.items.length - 1);
    return this.numbers[2 * back] as number;
  }

  /** Appends an entry; its due time must not be before `backAt()`. */
  push(item: T, at: number, seq: number): void {
    if (this.count === this.items.length) this.grow();
    const slot = (this.head + this.count) & (this.items.length - 1);
    this.items[slot] = item;
    this.numbers[2 * slot] = at;
    this.numbers[2 * slot + 1] = seq;
    this.count++;
  }

  /** Takes the front entry (the lane must not be empty). */
  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return item;
  }

  /** Keeps only the entries `keep` accepts, in their order. */
  filter(keep: (item: T) => boolean): void {
    const entries: { item: T; at: number; seq: number }[] = [];
    while (this.count > 0) {
      const at = this.frontAt();
      const seq = this.frontSeq();
      const item = this.shift();
      if (keep(item)) entries.push({ item, at, seq });
    }
    this.head = 0;
    for (const entry of entries) this.push(entry.item, entry.at, entry.seq);
  }

  private grow(): void {
    const capacity = this.items.length;
    const items = new Array<T | undefined>(capacity * 2);
    const numbers = new Float64Array(capacity * 4);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & (capacity - 1);
      items[i] = this.items[from];
      numbers[2 * i] = this.numbers[2 * from] as number;
      numbers[2 * i + 1] = this.numbers[2 * from + 1] as number;
    }
    this.items = items;
    this.numbers = numbers;
    this.head = 0;
  }
}
