import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGING_MS_PER_LEVEL,
  priorityKey,
  ReadyQueue,
  type QueueItem,
} from '../../electron/core/ready-queue.js';

interface Item extends QueueItem {
  priority: number;
  fireTime: number;
}

const item = (priority: number, fireTime: number, seq: number): Item => ({
  priority,
  fireTime,
  seq,
  key: priorityKey(priority, fireTime),
  queued: false,
});

/** The order the contract promises: priority, then fire time, then arrival (within the aging window). */
const expected = (items: Item[]) =>
  [...items].sort((a, b) => b.key - a.key || a.seq - b.seq).map((entry) => entry.seq);

const drain = (queue: ReadyQueue<Item>) => {
  const out: number[] = [];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) out.push(next.seq);
  return out;
};

describe('ReadyQueue', () => {
  it('pops by priority, then fire time, then arrival (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 5_000 })),
          { maxLength: 300 },
        ),
        (specs) => {
          const items = specs.map(([priority, fireTime], seq) => item(priority, fireTime, seq));
          const queue = new ReadyQueue<Item>();
          items.forEach((entry) => {
            queue.push(entry);
          });
          // Within a few seconds of each other, the order is exactly priority then fire time then arrival.
          const exact = [...items]
            .sort((a, b) => b.priority - a.priority || a.fireTime - b.fireTime || a.seq - b.seq)
            .map((entry) => entry.seq);
          expect(drain(queue)).toEqual(exact);
        },
      ),
    );
  });

  it('keeps its order when arbitrary items are removed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: -100, max: 100 }),
            fc.integer({ min: 0, max: 10_000_000 }),
            fc.boolean(),
          ),
          { maxLength: 300 },
        ),
        (specs) => {
          const items = specs.map(([priority, fireTime], seq) => item(priority, fireTime, seq));
          const queue = new ReadyQueue<Item>();
          items.forEach((entry) => {
            queue.push(entry);
          });
          const removed = items.filter((_, index) => specs[index]?.[2] === true);
          removed.forEach((entry) => {
            expect(queue.remove(entry)).toBe(true);
          });
          removed.forEach((entry) => {
            expect(queue.remove(entry)).toBe(false);
          });
          expect(drain(queue)).toEqual(expected(items.filter((entry) => !removed.includes(entry))));
        },
      ),
    );
  });

  it('ages: a request waiting long enough overtakes any higher priority', () => {
    const low = item(-100, 0, 0);
    // 200 levels * 30 s after the low one fired, even +100 no longer goes first.
    const high = item(100, 200 * AGING_MS_PER_LEVEL + 1, 1);
    const queue = new ReadyQueue<Item>();
    queue.push(high);
    queue.push(low);
    expect(queue.pop()).toBe(low);
  });

  it('lists items in run order without consuming them', () => {
    const queue = new ReadyQueue<Item>();
    [item(0, 5, 0), item(3, 9, 1), item(3, 1, 2)].forEach((entry) => {
      queue.push(entry);
    });
    expect(queue.ordered().map((entry) => entry.seq)).toEqual([2, 1, 0]);
    expect(queue.size).toBe(3);
  });
});
