import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXECUTION_STATUSES, type ExecutionStatus } from '../../../shared/schemas/execution.js';
import {
  StatusBuckets,
  type StatusCounts,
} from '../../../electron/adapters/history/status-buckets.js';

/** The plain model: a Map of count objects, trimmed to the window when a newer slot appears. */
function model(window: number, adds: readonly [number, ExecutionStatus][]) {
  const slots = new Map<number, StatusCounts>();
  let newest = -Infinity;
  for (const [slot, status] of adds) {
    if (slot <= newest - window) continue;
    let counts = slots.get(slot);
    if (counts === undefined) {
      counts = {};
      slots.set(slot, counts);
      if (slot > newest) {
        newest = slot;
        for (const old of slots.keys()) if (old <= slot - window) slots.delete(old);
      }
    }
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return { newest, slots: [...slots].sort(([a], [b]) => a - b) };
}

const adds = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom(...EXECUTION_STATUSES)),
  { maxLength: 300 },
);

describe('StatusBuckets', () => {
  it('counts as a Map of objects would, in and out of order, keeping only the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), adds, (window, sequence) => {
        const buckets = new StatusBuckets(window);
        for (const [slot, status] of sequence) buckets.add(slot, status);
        const expected = model(window, sequence);
        expect(buckets.newest).toBe(expected.newest);
        expect([...buckets.slots()]).toEqual(expected.slots);
        expect([...buckets.slots(30)]).toEqual(expected.slots.filter(([slot]) => slot >= 30));
      }),
    );
  });

  it('reads back what it wrote', () => {
    fc.assert(
      fc.property(adds, (sequence) => {
        const buckets = new StatusBuckets(12);
        for (const [slot, status] of sequence) buckets.add(slot, status);
        const json: unknown = JSON.parse(JSON.stringify(buckets));
        if (!StatusBuckets.isJSON(json)) throw new Error('not the persisted form');
        const again = StatusBuckets.fromJSON(json, 12);
        expect([...again.slots()]).toEqual([...buckets.slots()]);
        expect(again.newest).toBe(buckets.newest);
      }),
    );
  });

  it('tells its persisted form from anything else', () => {
    expect(StatusBuckets.isJSON([])).toBe(true);
    expect(StatusBuckets.isJSON([[4, { succeeded: 2, failed: 0 }]])).toBe(true);
    for (const bad of [
      {},
      [[4]],
      [[4.5, {}]],
      [[4, []]],
      [[4, { sucdeeded: 1 }]],
      [[4, { failed: -1 }]],
      [[4, { failed: 1.5 }]],
      [['4', {}]],
    ]) {
      expect(StatusBuckets.isJSON(bad)).toBe(false);
    }
  });

  it('holds a full hourly window of 192 slots in 192 rows', () => {
    const buckets = new StatusBuckets(192);
    for (let hour = 0; hour < 1_000; hour++) buckets.add(hour, 'succeeded', 3);
    const slots = [...buckets.slots()];
    expect(slots).toHaveLength(192);
    expect(slots[0]).toEqual([808, { succeeded: 3 }]);
    // 192 rows of a slot and eight counts, four bytes each: nothing kept per execution.
    expect(JSON.stringify(buckets).length).toBeLessThan(192 * 40);
  });
});
