import { describe, expect, it } from 'vitest';
import { ScriptedRunner } from './support/doubles.js';
import { harness, work } from './support/harness.js';

const manual = [{ type: 'event' as const, event: 'manual' as const }];
const since = (h: ReturnType<typeof harness>, at: number | null) =>
  (at ?? 0) - h.started[0]!.queuedAt;

describe('engine: retries', () => {
  it('retries a failure with exponential backoff; each attempt is its own execution linked to the first', async () => {
    const h = harness();
    const id = h.add(
      {
        name: 'flaky',
        triggers: manual,
        retry: { maxRetries: 3, delayMs: 1_000, backoff: 'exponential' },
      },
      work(h.clock, 100, 'fail'),
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(60_000);
    expect(h.ended.map((exec) => [exec.attempt, exec.status, exec.source])).toEqual([
      [1, 'failed', 'manual'],
      [2, 'failed', 'retry'],
      [3, 'failed', 'retry'],
      [4, 'failed', 'retry'],
    ]);
    const first = h.ended[0]!;
    expect(h.ended.every((exec) => exec.firstExecutionId === first.id)).toBe(true);
    // waits of 1 s, 2 s, 4 s after each failure (each run takes 100 ms)
    expect(h.started.map((exec) => since(h, exec.startedAt))).toEqual([0, 1_100, 3_200, 7_300]);
    expect(h.traces.filter((t) => t.outcome === 'retried').map((t) => t.reason)).toEqual([
      'failed: boom; retry 1 of 3 in 1 s',
      'failed: boom; retry 2 of 3 in 2 s',
      'failed: boom; retry 3 of 3 in 4 s',
    ]);
  });

  it('stops retrying at the first success', async () => {
    const h = harness();
    let calls = 0;
    const id = h.add(
      { name: 'second-time-lucky', triggers: manual, retry: { maxRetries: 5, delayMs: 1_000 } },
      () => {
        calls++;
        if (calls === 1) throw new Error('first try fails');
        return 'ok';
      },
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(10_000);
    expect(h.ended.map((exec) => [exec.attempt, exec.status, exec.result])).toEqual([
      [1, 'failed', null],
      [2, 'succeeded', 'ok'],
    ]);
  });

  it('retries after a timeout, never after a cancel', async () => {
    const h = harness();
    const id = h.add(
      {
        name: 'hangs',
        triggers: manual,
        timeoutMs: 5_000,
        retry: { maxRetries: 1, delayMs: 1_000 },
      },
      work(h.clock, 60_000),
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(5_500);
    expect(h.ended.map((exec) => [exec.status, exec.error])).toEqual([
      ['timed-out', 'timed out after 5 s'],
    ]);
    await h.run(1_000);
    const retry = h.started[1]!;
    expect(retry.attempt).toBe(2);
    h.engine.cancel(retry.id);
    await h.run(60_000);
    expect(h.ended.map((exec) => exec.status)).toEqual(['timed-out', 'cancelled']);
    expect(h.started).toHaveLength(2);
  });

  it('a cancelled attempt is never retried, though retries are left', async () => {
    const h = harness();
    const id = h.add(
      { name: 'long', triggers: manual, retry: { maxRetries: 3, delayMs: 1_000 } },
      work(h.clock, 60_000),
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(1_000);
    h.engine.cancel(h.started[0]!.id);
    await h.run(120_000);
    expect(h.ended.map((exec) => [exec.attempt, exec.status])).toEqual([[1, 'cancelled']]);
    expect(h.traces.map((t) => t.outcome)).not.toContain('retried');
  });

  it('jitter uses the injected randomness', async () => {
    const h = harness({ random: () => 0.25 });
    const id = h.add(
      { name: 'j', triggers: manual, retry: { maxRetries: 1, delayMs: 8_000, jitter: true } },
      work(h.clock, 0, 'fail'),
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(30_000);
    expect(h.started.map((exec) => since(h, exec.startedAt))).toEqual([0, 2_000]);
  });

  it('a waiting retry can be cancelled, and then nothing more runs', async () => {
    const h = harness();
    const id = h.add(
      { name: 'x', triggers: manual, retry: { maxRetries: 3, delayMs: 10_000 } },
      work(h.clock, 0, 'fail'),
    );
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(1_000);
    const waiting = h.engine.liveExecutions()[0]!;
    expect([waiting.status, waiting.attempt]).toEqual(['queued', 2]);
    expect(h.engine.queueInfo(h.engine.get(id)!).heldBy).toBe('waiting 10 s before retrying');
    h.engine.cancel(waiting.id);
    await h.run(60_000);
    expect(h.started).toHaveLength(1);
  });
});

describe('engine: timeout and cancel', () => {
  it('a function gets its AbortSignal on timeout; status timed-out', async () => {
    const h = harness();
    let aborted: unknown = null;
    const id = h.add({ name: 'slow', triggers: manual, timeoutMs: 2_000 }, (ctx) => {
      ctx.signal.addEventListener('abort', () => {
        aborted = ctx.signal.reason as unknown;
      });
      return work(h.clock, 10_000)(ctx);
    });
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(3_000);
    expect(
      h.ended.map((exec) => [exec.status, (exec.endedAt ?? 0) - (exec.startedAt ?? 0)]),
    ).toEqual([['timed-out', 2_000]]);
    expect(aborted).toBeInstanceOf(Error);
  });

  it('a function that ignores its signal is abandoned after the kill grace and its slot freed', async () => {
    const h = harness({ maxRunningTasks: 1, killGraceMs: 1_000 });
    const stubborn = h.add(
      { name: 'stubborn', triggers: manual },
      () => new Promise(() => undefined),
    );
    const next = h.add({ name: 'next', triggers: manual }, () => 'ok');
    await h.engine.start();
    const exec = h.engine.runNow(stubborn).execution!;
    h.engine.runNow(next);
    await h.run(100);
    h.engine.cancel(exec.id);
    await h.run(500);
    expect(h.ended).toHaveLength(0);
    await h.run(600);
    expect(h.ended.map((e) => [e.taskName, e.status])).toEqual([
      ['stubborn', 'cancelled'],
      ['next', 'succeeded'],
    ]);
    expect(h.ended[0]?.error).toContain('ignored its AbortSignal');
  });

  it('a command is killed through the ProcessRunner port on timeout and on cancel', async () => {
    let runner: ScriptedRunner | undefined;
    const h = harness({
      killGraceMs: 3_000,
      runnerOn: (clock) => (runner = new ScriptedRunner(clock)),
    });
    const timed = h.add({ name: 'timed', triggers: manual, timeoutMs: 5_000 }, 'sleep 100');
    const stubborn = h.add({ name: 'stubborn', triggers: manual }, 'sleep 100 ignore-term');
    await h.engine.start();
    h.engine.runNow(timed);
    const s = h.engine.runNow(stubborn).execution!;
    await h.run(1_000);
    h.engine.cancel(s.id);
    await h.run(2_000);
    expect(h.ended).toHaveLength(0); // SIGTERM ignored; the grace period is running
    await h.run(1_500);
    expect(h.ended.map((e) => [e.taskName, e.status, e.signal])).toEqual([
      ['stubborn', 'cancelled', 'SIGKILL'],
    ]);
    await h.run(2_000);
    expect(h.ended.map((e) => [e.taskName, e.status, e.signal])).toEqual([
      ['stubborn', 'cancelled', 'SIGKILL'],
      ['timed', 'timed-out', 'SIGTERM'],
    ]);
    expect(runner?.killed).toHaveLength(2);
  });

  it('a command exiting non-zero fails with its exit code', async () => {
    const h = harness({ runnerOn: (clock) => new ScriptedRunner(clock) });
    const id = h.add({ name: 'bad', triggers: manual }, 'sleep 1; exit 3');
    await h.engine.start();
    h.engine.runNow(id);
    await h.run(2_000);
    expect(h.ended.map((e) => [e.status, e.exitCode, e.error])).toEqual([
      ['failed', 3, 'exited with code 3'],
    ]);
  });
});
