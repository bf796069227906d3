import { describe, expect, it } from 'vitest';
import { ManualSignals } from './support/doubles.js';
import { harness, work } from './support/harness.js';

const manual = [{ type: 'event' as const, event: 'manual' as const }];
const names = (h: ReturnType<typeof harness>) => h.started.map((e) => e.taskName);

describe('engine: event triggers', () => {
  it('app.start fires at start; manual only by hand', async () => {
    const h = harness();
    h.add({ name: 'on-start', triggers: [{ type: 'event', event: 'app.start' }] });
    h.add({ name: 'by-hand', triggers: manual });
    await h.engine.start();
    await h.run(1_000);
    expect(names(h)).toEqual(['on-start']);
    expect(h.started[0]?.detail).toBe('Taskdeck started');
  });

  it('chaining: B runs after A succeeds, not after A fails; C runs after A finishes either way', async () => {
    const h = harness();
    let fail = false;
    const a = h.add({ name: 'A', triggers: manual }, () => {
      if (fail) throw new Error('nope');
    });
    h.add({ name: 'B', triggers: [{ type: 'event', event: 'task.succeeded', taskId: a }] });
    h.add({ name: 'C', triggers: [{ type: 'event', event: 'task.finished', taskId: a }] });
    h.add({ name: 'D', triggers: [{ type: 'event', event: 'task.failed', taskId: a }] });
    await h.engine.start();
    h.engine.runNow(a);
    await h.run(1_000);
    expect(names(h).sort()).toEqual(['A', 'B', 'C']);
    fail = true;
    h.started.length = 0;
    h.engine.runNow(a);
    await h.run(1_000);
    expect(names(h).sort()).toEqual(['A', 'C', 'D']);
    expect(h.started.find((e) => e.taskName === 'D')?.detail).toBe('after "A" failed');
  });

  it('a chain waits for the final outcome after retries', async () => {
    const h = harness();
    let calls = 0;
    const a = h.add(
      { name: 'A', triggers: manual, retry: { maxRetries: 2, delayMs: 1_000 } },
      () => {
        calls++;
        if (calls < 3) throw new Error('flaky');
      },
    );
    h.add({ name: 'after-fail', triggers: [{ type: 'event', event: 'task.failed', taskId: a }] });
    h.add({
      name: 'after-success',
      triggers: [{ type: 'event', event: 'task.succeeded', taskId: a }],
    });
    await h.engine.start();
    h.engine.runNow(a);
    await h.run(10_000);
    expect(names(h)).toEqual(['A', 'A', 'A', 'after-success']);
  });

  it('system and power events come through the SystemSignals port', async () => {
    const signals = new ManualSignals();
    const h = harness({ signals });
    const events = [
      'system.resume',
      'system.suspend',
      'system.lock',
      'system.unlock',
      'power.ac',
      'power.battery',
    ] as const;
    for (const event of events)
      h.add({ name: `on ${event}`, triggers: [{ type: 'event', event }] });
    await h.engine.start();
    for (const event of [...events].reverse()) signals.send({ type: event });
    await h.run(1_000);
    expect(names(h)).toEqual([...events].reverse().map((event) => `on ${event}`));
    expect(h.started.map((e) => e.detail)).toEqual([...events].reverse());
  });

  it('waking from sleep (system.resume) runs what was missed at once, not at the next check', async () => {
    const signals = new ManualSignals();
    const h = harness({ signals, start: '2026-01-05T08:00:00Z' });
    h.add({ name: 'hourly', triggers: [{ type: 'cron', expression: '0 * * * *' }] });
    await h.engine.start();
    await h.run(10_000);
    h.clock.jump(8 * 3_600_000); // the lid is closed until 16:00:10
    signals.send({ type: 'system.resume' });
    await h.run(0);
    expect(h.started.map((e) => [e.source, e.detail])).toEqual([
      ['catchUp', expect.stringContaining('catching up on 8 scheduled runs')],
    ]);
  });

  it('a resume signal without a sleep re-plans nothing', async () => {
    const signals = new ManualSignals();
    const h = harness({ signals });
    h.add({ name: 'hourly', triggers: [{ type: 'cron', expression: '0 * * * *' }] });
    await h.engine.start();
    await h.run(10_000);
    const planned = h.engine.nextRunAt([...h.engine.all()][0]!);
    let changes = 0;
    h.engine.on('task', () => changes++);
    signals.send({ type: 'system.resume' });
    await h.run(0);
    expect(changes).toBe(0);
    expect(h.engine.nextRunAt([...h.engine.all()][0]!)).toBe(planned);
  });

  it('file.changed watches through the port, and stops watching when the task goes', async () => {
    const signals = new ManualSignals();
    const h = harness({ signals });
    const id = h.add({
      name: 'on-change',
      triggers: [{ type: 'event', event: 'file.changed', path: '/tmp/inbox' }],
    });
    await h.engine.start();
    expect(signals.watching('/tmp/inbox')).toBe(1);
    signals.touch('/tmp/inbox');
    await h.run(1_000);
    expect(h.started.map((e) => e.detail)).toEqual(['file changed: /tmp/inbox']);
    h.engine.remove(id);
    expect(signals.watching('/tmp/inbox')).toBe(0);
  });

  it('system.idle fires once per idle period when the idle time passes its threshold', async () => {
    const signals = new ManualSignals();
    const h = harness({ signals });
    h.add({
      name: 'when-idle',
      triggers: [{ type: 'event', event: 'system.idle', idleForMs: 300_000 }],
    });
    await h.engine.start();
    signals.set({ idleMs: 100_000 });
    signals.set({ idleMs: 300_000 });
    signals.set({ idleMs: 400_000 });
    await h.run(1_000);
    expect(names(h)).toEqual(['when-idle']);
    signals.set({ idleMs: 0 });
    signals.set({ idleMs: 310_000 });
    await h.run(1_000);
    expect(names(h)).toEqual(['when-idle', 'when-idle']);
  });
});

