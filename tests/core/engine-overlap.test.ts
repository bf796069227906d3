import { describe, expect, it } from 'vitest';
import { harness, work } from './support/harness.js';

const everyTenSeconds = [
  { type: 'interval' as const, everyMs: 10_000, startAt: '2026-01-05T00:00:00Z' },
];
const outcomes = (h: ReturnType<typeof harness>) => h.traces.map((trace) => trace.outcome);

describe('engine: overlap policies', () => {
  it('skip: a fire while running is skipped and says why', async () => {
    const h = harness();
    h.add({ name: 'slow', triggers: everyTenSeconds, overlap: 'skip' }, work(h.clock, 25_000));
    await h.engine.start();
    await h.run(60_000);
    // fires at 10, 20, 30 (skipped twice while the first runs 10..35), 40 runs, 50 skipped, 60 ...
    expect(h.started.map((exec) => exec.scheduledAt - Date.parse('2026-01-05T00:00:00Z'))).toEqual([
      10_000, 40_000,
    ]);
    expect(outcomes(h).slice(0, 4)).toEqual(['ran', 'skipped', 'skipped', 'ran']);
    expect(h.traces[1]?.reason).toBe('the previous run is still running (overlap: skip)');
    expect(h.traces[1]?.executionId).toBe(h.started[0]?.id);
  });

  it('queue: keeps at most one waiting, which starts when the running one ends', async () => {
    const h = harness();
    h.add({ name: 'slow', triggers: everyTenSeconds, overlap: 'queue' }, work(h.clock, 25_000));
    await h.engine.start();
    await h.run(40_000);
    expect(outcomes(h).slice(0, 3)).toEqual(['ran', 'queued', 'coalesced']);
    expect(h.traces[1]?.reason).toBe('waiting for the previous run to finish');
    // the queued fire (due at 20 s) starts the moment the first ends (35 s)
    expect(
      h.started.map((exec) => [
        exec.scheduledAt - Date.parse('2026-01-05T00:00:00Z'),
        (exec.startedAt ?? 0) - Date.parse('2026-01-05T00:00:00Z'),
      ]),
    ).toEqual([
      [10_000, 10_000],
      [20_000, 35_000],
    ]);
  });

  it('parallel: up to maxParallel at once, further fires skipped', async () => {
    const h = harness({ maxRunningTasks: 10 });
    h.add(
      { name: 'par', triggers: everyTenSeconds, overlap: 'parallel', maxParallel: 3 },
      work(h.clock, 45_000),
    );
    await h.engine.start();
    await h.run(40_000);
    expect(h.engine.status().running).toBe(3);
    expect(outcomes(h)).toEqual(['ran', 'ran', 'ran', 'skipped']);
    expect(h.traces[3]?.reason).toBe('3 runs already running or waiting (maxParallel)');
  });

  it('replace: cancels the running one, then starts the new one', async () => {
    const h = harness();
    h.add({ name: 'rep', triggers: everyTenSeconds, overlap: 'replace' }, work(h.clock, 25_000));
    await h.engine.start();
    await h.run(20_000);
    expect(h.ended.map((exec) => [exec.status, exec.error])).toEqual([
      ['cancelled', 'replaced by a newer run (overlap: replace)'],
    ]);
    expect(h.started).toHaveLength(2);
    expect((h.started[1]?.startedAt ?? 0) >= (h.ended[0]?.endedAt ?? Infinity)).toBe(true);
    const replacing = h.traces.find((t) => t.executionId === h.started[1]?.id);
    expect(replacing).toMatchObject({ outcome: 'queued' });
    expect(replacing?.reason).toBe(
      `replaces the running run ${h.started[0]?.id}, asked to stop (overlap: replace)`,
    );
  });

  it('a manual run under skip while running is refused with the reason', async () => {
    const h = harness();
    const id = h.add({ name: 'slow', triggers: everyTenSeconds }, work(h.clock, 25_000));
    await h.engine.start();
    await h.run(15_000);
    const submission = h.engine.runNow(id);
    expect(submission.outcome).toBe('skipped');
    expect(submission.execution?.id).toBe(h.started[0]?.id);
  });
});
