import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../electron/core/scheduler.js';
import { FakeClock } from '../../electron/core/fake-clock.js';
import { HEARTBEAT_MS } from '../../electron/core/engine.js';
import { MemoryState } from './support/doubles.js';
import { flush, harness, isoTimes, work } from './support/harness.js';

const hourly = [{ type: 'cron' as const, expression: '0 * * * *' }];
const manual = [{ type: 'event' as const, event: 'manual' as const }];

describe('engine: pause and resume', () => {
  it('a paused task does not fire; resuming does not catch up on what it missed', async () => {
    const h = harness({ start: '2026-01-05T00:30:00Z' });
    const id = h.add({ name: 'hourly', triggers: hourly });
    await h.engine.start();
    await h.runUntil('2026-01-05T01:10:00Z');
    h.engine.pause(id);
    expect(h.engine.nextRunAt(h.engine.get(id)!)).toBeNull();
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('paused');
    await h.runUntil('2026-01-05T04:10:00Z');
    h.engine.resume(id);
    await h.runUntil('2026-01-05T05:10:00Z');
    expect(isoTimes(h.started)).toEqual(['2026-01-05T01:00:00.000Z', '2026-01-05T05:00:00.000Z']);
  });

  it('pausing a task drops its waiting run (skipped) and lets the running one finish', async () => {
    const h = harness({ maxRunningTasks: 1 });
    const a = h.add({ name: 'a', triggers: manual }, work(h.clock, 10_000));
    const b = h.add({ name: 'b', triggers: manual }, work(h.clock, 10_000));
    await h.engine.start();
    h.engine.runNow(a);
    h.engine.runNow(b);
    await h.run(1_000);
    h.engine.pause(a);
    h.engine.pause(b);
    await h.run(20_000);
    expect(h.ended.map((e) => [e.taskName, e.status])).toEqual([
      ['b', 'skipped'],
      ['a', 'succeeded'],
    ]);
    // The trace answers why b never ran.
    expect(h.engine.traceOf(b, 1)[0]).toMatchObject({
      outcome: 'skipped',
      reason: 'the task was paused before it started',
      executionId: h.ended[0]?.id,
    });
  });

  it('pause all lets running work finish, starts nothing new, and resume all starts what waited', async () => {
    const h = harness({ maxRunningTasks: 4 });
    const a = h.add({ name: 'a', triggers: manual }, work(h.clock, 5_000));
    const b = h.add({ name: 'b', triggers: manual }, work(h.clock, 5_000));
    await h.engine.start();
    h.engine.runNow(a);
    h.engine.pauseAll();
    h.engine.runNow(b);
    await h.run(60_000);
    expect(h.ended.map((e) => e.taskName)).toEqual(['a']);
    expect(h.engine.queueInfo(h.engine.get(b)!).heldBy).toBe('all tasks are paused');
    expect(h.engine.status()).toMatchObject({ paused: true, running: 0, queued: 1 });
    h.engine.resumeAll();
    await h.run(6_000);
    expect(h.ended.map((e) => e.taskName)).toEqual(['a', 'b']);
  });
});

