import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlarmQueue, type Alarm } from '../../electron/core/alarm-queue.js';
import { FakeClock } from '../../electron/core/fake-clock.js';

interface Tagged extends Alarm {
  tag: number;
}

type Step =
  | { op: 'add'; at: number; lane: number | null }
  | { op: 'cancel'; pick: number }
  | { op: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      at: fc.integer({ min: 0, max: 120_000 }),
      // A lane only speeds things up: alarms out of their lane's order go to the heap.
      lane: fc.option(fc.constantFrom(1_000, 5_000), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('advance' as const),
      ms: fc.integer({ min: 0, max: 40_000 }),
    }),
  },
);

describe('AlarmQueue', () => {
  it('runs every live alarm once, at its time or after, by time then insertion, on one timer (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const clock = new FakeClock(0);
        const fired: { tag: number; at: number; now: number }[] = [];
        const queue = new AlarmQueue<Tagged>(
          clock,
          (alarm, now) => fired.push({ tag: alarm.tag, at: alarm.at, now }),
          () => undefined,
          () => undefined,
        );
        queue.start();
        const model: Tagged[] = [];
        const cancelled = new Set<number>();
        let tag = 0;
        for (const s of steps) {
          if (s.op === 'add') {
            const alarm: Tagged = { at: clock.now() + s.at, live: false, tag: tag++ };
            model.push(alarm);
            if (s.lane === null) queue.add(alarm);
            else queue.add(alarm, s.lane);
          } else if (s.op === 'cancel') {
            const alarm = model[s.pick % Math.max(1, model.length)];
            if (alarm !== undefined) {
              if (!fired.some((f) => f.tag === alarm.tag)) cancelled.add(alarm.tag);
              queue.cancel(alarm);
            }
          } else {
            clock.advance(s.ms);
          }
          expect(clock.pendingTimers()).toBeLessThanOrEqual(1);
        }
        clock.advance(200_000);
        // Each alarm fired exactly once, unless it was cancelled before its time.
        const tags = fired.map((f) => f.tag);
        expect(new Set(tags).size).toBe(tags.length);
        expect([...tags].sort((x, y) => x - y)).toEqual(
          model.map((a) => a.tag).filter((t) => !cancelled.has(t)),
        );
        // On time to the millisecond: the one timer is always armed for the earliest alarm.
        for (const f of fired) expect(f.now).toBe(f.at);
        // Within one wake, alarms come out by time, then in the order they were added.
        for (let i = 1; i < fired.length; i++) {
          const a = fired[i - 1]!;
          const b = fired[i]!;
          if (a.now === b.now) expect(a.at < b.at || (a.at === b.at && a.tag < b.tag)).toBe(true);
        }
        expect(queue.size).toBe(0);
        expect(clock.pendingTimers()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('periodic alarms re-armed in lanes keep time-then-insertion order with the heap (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            first: fc.integer({ min: 0, max: 3_000 }),
            period: fc.constantFrom(500, 1_000, 1_500),
            laned: fc.boolean(),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (specs) => {
          const clock = new FakeClock(0);
          const fired: { tag: number; at: number; seq: number }[] = [];
          let seq = 0;
          const adds = new Map<Tagged, number>();
          const add = (alarm: Tagged, lane?: number) => {
            adds.set(alarm, seq++);
            if (lane === undefined) queue.add(alarm);
            else queue.add(alarm, lane);
          };
          const queue: AlarmQueue<Tagged> = new AlarmQueue<Tagged>(
            clock,
            (alarm) => {
              fired.push({ tag: alarm.tag, at: alarm.at, seq: adds.get(alarm) ?? -1 });
              const spec = specs[alarm.tag]!;
              // Re-armed one period on, as the engine re-arms a trigger, until 10 s.
              if (alarm.at + spec.period <= 10_000) {
                alarm.at += spec.period;
                add(alarm, spec.laned ? spec.period : undefined);
              }
            },
            () => undefined,
            () => undefined,
          );
          queue.start();
          specs.forEach((spec, tag) => {
            add({ at: spec.first, live: false, tag });
          });
          clock.advance(20_000);
          // Every fire of every alarm, each at its time, in time order, then insertion order.
          for (const [tag, spec] of specs.entries()) {
            const times = fired.filter((f) => f.tag === tag).map((f) => f.at);
            const expected: number[] = [];
            for (let at = spec.first; at <= 10_000; at += spec.period) expected.push(at);
            expect(times).toEqual(expected);
          }
          for (let i = 1; i < fired.length; i++) {
            const a = fired[i - 1]!;
            const b = fired[i]!;
            expect(a.at < b.at || (a.at === b.at && a.seq < b.seq)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sweeps cancelled alarms once they outnumber live ones, keeping the rest in order', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    const queue = new AlarmQueue<Tagged>(
      clock,
      (alarm) => fired.push(alarm.tag),
      () => undefined,
      () => undefined,
    );
    queue.start();
    const alarms = Array.from({ length: 5_000 }, (_, i): Tagged => ({
      at: 1_000 + (i % 7),
      live: false,
      tag: i,
    }));
    for (const alarm of alarms) queue.add(alarm);
    for (const alarm of alarms) if (alarm.tag % 5 !== 0) queue.cancel(alarm);
    expect(queue.size).toBe(1_000);
    clock.advance(2_000);
    const expected = alarms
      .filter((a) => a.tag % 5 === 0)
      .sort((a, b) => a.at - b.at || a.tag - b.tag)
      .map((a) => a.tag);
    expect(fired).toEqual(expected);
  });
});
