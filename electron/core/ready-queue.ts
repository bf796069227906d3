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

/** What the ready queue holds: its key, its arrival number, and whether it is queued now. */
export interface QueueItem {
  key: number;
  seq: number;
  queued: boolean;
}

const INITIAL_CAPACITY = 64;

/**
 * A binary heap of execution requests in run order. Keys and arrival numbers live in typed
 * arrays beside the items, so sifting compares numbers in place instead of chasing objects.
 * Removal is lazy: a removed item is marked and skipped when it surfaces.
 */
export class ReadyQueue<T extends QueueItem> {
  private items: (T | undefined)[] = [];
  private keys = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private length = 0;
  private live = 0;

  /** Items queued (removed ones not counted). */
  get size(): number {
    return this.live;
  }

  push(item: T): void {
    if (item.queued) return;
    item.queued = true;
    this.live++;
    if (this.length === this.keys.length) this.grow();
    let index = this.length++;
    const key = item.key;
    const seq = item.seq;
    const { items, keys, seqs } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentKey = keys[parent] as number;
      if (key < parentKey || (key === parentKey && seq > (seqs[parent] as number))) break;
      items[index] = items[parent];
      keys[index] = parentKey;
      seqs[index] = seqs[parent] as number;
      index = parent;
    }
    items[index] = item;
    keys[index] = key;
    seqs[index] = seq;
  }

  /** Takes the first item in run order, or undefined when none is queued. */
  pop(): T | undefined {
    while (this.length > 0) {
      const top = this.takeTop();
      if (top.queued) {
        top.queued = false;
        this.live--;
        return top;
      }
    }
    return undefined;
  }

  /** Removes `item` if it is queued; returns whether it was. */
  remove(item: T): boolean {
    if (!item.queued) return false;
    item.queued = false;
    this.live--;
    if (this.live === 0) this.clear();
    return true;
  }

  /** Every queued item in the order they would run (a sorted copy). */
  ordered(): T[] {
    const out = new Set<T>();
    for (let i = 0; i < this.length; i++) {
      const item = this.items[i];
      if (item?.queued === true) out.add(item);
    }
    return [...out].sort((a, b) => b.key - a.key || a.seq - b.seq);
  }

  private takeTop(): T {
    const { items, keys, seqs } = this;
    const top = items[0] as T;
    const last = --this.length;
    const item = items[last] as T;
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
          rightKey > leftKey ||
          (rightKey === leftKey && (seqs[right] as number) < (seqs[left] as number))
        )
          child = right;
      }
      const childKey = keys[child] as number;
      if (key > childKey || (key === childKey && seq < (seqs[child] as number))) break;
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

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    keys.set(this.keys);
    seqs.set(this.seqs);
    this.keys = keys;
    this.seqs = seqs;
  }

  private clear(): void {
    this.items = [];
    this.length = 0;
  }
}
