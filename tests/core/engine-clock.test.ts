import { describe, expect, it, vi } from 'vitest';
import { MAX_WAIT_MS } from '../../electron/core/alarm-queue.js';
import type { Clock } from '../../electron/core/ports/clock.js';
import { harness, isoTimes } from './support/harness.js';

describe('engine: one timer, and the wall clock', () => {
  it('arms exactly one timer for any number of tasks', async () => {
    const h = harness();
    for (let i = 0; i < 1_000; i++) {
      h.add({
        name: `t${i}`,
        triggers: [
          { type: 'interval', everyMs: 1_000 + i },
          { type: 'cron', expression: `${i % 60} 9 * * *` },
        ],
      });
    }
    await h.engine.start();
    expect(h.clock.pendingTimers()).toBe(1);
    await h.run(5_000);
    expect(h.clock.pendingTimers()).toBe(1);
  });

  it('nothing polls: an engine with only far-away fires wakes once per cap, and not at all when empty', async () => {
    const h = harness();
    let timersSet = 0;
    const counting: Clock = {
      now: () => h.clock.now(),
      timeZone: () => h.clock.timeZone(),
      setTimer: (ms, fn) => {
        timersSet++;
        return h.clock.setTimer(ms, fn);
      },
    };
    const { Engine } = await import('../../electron/core/engine.js');
    const idle = new Engine({ maxRunningTasks: 4, clock: counting });
    await idle.start();
    await h.run(600_000);
    expect(timersSet).toBe(0);
    idle.add({
      ...(await import('../../shared/schemas/task.js')).taskDocumentSchema.parse({
        name: 'tomorrow',
        triggers: [{ type: 'cron', expression: '0 0 * * *' }],
        action: { type: 'command', command: 'true' },
      }),
      id: 'b0f5c3d2-0000-4000-8000-000000000001',
      savedAt: h.clock.now(),
    });
    timersSet = 0;
    await h.run(600_000);
    // Ten minutes of waiting for a fire tomorrow: one wake per 30 s cap, nothing more.
    expect(timersSet).toBe(600_000 / MAX_WAIT_MS);
    await idle.stop();
  });

  it('intervals do not drift, however late each fire is handled', async () => {
    const h = harness({ start: '2026-01-05T00:00:00.000Z' });
    const start = Date.parse('2026-01-05T00:00:00.300Z');
    h.add(
      {
        name: 'tick',
        triggers: [{ type: 'interval', everyMs: 1_000, startAt: '2026-01-05T00:00:00.300Z' }],
      },
      () => {
        // Each run keeps the event loop busy for 250 ms of wall time that no timer sees.
        h.clock.jump(250);
      },
    );
    await h.engine.start();
    await h.run(3_600_000);
    expect(h.started.length).toBeGreaterThanOrEqual(3_600);
    expect(h.started.every((exec, index) => exec.scheduledAt === start + index * 1_000)).toBe(true);
  });

  it('notices a forward jump (sleep) within the cap and applies the missed-run policy', async () => {
    const h = harness({ start: '2026-01-05T08:00:00Z' });
    h.add({
      name: 'daily',
      triggers: [{ type: 'cron', expression: '0 9 * * *' }],
      missedRuns: 'runOnce',
    });
    h.add({
      name: 'daily-skip',
      triggers: [{ type: 'cron', expression: '0 9 * * *' }],
      missedRuns: 'skip',
    });
    await h.engine.start();
    await h.run(1_000);
    h.clock.jump(8 * 3_600_000); // the laptop slept from 08:00 to 16:00
    await h.run(MAX_WAIT_MS);
    expect(h.started.map((exec) => [exec.taskName, exec.source])).toEqual([['daily', 'catchUp']]);
    expect((h.started[0]?.startedAt ?? 0) - Date.parse('2026-01-05T16:00:01Z')).toBeLessThanOrEqual(
      MAX_WAIT_MS,
    );
    const skipped = [...h.engine.all()].find((task) => task.def.name === 'daily-skip');
    expect(h.engine.traceOf(skipped!.def.id, 1)[0]?.outcome).toBe('missed');
    // Both are planned for tomorrow again.
    expect(
      isoTimes([...h.engine.all()].map((task) => ({ scheduledAt: h.engine.nextRunAt(task) ?? 0 }))),
    ).toEqual(['2026-01-06T09:00:00.000Z', '2026-01-06T09:00:00.000Z']);
  });

  it('re-plans when the clock is set back, so an interval does not stall for the difference', async () => {
    const h = harness({ start: '2026-01-05T12:00:00Z' });
    h.add({
      name: 'minutely',
      triggers: [{ type: 'interval', everyMs: 60_000, startAt: '2026-01-05T00:00:00Z' }],
    });
    await h.engine.start();
    await h.run(60_000);
    expect(h.started).toHaveLength(1);
    h.clock.jump(-3_600_000); // NTP or a person set the clock back an hour
    await h.run(MAX_WAIT_MS + 60_000);
    expect(h.started.length).toBeGreaterThanOrEqual(2);
    expect(isoTimes(h.started.slice(1, 2))).toEqual(['2026-01-05T11:02:00.000Z']);
  });

  it('re-plans cron triggers without a zone when the system zone changes', async () => {
    const h = harness({ start: '2026-01-05T00:00:00Z', zone: 'UTC' });
    h.add({ name: 'nine', triggers: [{ type: 'cron', expression: '0 9 * * *' }] });
    h.add({
      name: 'nine-berlin',
      triggers: [{ type: 'cron', expression: '0 9 * * *', timezone: 'Europe/Berlin' }],
    });
    await h.engine.start();
    const next = () =>
      isoTimes([...h.engine.all()].map((task) => ({ scheduledAt: h.engine.nextRunAt(task) ?? 0 })));
    expect(next()).toEqual(['2026-01-05T09:00:00.000Z', '2026-01-05T08:00:00.000Z']);
    h.clock.setTimeZone('Asia/Tokyo'); // the laptop landed in Tokyo
    await h.run(MAX_WAIT_MS);
    expect(next()).toEqual(['2026-01-06T00:00:00.000Z', '2026-01-05T08:00:00.000Z']);
  });

  it('asks for the system zone only once a cron trigger without a zone needs it', async () => {
    const h = harness({ start: '2026-01-05T00:00:00Z', zone: 'UTC' });
    const asked = vi.spyOn(h.clock, 'timeZone');
    h.add({ name: 'interval', triggers: [{ type: 'interval', everyMs: 60_000 }] });
    h.add({
      name: 'berlin',
      triggers: [{ type: 'cron', expression: '0 9 * * *', timezone: 'Europe/Berlin' }],
    });
    await h.engine.start();
    await h.run(3 * MAX_WAIT_MS);
    // Nothing here depends on the system zone, so nothing loads ICU's zone data to learn it.
    expect(asked).not.toHaveBeenCalled();
    h.add({ name: 'local nine', triggers: [{ type: 'cron', expression: '0 9 * * *' }] });
    expect(asked).toHaveBeenCalled();
  });

  it('interval jitter spreads each fire by the injected randomness without drifting the schedule', async () => {
    const draws = [0.5, 0, 1 - 1e-9];
    const h = harness({ random: () => draws.shift() ?? 0 });
    h.add({
      name: 'spread',
      triggers: [
        { type: 'interval', everyMs: 10_000, jitterMs: 4_000, startAt: '2026-01-05T00:00:10Z' },
      ],
    });
    await h.engine.start();
    const ranAt: string[] = [];
    h.engine.on('execution', (exec) => {
      if (exec.status === 'running') ranAt.push(new Date(exec.startedAt ?? 0).toISOString());
    });
    await h.run(35_000);
    // Planned at 10 s, 20 s, 30 s (ctx.scheduledAt); each ran up to 4 s later.
    expect(isoTimes(h.started)).toEqual([
      '2026-01-05T00:00:10.000Z',
      '2026-01-05T00:00:20.000Z',
      '2026-01-05T00:00:30.000Z',
    ]);
    expect(ranAt).toEqual([
      '2026-01-05T00:00:12.000Z',
      '2026-01-05T00:00:20.000Z',
      '2026-01-05T00:00:34.000Z',
    ]);
  });
});