describe('engine: conditions', () => {
  it('holds a request until AC power, naming the condition, then runs it', async () => {
    const signals = new ManualSignals();
    signals.readingsNow = { onAcPower: false, idleMs: 0, cpuPercent: 5 };
    const h = harness({ signals });
    const id = h.add({ name: 'backup', triggers: manual, conditions: { acPower: true } });
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(1_000);
    expect(h.started).toHaveLength(0);
    expect(h.engine.stateOf(h.engine.get(id)!)).toBe('queued');
    expect(h.engine.queueInfo(h.engine.get(id)!).heldBy).toBe('waiting for AC power');
    expect(h.engine.traceOf(id, 1)[0]).toMatchObject({
      outcome: 'held',
      reason: 'waiting for AC power',
    });
    signals.readingsNow = { ...signals.readingsNow, onAcPower: true };
    signals.send({ type: 'power.ac' });
    await h.run(1_000);
    expect(names(h)).toEqual(['backup']);
  });

  it('idle and CPU conditions, each named, and a held request does not block others', async () => {
    const signals = new ManualSignals();
    signals.readingsNow = { onAcPower: true, idleMs: 1_000, cpuPercent: 90 };
    const h = harness({ signals, maxRunningTasks: 1 });
    const idle = h.add({
      name: 'idle',
      priority: 10,
      triggers: manual,
      conditions: { idleForMs: 600_000 },
    });
    const cpu = h.add({
      name: 'cpu',
      priority: 10,
      triggers: manual,
      conditions: { maxSystemCpuPercent: 50 },
    });
    const free = h.add({ name: 'free', triggers: manual });
    await h.engine.start();
    [idle, cpu, free].forEach((id) => h.engine.runNow(id));
    await h.run(1_000);
    expect(names(h)).toEqual(['free']);
    expect(h.engine.queueInfo(h.engine.get(idle)!).heldBy).toBe(
      'waiting until the computer has been idle for 10 min',
    );
    expect(h.engine.queueInfo(h.engine.get(cpu)!).heldBy).toBe(
      'waiting for system CPU below 50% (now 90%)',
    );
    signals.set({ cpuPercent: 20 });
    await h.run(1_000);
    expect(names(h)).toEqual(['free', 'cpu']);
    signals.set({ idleMs: 600_000 });
    await h.run(1_000);
    expect(names(h)).toEqual(['free', 'cpu', 'idle']);
  });

  it('after its deadline a held request runs anyway', async () => {
    const signals = new ManualSignals();
    signals.readingsNow = { onAcPower: false, idleMs: 0, cpuPercent: 5 };
    const h = harness({ signals });
    const id = h.add(
      { name: 'patient', triggers: manual, conditions: { acPower: true, deadlineMs: 3_600_000 } },
      work(h.clock, 10),
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(3_599_000);
    expect(h.started).toHaveLength(0);
    await h.run(2_000);
    expect(names(h)).toEqual(['patient']);
    expect(h.engine.traceOf(id, 5).map((t) => t.reason)).toContain(
      'deadline reached; running without its conditions',
    );
  });
});

describe('engine: the trace answers "why didn\'t it run?"', () => {
  it('records each outcome with its reason, newest first, per task', async () => {
    const signals = new ManualSignals();
    signals.readingsNow = { onAcPower: false, idleMs: 0, cpuPercent: 5 };
    const h = harness({ signals, maxRunningTasks: 1 });
    const busy = h.add({ name: 'busy', triggers: manual }, work(h.clock, 10_000));
    const waits = h.add(
      {
        name: 'waits',
        triggers: manual,
        overlap: 'skip',
        retry: { maxRetries: 1, delayMs: 1_000 },
      },
      work(h.clock, 100, 'fail'),
    );
    const held = h.add({ name: 'held', triggers: manual, conditions: { acPower: true } });
    await h.engine.start();
    h.engine.runNow(busy);
    h.engine.runNow(waits);
    h.engine.runNow(waits);
    h.engine.runNow(held);
    await h.run(15_000);
    expect(
      h.engine
        .traceOf(waits, 10)
        .map((t) => t.outcome)
        .reverse(),
    ).toEqual(['queued', 'coalesced', 'ran', 'retried', 'ran']);
    expect(h.engine.traceOf(held, 10).map((t) => t.outcome)).toEqual(['held']);
    expect(h.engine.traceOf(busy, 10).map((t) => t.outcome)).toEqual(['ran']);
  });
});