describe('engine: missed runs at start-up (from the state store, not the task store)', () => {
  it('runOnce coalesces everything missed while stopped into one run; skip records it', async () => {
    const state = new MemoryState();
    const first = harness({ start: '2026-01-05T00:30:00Z', stateStore: state });
    const ids = {
      once: first.add({ name: 'catch-up', triggers: hourly, missedRuns: 'runOnce' }),
      skip: first.add({ name: 'skipper', triggers: hourly, missedRuns: 'skip' }),
    };
    await first.engine.start();
    await first.runUntil('2026-01-05T02:30:00Z');
    await first.engine.stop();
    expect(state.state.heartbeat).toBe(Date.parse('2026-01-05T02:30:00Z'));
    expect(state.state.lastFires[ids.once]).toBe(Date.parse('2026-01-05T02:00:00Z'));

    // Taskdeck is not running from 02:30 to 07:15: 03:00..07:00 (five fires) are missed.
    const second = harness({ start: '2026-01-05T07:15:00Z', stateStore: state });
    second.add({ id: ids.once, name: 'catch-up', triggers: hourly, missedRuns: 'runOnce' });
    second.add({ id: ids.skip, name: 'skipper', triggers: hourly, missedRuns: 'skip' });
    await second.engine.start();
    await second.run(1_000);
    expect(second.started.map((e) => [e.taskName, e.source])).toEqual([['catch-up', 'catchUp']]);
    expect(second.started[0]?.detail).toBe(
      'catching up on 5 scheduled runs between 2026-01-05T03:00:00.000Z and 2026-01-05T07:00:00.000Z',
    );
    const skipTrace = second.engine.traceOf(ids.skip, 1)[0];
    expect([skipTrace?.outcome, skipTrace?.reason]).toEqual([
      'missed',
      'missed 5 scheduled runs between 2026-01-05T03:00:00.000Z and 2026-01-05T07:00:00.000Z; missed-run policy is skip',
    ]);
    expect(second.engine.traceOf(ids.once, 3).map((t) => t.outcome)).toContain('coalesced');
    // and the schedule goes on
    await second.runUntil('2026-01-05T08:00:01Z');
    expect(second.started.map((e) => e.source)).toEqual(['catchUp', 'cron', 'cron']);
  });

  it('writes a heartbeat at most once a minute while running', async () => {
    const state = new MemoryState();
    let saves = 0;
    const save = state.save.bind(state);
    state.save = (s) => {
      saves++;
      return save(s);
    };
    const h = harness({ stateStore: state });
    await h.engine.start();
    await h.run(10 * HEARTBEAT_MS);
    expect(saves).toBe(10);
  });

  it('writes the heartbeat at stop, off the minute grid', async () => {
    const state = new MemoryState();
    const h = harness({ stateStore: state, start: '2026-01-05T02:00:00Z' });
    h.add({ name: 'hourly', triggers: hourly });
    await h.engine.start();
    await h.runUntil('2026-01-05T02:30:30Z');
    await h.engine.stop();
    expect(state.state.heartbeat).toBe(Date.parse('2026-01-05T02:30:30Z'));
  });
});

describe('engine: one-time tasks', () => {
  it('a one-time task completes after its run and retries; the library removes it', async () => {
    const clock = new FakeClock('2026-01-05T00:00:00Z');
    const scheduler = createScheduler({ maxRunningTasks: 2, clock });
    let attempts = 0;
    const task = scheduler.addTask({
      name: 'reminder',
      triggers: [{ type: 'once', at: '2026-01-05T00:01:00Z' }],
      retry: { maxRetries: 2, delayMs: 1_000 },
      action: {
        type: 'function',
        run: () => {
          attempts++;
          if (attempts < 3) throw new Error('not yet');
        },
      },
    });
    await scheduler.start();
    expect(scheduler.getTask(task.id)?.nextRunAt?.toISOString()).toBe('2026-01-05T00:01:00.000Z');
    for (let i = 0; i < 70; i++) {
      clock.advance(1_000);
      await flush();
    }
    expect(attempts).toBe(3);
    expect(scheduler.getTask(task.id)).toBeUndefined();
  });

  it('the engine keeps a completed one-time task, shown as completed', async () => {
    const h = harness();
    const id = h.add({ name: 'once', triggers: [{ type: 'once', at: '2026-01-05T00:00:10Z' }] });
    await h.engine.start();
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('idle');
    await h.run(11_000);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('completed');
    expect(h.engine.nextRunAt(h.engine.get(id)!)).toBeNull();
  });

  it('a paused one-time task run by hand keeps its moment: resumed, it fires then and completes', async () => {
    const h = harness();
    const id = h.add({
      name: 'reminder',
      enabled: false,
      triggers: [{ type: 'once', at: '2026-01-05T01:00:00Z' }],
    });
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(1_000);
    expect(h.ended.map((e) => [e.source, e.status])).toEqual([['manual', 'succeeded']]);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('paused');
    h.engine.resume(id);
    expect(h.engine.nextRunAt(h.engine.get(id)!)).toBe(Date.parse('2026-01-05T01:00:00Z'));
    await h.runUntil('2026-01-05T01:00:05Z');
    expect(h.ended.map((e) => e.source)).toEqual(['manual', 'once']);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('completed');
  });

  it('a one-time task paused while its run runs completes when the run ends (its moment is spent)', async () => {
    const h = harness();
    const id = h.add(
      { name: 'reminder', triggers: [{ type: 'once', at: '2026-01-05T00:00:10Z' }] },
      work(h.clock, 5_000),
    );
    await h.engine.start();
    await h.run(11_000);
    h.engine.pause(id);
    await h.run(10_000);
    expect(h.ended.map((e) => [e.source, e.status])).toEqual([['once', 'succeeded']]);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('completed');
    h.engine.resume(id);
    await h.run(60_000);
    expect(h.ended).toHaveLength(1);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('completed');
  });

  it('a one-time task whose moment passed while stopped runs once at start (runOnce)', async () => {
    const h = harness({ start: '2026-01-05T12:00:00Z' });
    h.add({ name: 'late', triggers: [{ type: 'once', at: '2026-01-05T09:00:00Z' }] });
    await h.engine.start();
    await h.run(1_000);
    expect(h.started.map((e) => e.source)).toEqual(['catchUp']);
  });
});

