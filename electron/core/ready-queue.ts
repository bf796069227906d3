/**
 * How long a waiting request takes to gain one priority level. Ordering is by priority, then
 * fire time, then arrival; but a request waiting this long per level overtakes higher ones, so
 * low priority cannot starve (worst case: 200 levels, 100 minutes).
 */
export const AGING_MS_PER_LEVEL = 30_000;

/**
 * The ordering key of a request: higher runs first. Comparing `priority + waited / AGING` of two
 * requests at any moment is the same as comparing this, so aging needs no re-sorting.
 */
export function priorityKey(priority: number, fireTime: number): number {
  return priority * AGING_MS_PER_LEVEL - fireTime;
}

/** What the ready queue holds: its key, its arrival number, and its place in the heap. */
export interface QueueItem {
  key: number;
  seq: number;
  heapIndex: number;
}

function before(a: QueueItem, b: QueueItem): boolean {
  return a.key > b.key || (a.key === b.key && a.seq < b.seq);
}

/** A binary heap of execution requests in run order, with removal of any item in O(log n). */
export class ReadyQueue<T extends QueueItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes `item` if it is queued; returns whether it was. */
  remove(item: T): boolean {
    const index = item.heapIndex;
    if (index < 0 || this.items[index] !== item) return false;
    const last = this.items.pop() as T;
    item.heapIndex = -1;
    if (last !== item) {
      this.items[index] = last;
      last.heapIndex = index;
      this.up(index);
      this.down(last.heapIndex);
    }
    return true;
  }

  /** Every queued item in the order they would run (a sorted copy). */
  ordered(): T[] {
    return this.items.slice().sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  private up(start: number): void {
    const items = this.items;
    const item = items[start] as T;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!before(item, parent)) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = item;
    item.heapIndex = index;
  }

  private down(start: number): void {
    const items = this.items;
    const length = items.length;
    const item = items[start] as T;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(items[right] as T, items[left] as T)) child = right;
      const candidate = items[child] as T;
      if (!before(candidate, item)) break;
      items[index] = candidate;
      candidate.heapIndex = index;
      index = child;
    }
    items[index] = item;
    item.heapIndex = index;
  }
}
