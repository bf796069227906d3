import { eventually } from '../support/eventually.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { TaskdeckError } from '../../shared/errors.js';
import { openService, removeDir, taskDoc, type ServiceFixture } from './service-fixture.js';

const open: ServiceFixture[] = [];
async function fixture() {
  const f = await openService();
  open.push(f);
  return f;
}
afterEach(async () => {
  for (const f of open.splice(0)) {
    await f.close();
    removeDir(f.dir);
  }
});

const ended = async (f: ServiceFixture, id: string) =>
  eventually(async () => {
    const detail = await f.service.invoke('executions.get', { id });
    return ['queued', 'running'].includes(detail.status) ? undefined : detail;
  });

describe('service: running things', () => {
  it('triggers.preview uses the engine: intervals from `from`, cron in its zone, events without times', async () => {
    const { service } = await fixture();
    expect(
      await service.invoke('triggers.preview', {
        trigger: { type: 'interval', everyMs: 90_000 },
        from: '2026-01-01T00:00:00Z',
        count: 3,
      }),
    ).toEqual({
      description: 'Every 90 s',
      next: ['2026-01-01T00:01:30.000Z', '2026-01-01T00:03:00.000Z', '2026-01-01T00:04:30.000Z'],
    });
    const cron = await service.invoke('triggers.preview', {
      trigger: { type: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' },
      from: '2026-01-02T12:00:00Z',
      count: 2,
    });
    expect(cron).toEqual({
      description: 'At 09:00, Monday through Friday (Europe/Berlin)',
      next: ['2026-01-05T08:00:00.000Z', '2026-01-06T08:00:00.000Z'],
    });
    expect(
      await service.invoke('triggers.preview', {
        trigger: { type: 'event', event: 'system.resume' },
      }),
    ).toEqual({
      description: 'When the computer wakes from sleep',
      next: [],
    });
    // cron-parser accepts "H" (a hashed minute) that cronstrue cannot phrase: say it as written.
    const hashed = await service.invoke('triggers.preview', {
      trigger: { type: 'cron', expression: 'H 0 * * *' },
      from: '2026-01-02T12:00:00Z',
      count: 2,
    });
    expect(hashed.description).toBe('Cron "H 0 * * *"');
    expect(hashed.next).toHaveLength(2);
    const bad = await service
      .invoke('triggers.preview', { trigger: { type: 'cron', expression: '99 * * * *' } })
      .catch((e: unknown) => e);
    expect((bad as TaskdeckError).issues[0]?.path).toEqual(['trigger', 'expression']);
  });

  it('settings.update leaves a setting given as undefined (as IPC can send it) unchanged', async () => {
    const { service } = await fixture();
    await service.invoke('settings.update', { maxRunningTasks: 3 });
    const settings = await service.invoke('settings.update', {
      maxRunningTasks: undefined,
      notifications: false,
    });
    expect(settings).toMatchObject({ maxRunningTasks: 3, notifications: false });
    expect(await service.invoke('settings.get', {})).toEqual(settings);
  });

  it('settings.update applies at once and is kept', async () => {
    const { service } = await fixture();
    expect((await service.invoke('scheduler.status', {})).maxRunningTasks).toBe(4);
    const settings = await service.invoke('settings.update', {
      maxRunningTasks: 1,
      killGraceMs: 100,
    });
    expect(settings).toMatchObject({
      maxRunningTasks: 1,
      killGraceMs: 100,
      sampleIntervalMs: 1_000,
    });
    expect((await service.invoke('scheduler.status', {})).maxRunningTasks).toBe(1);
    const slow = await service.invoke(
      'tasks.create',
      taskDoc('slow', { action: { type: 'command', command: 'sleep 30' } }),
    );
    const next = await service.invoke('tasks.create', taskDoc('next'));
    const slowRun = await service.invoke('tasks.runNow', { id: slow.id });
    await eventually(async () =>
      (await service.invoke('executions.get', { id: slowRun.executionId })).status === 'running'
        ? true
        : undefined,
    );
    await service.invoke('tasks.runNow', { id: next.id });
    expect(await service.invoke('tasks.get', { id: next.id })).toMatchObject({
      state: 'queued',
      queuePosition: 1,
    });
    await service.invoke('settings.update', { maxRunningTasks: 2 });
    await eventually(async () =>
      (await service.invoke('tasks.get', { id: next.id })).lastExecution?.status === 'succeeded'
        ? true
        : undefined,
    );
  });

  it('records output, resources and statistics, pages history with cursors, and explains a skipped firing', async () => {
    const f = await fixture();
    const { service } = f;
    const task = await service.invoke(
      'tasks.create',
      taskDoc('counter', {
        action: { type: 'command', command: 'echo out; echo err >&2; exit 2' },
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { executionId } = await service.invoke('tasks.runNow', { id: task.id });
      ids.push(executionId);
      await ended(f, executionId);
    }
    const detail = await service.invoke('executions.get', { id: ids[0]! });
    expect(detail).toMatchObject({
      status: 'failed',
      exitCode: 2,
      error: 'exited with code 2',
      outputBytes: 8,
    });
    expect(detail.output.map((chunk) => [chunk.stream, chunk.text])).toEqual(
      expect.arrayContaining([
        ['stdout', 'out\n'],
        ['stderr', 'err\n'],
      ]),
    );
    const first = await service.invoke('executions.list', { taskId: task.id, limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await service.invoke('executions.list', {
      taskId: task.id,
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((e) => e.id)).toEqual([ids[0]]);
    expect((await service.invoke('executions.list', { status: 'succeeded' })).items).toEqual([]);
    expect((await service.invoke('tasks.get', { id: task.id })).stats).toMatchObject({
      runs: 3,
      failed: 3,
      succeeded: 0,
      successRate: 0,
    });
    const summary = await service.invoke('stats.summary', { taskId: task.id });
    expect(summary.byStatus.failed).toBe(3);

    await service.invoke('tasks.update', {
      id: task.id,
      patch: { action: { type: 'command', command: 'sleep 5' } },
    });
    const running = await service.invoke('tasks.runNow', { id: task.id });
    const refused = await service.invoke('tasks.runNow', { id: task.id }).catch((e: unknown) => e);
    expect((refused as TaskdeckError).code).toBe('conflict');
    await service.invoke('executions.cancel', { id: running.executionId });
    expect((await ended(f, running.executionId)).status).toBe('cancelled');
    const trace = await service.invoke('tasks.trace', { id: task.id, limit: 3 });
    expect(trace.map((entry) => entry.outcome)).toContain('skipped');
    expect(trace.find((entry) => entry.outcome === 'skipped')?.reason).toBe(
      'the previous run is still running (overlap: skip)',
    );
  });

  it('events come in batches at most ~10 a second, each task view only once per batch', async () => {
    const f = await fixture();
    const tasks = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => f.service.invoke('tasks.create', taskDoc(`t${n}`))),
    );
    for (const task of tasks) await f.service.invoke('tasks.runNow', { id: task.id });
    await eventually(() =>
      f.batches.some((b) =>
        b.events.some(
          (e: ApiEvent) => e.type === 'execution.changed' && e.data.status === 'succeeded',
        ),
      )
        ? true
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 1; i < f.batches.length; i++) {
      expect(f.batches[i]!.at - f.batches[i - 1]!.at).toBeGreaterThanOrEqual(90);
    }
    for (const batch of f.batches) {
      const views = batch.events
        .filter((e) => e.type === 'task.changed')
        .map((e) => (e.data as { id: string }).id);
      expect(new Set(views).size).toBe(views.length);
    }
    expect(f.batches.flatMap((b) => b.events).some((e) => e.type === 'execution.output')).toBe(
      true,
    );
  });
});

describe('service: cursors', () => {
  it('a cursor it did not make is invalid_params naming the cursor', async () => {
    const { service } = await fixture();
    const error = await service
      .invoke('executions.list', { cursor: 'garbage' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskdeckError);
    expect((error as TaskdeckError).issues).toEqual([
      { path: ['cursor'], message: 'Not a cursor from a previous page' },
    ]);
  });
});

describe('service: resources', () => {
  it('a running command reports the bytes of output it wrote so far, not 0 until it ends', async () => {
    const f = await fixture();
    const task = await f.service.invoke(
      'tasks.create',
      taskDoc('talker', { action: { type: 'command', command: 'printf "12345€\\n"; sleep 5' } }),
    );
    const { executionId } = await f.service.invoke('tasks.runNow', { id: task.id });
    const running = await eventually(async () => {
      const detail = await f.service.invoke('executions.get', { id: executionId });
      return detail.output.length > 0 ? detail : undefined;
    });
    expect(running).toMatchObject({ status: 'running', outputBytes: 9 });
    await f.service.invoke('executions.cancel', { id: executionId });
    expect((await ended(f, executionId)).outputBytes).toBe(9);
  });

  it("a running command's CPU and memory figures follow its samples, not null until it ends", async () => {
    const f = await fixture();
    await f.service.invoke('settings.update', { sampleIntervalMs: 250 });
    const task = await f.service.invoke(
      'tasks.create',
      taskDoc('spinner', { action: { type: 'command', command: 'timeout 10 yes > /dev/null' } }),
    );
    const { executionId } = await f.service.invoke('tasks.runNow', { id: task.id });
    const running = await eventually(async () => {
      const detail = await f.service.invoke('executions.get', { id: executionId });
      return detail.samples.length >= 2 ? detail : undefined;
    });
    expect(running.status).toBe('running');
    expect(running.resources.cpuPeakPercent).toBe(
      Math.max(...running.samples.map((sample) => sample.cpuPercent)),
    );
    expect(running.resources.rssPeakBytes).toBeGreaterThan(0);
    expect(running.resources.cpuAvgPercent).toBeGreaterThan(0);
    await f.service.invoke('executions.cancel', { id: executionId });
  });

  it('samples a running command from its first interval on, and keeps its peaks and series', async () => {
    const f = await fixture();
    await f.service.invoke('settings.update', { sampleIntervalMs: 250 });
    const task = await f.service.invoke(
      'tasks.create',
      taskDoc('burn', {
        action: { type: 'command', command: 'timeout 2 yes > /dev/null; exit 0' },
      }),
    );
    const { executionId } = await f.service.invoke('tasks.runNow', { id: task.id });
    const done = await ended(f, executionId);
    expect(done.samples.length).toBeGreaterThanOrEqual(3);
    // The first reading is taken at start, so even the first sample reports real CPU use.
    expect(done.samples[0]!.cpuPercent).toBeGreaterThan(0);
    expect(done.resources.cpuPeakPercent).toBeGreaterThan(0);
    expect(done.resources.rssPeakBytes).toBeGreaterThan(0);
    expect(done.resources.cpuTimeMs).toBeGreaterThan(0);
  });
});

describe('service: memory limit', () => {
  it('kills a runaway over limits.maxMemoryMb and says why', async () => {
    const f = await fixture();
    await f.service.invoke('settings.update', { sampleIntervalMs: 250, killGraceMs: 500 });
    // `tail` looking for the end of a line in /dev/zero holds everything it reads: memory only grows.
    const task = await f.service.invoke(
      'tasks.create',
      taskDoc('runaway', {
        limits: { maxMemoryMb: 64 },
        timeoutMs: 60_000,
        action: { type: 'command', command: 'tail /dev/zero' },
      }),
    );
    const { executionId } = await f.service.invoke('tasks.runNow', { id: task.id });
    const done = await ended(f, executionId);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/^killed: memory use \d+ MB exceeded the limit of 64 MB$/);
    expect(done.resources.rssPeakBytes).toBeGreaterThan(64 * 1_048_576);
  });
});
