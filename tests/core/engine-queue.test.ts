import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_MS_PER_LEVEL } from '../../electron/core/ready-queue.js';
import { harness, work } from './support/harness.js';

const everyMinute = [{ type: 'cron' as const, expression: '* * * * *' }];

describe('engine: slots and priority', () => {
  it('runs fired tasks by priority when all slots are busy, the rest wait for a free slot', async () => {
    const h = harness({ maxRunningTasks: 2 });
    const names = ['p1', 'p5a', 'p3', 'p-2', 'p5b'];
    const priorities = [1, 5, 3, -2, 5];
    names.forEach((name, index) =>
      h.add(
        { name, priority: priorities[index] ?? 0, triggers: everyMinute, overlap: 'skip' },
        work(h.clock, 10_000),
      ),
    );
    await h.engine.start();
    await h.run(60_000);
    expect(h.started.map((exec) => exec.taskName)).toEqual(['p5a', 'p5b']);
    const queued = [...h.engine.all()].filter((task) => h.engine.stateOf(task) === 'queued');
    expect(queued.map((task) => [task.def.name, h.engine.queueInfo(task).queuePosition])).toEqual([
      ['p1', 2],
      ['p3', 1],
      ['p-2', 3],
    ]);
    expect(h.traces.filter((t) => t.outcome === 'queued').map((t) => t.reason)).toContain(
      'waiting for a free slot (2 of 2 running)',
    );
    await h.run(30_000);
    expect(h.started.map((exec) => exec.taskName)).toEqual(['p5a', 'p5b', 'p3', 'p1', 'p-2']);
    // Each waited for a slot: the third started when the first two ended.
    expect(h.started.map((exec) => (exec.startedAt ?? 0) - (h.started[0]?.startedAt ?? 0))).toEqual(
      [0, 0, 10_000, 10_000, 20_000],
    );
  });

  it('never runs more than maxRunningTasks at once, and a larger limit applies at once', async () => {
    const h = harness({ maxRunningTasks: 3 });
    let running = 0;
    let peak = 0;
    for (let i = 0; i < 10; i++) {
      h.add({ name: `t${i}`, triggers: everyMinute }, async (ctx) => {
        running++;
        peak = Math.max(peak, running);
        await work(h.clock, 5_000)(ctx).finally(() => running--);
      });
    }
    await h.engine.start();
    await h.run(61_000);
    expect(peak).toBe(3);
    h.engine.configure({ maxRunningTasks: 8 });
    await h.run(1);
    expect(running).toBe(8);
  });

  it('a run asked for from inside a running function starts at once while slots are free', async () => {
    const h = harness({ maxRunningTasks: 4 });
    const manual = [{ type: 'event' as const, event: 'manual' as const }];
    const second = h.add({ name: 'second', triggers: manual }, work(h.clock, 1_000));
    // Its body asks for `second` before its own long work; nothing else would dispatch until it
    // ends (a function settles only when its promise does).
    h.add({ name: 'first', triggers: everyMinute }, async (ctx) => {
      h.engine.runNow(second);
      await work(h.clock, 30_000)(ctx);
    });
    await h.engine.start();
    await h.run(60_000);
    const firstStart = h.started[0]?.startedAt;
    expect(h.started.map((exec) => [exec.taskName, exec.startedAt])).toEqual([
      ['first', firstStart],
      ['second', firstStart],
    ]);
  });

  it('a low-priority request is never starved by a stream of higher ones (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -100, max: 99 }),
        fc.integer({ min: 1, max: 4 }),
        async (low, busy) => {
          const h = harness({ maxRunningTasks: 1 });
          // A stream of high-priority work keeps the only slot busy forever...
          for (let i = 0; i < busy + 1; i++) {
            h.add(
              {
                name: `high${i}`,
                priority: 100,
                triggers: [{ type: 'interval', everyMs: 1_000 }],
                overlap: 'queue',
              },
              work(h.clock, 1_000),
            );
          }
          const id = h.add(
            { name: 'low', priority: low, triggers: [{ type: 'event', event: 'manual' }] },
            work(h.clock, 10),
          );
          await h.engine.start();
          await h.run(5_000);
          h.engine.runNow(id);
          const firedAt = h.clock.now();
          // ...yet the low one starts within its aging bound (levels * 30 s) plus the runs ahead of it.
          const bound = (100 - low) * AGING_MS_PER_LEVEL + (busy + 2) * 1_000;
          await h.run(bound);
          const start = h.started.find((exec) => exec.taskName === 'low');
          expect(start).toBeDefined();
          expect((start?.startedAt ?? Infinity) - firedAt).toBeLessThanOrEqual(bound);
          await h.engine.stop();
        },
      ),
      { numRuns: 25 },
    );
  });
});
