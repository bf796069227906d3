import { KeyedHeap } from './keyed-heap.js';

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

/**
 * Execution requests in run order: highest key first, then lowest arrival number (a min-heap on
 * the negated key). Removal is lazy: a removed item is marked and skipped when it surfaces.
 */
export class ReadyQueue<T extends QueueItem> {
  private readonly heap = new KeyedHeap<T>();
  private live = 0;

  /** Items queued (removed ones not counted). */
  get size(): number {
    return this.live;
  }

  push(item: T): void {
    if (item.queued) return;
    item.queued = true;
    this.live++;
    this.heap.push(item, -item.key, item.seq);
  }

  /** Takes the first item in run order, or undefined when none is queued. */
  pop(): T | undefined {
    for (let top = this.heap.pop(); top !== undefined; top = this.heap.pop()) {
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
    if (this.live === 0) this.heap.clear();
    return true;
  }

  /** Every queued item in the order they would run (a sorted copy). */
  ordered(): T[] {
    const out = new Set<T>();
    for (const item of this.heap.entries()) if (item.queued) out.add(item);
    return [...out].sort((a, b) => b.key - a.key || a.seq - b.seq);
  }
}