describe('engine: editing and removing', () => {
  it('an edit applies from the next fire; the running execution finishes under the old definition', async () => {
    const h = harness();
    const seen: string[] = [];
    const id = h.add(
      {
        name: 'v1',
        triggers: [{ type: 'interval', everyMs: 60_000, startAt: '2026-01-05T00:00:00Z' }],
      },
      work(h.clock, 30_000),
    );
    await h.engine.start();
    await h.run(70_000); // first run (at 60 s) is running
    const task = h.engine.get(id)!;
    h.engine.update({
      ...task.def,
      name: 'v2',
      timeoutMs: 5_000,
      action: {
        type: 'function',
        run: () => {
          seen.push('v2');
        },
      },
      triggers: [{ type: 'interval', everyMs: 30_000, startAt: '2026-01-05T00:00:00Z' }],
    });
    await h.run(30_000);
    expect(h.ended.map((e) => [e.taskName, e.status])).toEqual([['v1', 'succeeded']]);
    await h.run(30_000);
    expect(seen).toEqual(['v2']);
    expect(isoTimes(h.started)).toEqual(['2026-01-05T00:01:00.000Z', '2026-01-05T00:02:00.000Z']);
  });

  it('a running attempt keeps the retry policy it started under; the edit applies to the next fire', async () => {
    const h = harness();
    const id = h.add(
      { name: 'flaky', triggers: manual, retry: { maxRetries: 0 } },
      work(h.clock, 10_000, 'fail'),
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(1_000);
    const task = h.engine.get(id)!;
    h.engine.update({ ...task.def, retry: { ...task.def.retry, maxRetries: 2, delayMs: 1_000 } });
    await h.run(60_000);
    // The first run started with no retries, so its failure is final.
    expect(h.ended.map((e) => [e.attempt, e.status])).toEqual([[1, 'failed']]);
    h.engine.runNow(id);
    await h.run(60_000);
    expect(h.ended.map((e) => e.attempt)).toEqual([1, 1, 2, 3]);
  });

  it('removing a task cancels its running execution and drops waiting ones', async () => {
    const h = harness({ maxRunningTasks: 1 });
    const id = h.add(
      { name: 'doomed', triggers: manual, overlap: 'parallel', maxParallel: 3 },
      work(h.clock, 60_000),
    );
    await h.engine.start();
    h.engine.runNow(id);
    h.engine.runNow(id);
    await h.run(1_000);
    h.engine.remove(id);
    await h.run(1_000);
    expect(h.ended.map((e) => [e.status, e.error])).toEqual([
      ['cancelled', 'the task was removed'],
      ['cancelled', 'the task was removed'],
    ]);
    expect(h.engine.get(id)).toBeUndefined();
    expect(h.engine.status()).toMatchObject({ running: 0, queued: 0 });
  });

  it('a removed task whose run ends late leaves the task added after it alone', async () => {
    const h = harness();
    // Ignores its AbortSignal: it ends (abandoned) only after the kill grace period.
    const stubborn = h.add({ name: 'stubborn', triggers: manual }, () => new Promise(() => {}));
    await h.engine.start();
    h.engine.runNow(stubborn);
    await h.run(1_000);
    h.engine.remove(stubborn);
    const next = h.add({ name: 'next', triggers: manual }, () => 'ok');
    h.engine.runNow(next);
    await h.run(1_000);
    const before = h.engine.get(next)!.lastRun();
    expect(before).toMatchObject({ status: 'succeeded', error: null });
    await h.run(10_000);
    expect(h.ended.map((e) => [e.taskName, e.status])).toEqual([
      ['next', 'succeeded'],
      ['stubborn', 'cancelled'],
    ]);
    expect(h.engine.get(next)!.lastRun()).toEqual(before);
  });
});

describe('engine: firing that a listener interrupts, late one-time fires, restarts', () => {
  it('a one-time task whose fire is handled late with missedRuns skip is completed, not stuck', async () => {
    const h = harness({ start: '2026-01-05T12:00:00Z' });
    const id = h.add({
      name: 'late, skipped',
      missedRuns: 'skip',
      triggers: [{ type: 'once', at: '2026-01-05T09:00:00Z' }],
    });
    await h.engine.start();
    await h.run(1_000);
    expect(h.started).toEqual([]);
    expect(h.traces.map((t) => t.outcome)).toEqual(['missed']);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('completed');
  });

  it('a one-time fire missed during a sleep (skip) completes the task when the machine wakes', async () => {
    const h = harness();
    const id = h.add({
      name: 'asleep',
      missedRuns: 'skip',
      triggers: [{ type: 'once', at: '2026-01-05T00:10:00Z' }],
    });
    await h.engine.start();
    await h.run(60_000);
    h.clock.jump(8 * 3_600_000); // the lid closes for eight hours
    await h.run(30_000);
    expect(h.started).toEqual([]);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('completed');
  });

  it('a listener that pauses the task as it fires stops its schedule there', async () => {
    const h = harness();
    const id = h.add({
      name: 'pauses itself',
      triggers: [{ type: 'interval', everyMs: 10_000, startAt: '2026-01-05T00:00:10Z' }],
    });
    h.engine.on('execution', (exec) => {
      if (exec.status === 'queued') h.engine.pause(id);
    });
    await h.engine.start();
    await h.run(60_000);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('paused');
    expect(h.engine.nextRunAt(h.engine.get(id)!)).toBeNull();
    expect(h.ended.map((e) => e.status)).toEqual(['skipped']);
  });

  it('stop then start in the same process fires each trigger once per slot, not twice', async () => {
    const h = harness();
    h.add(
      {
        name: 'every 10 s',
        overlap: 'parallel',
        triggers: [{ type: 'interval', everyMs: 10_000, startAt: '2026-01-05T00:00:00Z' }],
      },
      () => undefined,
    );
    await h.engine.start();
    await h.run(25_000);
    await h.engine.stop();
    await h.engine.start();
    h.started.length = 0;
    await h.run(30_000);
    expect(isoTimes(h.started)).toEqual([
      '2026-01-05T00:00:30.000Z',
      '2026-01-05T00:00:40.000Z',
      '2026-01-05T00:00:50.000Z',
    ]);
  });
});
