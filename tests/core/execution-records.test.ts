import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../electron/core/fake-clock.js';
import type {
  ProcessOutcome,
  ProcessRunner,
  ProcessSpec,
} from '../../electron/core/ports/process-runner.js';
import { createScheduler } from '../../electron/core/scheduler.js';
import type { RunContext } from '../../electron/core/task-definition.js';
import { flush } from './support/harness.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const manual = [{ type: 'event' as const, event: 'manual' as const }];

/**
 * A scheduler without listeners makes an execution's record only when someone asks for one;
 * these hold it to the same answers a record kept all along would give.
 */
describe('execution records made on demand', () => {
  it('a record from runNow, held without listeners, follows its run to the end', async () => {
    const clock = new FakeClock('2026-01-05T00:00:00Z', 'UTC');
    const scheduler = createScheduler({ maxRunningTasks: 2, clock });
    let seen: RunContext | null = null;
    let release: (value: string) => void = () => undefined;
    const task = scheduler.addTask({
      name: 'held',
      triggers: manual,
      action: {
        type: 'function',
        run: (ctx) => {
          seen = ctx;
          return new Promise<string>((resolve) => {
            release = resolve;
          });
        },
      },
    });
    await scheduler.start();
    const record = scheduler.runNow(task.id);
    expect(record).toMatchObject({ taskId: task.id, taskName: 'held', status: 'running' });
    expect(record.id).toMatch(UUID_V4);
    expect(record.firstExecutionId).toBe(record.id);
    expect((seen as RunContext | null)?.executionId).toBe(record.id);

    clock.advance(250);
    release('done');
    await flush();
    expect(record).toMatchObject({ status: 'succeeded', result: 'done', error: null });
    expect((record.endedAt ?? 0) - (record.startedAt ?? 0)).toBe(250);
    expect(scheduler.getTask(task.id)?.lastExecution).toMatchObject({
      id: record.id,
      status: 'succeeded',
    });
    expect(scheduler.engine.traceOf(task.id, 1)[0]).toMatchObject({
      outcome: 'ran',
      executionId: record.id,
    });
    await scheduler.stop();
  });

  it("a held command run's record counts its output as the runner delivers it", async () => {
    const clock = new FakeClock('2026-01-05T00:00:00Z', 'UTC');
    let spec: ProcessSpec | null = null;
    let exit: (outcome: ProcessOutcome) => void = () => undefined;
    const runner: ProcessRunner = {
      start(started) {
        spec = started;
        return {
          pid: 7,
          pgid: 7,
          startToken: '7',
          kill: () => undefined,
          done: new Promise((resolve) => (exit = resolve)),
        };
      },
    };
    const scheduler = createScheduler({ maxRunningTasks: 1, clock, runner });
    const task = scheduler.addTask({
      name: 'talker',
      triggers: manual,
      action: { type: 'command', command: 'talk' },
    });
    await scheduler.start();
    const record = scheduler.runNow(task.id);
    const chunk = { t: clock.now(), stream: 'stdout' as const, text: 'hello €\n' };
    (spec as ProcessSpec | null)?.onOutput([chunk], 10);
    expect(record).toMatchObject({ status: 'running', outputBytes: 10 });
    exit({ exitCode: 0, signal: null, error: null, outputBytes: 10, tail: [chunk] });
    await flush();
    expect(record).toMatchObject({ status: 'succeeded', outputBytes: 10 });
    await scheduler.stop();
  });

  it('an id first read by the function finds the same run everywhere', async () => {
    const clock = new FakeClock('2026-01-05T00:00:00Z', 'UTC');
    const scheduler = createScheduler({ maxRunningTasks: 2, clock });
    const ids: string[] = [];
    const task = scheduler.addTask({
      name: 'fires',
      triggers: [{ type: 'interval', everyMs: 1_000 }],
      action: {
        type: 'function',
        run: (ctx) => {
          ids.push(ctx.executionId);
          // Until it is cancelled: the scheduler is asked for the run by that id.
          return new Promise((_, reject) => {
            ctx.signal.addEventListener('abort', () => {
              reject(new Error('stopped'));
            });
          });
        },
      },
    });
    await scheduler.start();
    clock.advance(1_000);
    await flush();
    expect(ids).toHaveLength(1);
    const id = ids[0] as string;
    expect(id).toMatch(UUID_V4);
    expect(scheduler.engine.live(id)).toMatchObject({ id, status: 'running' });
    expect(scheduler.engine.liveExecutions().map((record) => record.id)).toEqual([id]);
    expect(scheduler.engine.cancel(id)?.id).toBe(id);
    await flush();
    expect(scheduler.engine.live(id)).toBeNull();
    expect(scheduler.getTask(task.id)?.lastExecution).toMatchObject({ id, status: 'cancelled' });
    // An id the engine never made, and one in another form, find nothing.
    expect(scheduler.engine.cancel(id.toUpperCase())).toBeNull();
    expect(scheduler.engine.cancel('not-an-id')).toBeNull();
    await scheduler.stop();
  });

  it('retries name the first attempt whose record nobody asked for', async () => {
    const clock = new FakeClock('2026-01-05T00:00:00Z', 'UTC');
    const scheduler = createScheduler({ maxRunningTasks: 2, clock });
    const task = scheduler.addTask({
      name: 'flaky',
      triggers: [{ type: 'interval', everyMs: 60_000 }],
      retry: { maxRetries: 2, delayMs: 1_000 },
      action: {
        type: 'function',
        run: () => {
          throw new Error('boom');
        },
      },
    });
    await scheduler.start();
    clock.advance(60_000);
    await flush();
    // The first attempt failed with nobody listening: its record was never made.
    const [firstRan] = scheduler.engine.traceOf(task.id, 8).filter((e) => e.outcome === 'ran');
    const first = firstRan?.executionId ?? '';
    expect(first).toMatch(UUID_V4);
    const failed: { id: string; attempt: number; first: string }[] = [];
    scheduler.on('execution', (record) => {
      if (record.status === 'failed')
        failed.push({ id: record.id, attempt: record.attempt, first: record.firstExecutionId });
    });
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await flush();
    }
    expect(failed.map((r) => r.attempt)).toEqual([2, 3]);
    expect(new Set([first, ...failed.map((r) => r.id)]).size).toBe(3);
    for (const record of failed) expect(record.first).toBe(first);
    await scheduler.stop();
  });
});
