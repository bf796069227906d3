import { eventually } from '../support/eventually.js';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, MethodName } from '../../shared/api.js';
import { TaskdeckError } from '../../shared/errors.js';
import type { Execution } from '../../shared/schemas/execution.js';
import type { JsonRpcClient } from '../../shared/json-rpc-client.js';
import { rawText } from '../../electron/headless/raw-text.js';
import type { NodeRpcClient } from '../../electron/headless/node-rpc-client.js';
import { removeDataDir, startHostProcess, type HostProcess } from './host-process.js';

// Every method of API.md, called over a real WebSocket on a real `taskdeck serve`.
let host: HostProcess;
let client: NodeRpcClient;
let api: JsonRpcClient;
beforeAll(async () => {
  host = await startHostProcess();
  client = await host.connect();
  api = client.api;
});
afterAll(async () => {
  client.close();
  await host.stop('SIGKILL');
  removeDataDir(host.dataDir);
});

const MISSING = '00000000-0000-4000-8000-000000000000';

async function rejection(promise: Promise<unknown>): Promise<TaskdeckError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TaskdeckError);
  return error as TaskdeckError;
}

const manual = (name: string, command: string, extra: Record<string, unknown> = {}) => ({
  name,
  triggers: [{ type: 'event' as const, event: 'manual' as const }],
  action: { type: 'command' as const, command },
  ...extra,
});

async function ended(id: string): Promise<Execution> {
  return eventually(async () => {
    const detail = await api.call('executions.get', { id });
    return ['queued', 'running'].includes(detail.status) ? undefined : detail;
  });
}

describe('every method of API.md over the WebSocket', () => {
  it('tasks.create, get, list (by tag and state), update, duplicate, pause, resume and remove', async () => {
    const task = await api.call(
      'tasks.create',
      manual('api task', 'true', { tags: ['api'], priority: 3 }),
    );
    expect(task).toMatchObject({ name: 'api task', state: 'idle', priority: 3, tags: ['api'] });
    expect(await api.call('tasks.get', { id: task.id })).toMatchObject({ id: task.id });
    expect((await api.call('tasks.list', { tag: 'api' })).map((t) => t.id)).toEqual([task.id]);

    const updated = await api.call('tasks.update', {
      id: task.id,
      patch: { description: 'patched', tags: ['api', 'second'], retry: { maxRetries: 2 } },
    });
    expect(updated).toMatchObject({
      description: 'patched',
      tags: ['api', 'second'],
      retry: { maxRetries: 2, delayMs: 10_000 },
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));

    const copy = await api.call('tasks.duplicate', { id: task.id });
    expect(copy).toMatchObject({ name: 'api task (copy)', enabled: false, state: 'paused' });
    expect(copy.id).not.toBe(task.id);

    expect(await api.call('tasks.pause', { id: task.id })).toMatchObject({
      enabled: false,
      state: 'paused',
    });
    expect((await api.call('tasks.list', { state: 'paused' })).map((t) => t.id).sort()).toEqual(
      [task.id, copy.id].sort(),
    );
    expect(await api.call('tasks.resume', { id: task.id })).toMatchObject({
      enabled: true,
      state: 'idle',
    });

    expect(await api.call('tasks.remove', { id: copy.id })).toEqual({ removed: true });
    expect((await rejection(api.call('tasks.get', { id: copy.id }))).code).toBe('not_found');
    await api.call('tasks.remove', { id: task.id });
  });

  it('tasks.runNow, executions.get and list (paged), tasks.trace, stats.summary', async () => {
    const task = await api.call('tasks.create', manual('counted', 'echo counted', {}));
    const failing = await api.call('tasks.create', manual('failing', 'exit 3'));
    const runs: string[] = [];
    for (const id of [task.id, task.id, failing.id]) {
      const { executionId } = await api.call('tasks.runNow', { id });
      await ended(executionId);
      runs.unshift(executionId);
    }
    const detail = await api.call('executions.get', { id: runs[2]! });
    expect(detail).toMatchObject({ status: 'succeeded', exitCode: 0, taskName: 'counted' });
    expect(detail.output.map((chunk) => chunk.text).join('')).toBe('counted\n');
    expect(Array.isArray(detail.samples)).toBe(true);

    const first = await api.call('executions.list', { limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual(runs.slice(0, 2));
    const second = await api.call('executions.list', { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.id)).toEqual(runs.slice(2));
    expect(second.nextCursor).toBeNull();
    expect(
      (await api.call('executions.list', { taskId: task.id, status: 'succeeded' })).items,
    ).toHaveLength(2);
    expect(
      (await api.call('executions.list', { status: ['failed', 'timed-out'] })).items.map(
        (e) => e.id,
      ),
    ).toEqual([runs[0]]);

    const trace = await api.call('tasks.trace', { id: task.id, limit: 5 });
    expect(trace.map((entry) => entry.outcome)).toEqual(['ran', 'ran']);
    expect(trace[0]?.executionId).toBe(runs[1]);

    const summary = await api.call('stats.summary', {});
    expect(summary.byStatus).toMatchObject({ succeeded: 2, failed: 1 });
    expect(summary.successRate).toBeCloseTo(2 / 3);
    const one = await api.call('stats.summary', { taskId: failing.id });
    expect(one.byStatus).toMatchObject({ failed: 1 });
    expect(one.byStatus.succeeded).toBe(0);
    const later = await api.call('stats.summary', { since: '2999-01-01T00:00:00Z' });
    expect(later.byStatus.succeeded).toBe(0);

    await api.call('tasks.remove', { id: task.id });
    await api.call('tasks.remove', { id: failing.id });
  });

  it('executions.cancel ends a running execution; cancelling it again is a conflict', async () => {
    const task = await api.call('tasks.create', manual('long', 'sleep 60'));
    const { executionId } = await api.call('tasks.runNow', { id: task.id });
    await eventually(async () =>
      (await api.call('executions.get', { id: executionId })).status === 'running'
        ? true
        : undefined,
    );
    // overlap "skip": a second run while it runs is refused.
    const again = await rejection(api.call('tasks.runNow', { id: task.id }));
    expect(again.code).toBe('conflict');
    const cancelled = await api.call('executions.cancel', { id: executionId });
    expect(cancelled.id).toBe(executionId);
    expect((await ended(executionId)).status).toBe('cancelled');
    const twice = await rejection(api.call('executions.cancel', { id: executionId }));
    expect(twice.code).toBe('conflict');
    await api.call('tasks.remove', { id: task.id });
  });

  it('scheduler.status, pauseAll and resumeAll', async () => {
    expect(await api.call('scheduler.status')).toMatchObject({
      paused: false,
      running: 0,
      queued: 0,
      maxRunningTasks: 4,
    });
    expect(await api.call('scheduler.pauseAll')).toMatchObject({ paused: true });
    // Paused: a run now waits in the queue instead of starting.
    const task = await api.call('tasks.create', manual('held', 'true'));
    const { executionId } = await api.call('tasks.runNow', { id: task.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await api.call('executions.get', { id: executionId })).status).toBe('queued');
    expect(await api.call('scheduler.status')).toMatchObject({ paused: true, queued: 1 });
    expect(await api.call('scheduler.resumeAll')).toMatchObject({ paused: false });
    expect((await ended(executionId)).status).toBe('succeeded');
    await api.call('tasks.remove', { id: task.id });
  });

  it('settings.get and settings.update; a bad value names its field and changes nothing', async () => {
    const before = await api.call('settings.get');
    expect(before).toMatchObject({ maxRunningTasks: 4, killGraceMs: 5_000 });
    expect(await api.call('settings.update', { maxRunningTasks: 3 })).toEqual({
      ...before,
      maxRunningTasks: 3,
    });
    expect((await api.call('scheduler.status')).maxRunningTasks).toBe(3);
    const bad = await rejection(
      api.call('settings.update', { maxRunningTasks: 0, bogus: 1 } as never),
    );
    expect(bad.code).toBe('invalid_params');
    expect(bad.issues.map((issue) => issue.path)).toEqual([['maxRunningTasks'], ['bogus']]);
    expect((await api.call('settings.get')).maxRunningTasks).toBe(3);
    await api.call('settings.update', { maxRunningTasks: 4 });
  });

  it('triggers.preview and system.problems', async () => {
    expect(
      await api.call('triggers.preview', {
        trigger: { type: 'cron', expression: '0 9 * * 1-5', timezone: 'UTC' },
        from: '2026-01-02T10:00:00Z',
        count: 2,
      }),
    ).toEqual({
      description: 'At 09:00, Monday through Friday (UTC)',
      next: ['2026-01-05T09:00:00.000Z', '2026-01-06T09:00:00.000Z'],
    });
    expect(await api.call('system.problems')).toEqual([]);
  });

  it('tasks.export, then tasks.import in merge mode (new ids) and replace mode (with settings)', async () => {
    const kept = await api.call('tasks.create', manual('exported', 'true', { tags: ['x'] }));
    const exported = await api.call('tasks.export');
    expect(exported).toMatchObject({ format: 'taskdeck', version: 1 });
    expect(exported.tasks.map((task) => task.name)).toEqual(['exported']);
    expect(exported.settings!.maxRunningTasks).toBe(4);

    expect(await api.call('tasks.import', { document: exported, mode: 'merge' })).toEqual({
      imported: 1,
    });
    const merged = await api.call('tasks.list');
    expect(merged.map((task) => task.name)).toEqual(['exported', 'exported']);
    expect(new Set(merged.map((task) => task.id)).size).toBe(2);

    const replacement = {
      ...exported,
      tasks: [manual('replacement', 'true')],
      settings: { ...exported.settings!, maxRunningTasks: 2 },
    };
    expect(await api.call('tasks.import', { document: replacement, mode: 'replace' })).toEqual({
      imported: 1,
    });
    expect((await api.call('tasks.list')).map((task) => task.name)).toEqual(['replacement']);
    expect((await rejection(api.call('tasks.get', { id: kept.id }))).code).toBe('not_found');
    expect((await api.call('settings.get')).maxRunningTasks).toBe(2);
    expect((await api.call('scheduler.status')).maxRunningTasks).toBe(2);
    // Invalid documents change nothing, and name the field.
    const bad = await rejection(
      api.call('tasks.import', {
        document: { ...exported, tasks: [{ ...manual('', 'true') }] },
        mode: 'replace',
      }),
    );
    expect(bad.issues[0]?.path).toEqual(['document', 'tasks', 0, 'name']);
    expect((await api.call('tasks.list')).map((task) => task.name)).toEqual(['replacement']);
    await api.call('settings.update', { maxRunningTasks: 4 });
    for (const task of await api.call('tasks.list'))
      await api.call('tasks.remove', { id: task.id });
  });
});

describe('every error code of API.md over the WebSocket', () => {
  it('invalid_params, unknown_method, not_found and conflict', async () => {
    const invalid = await rejection(
      api.call('tasks.create', {
        name: 'x',
        triggers: [{ type: 'cron', expression: '61 * * * *' }],
        action: { type: 'command', command: 'true' },
      }),
    );
    expect(invalid.code).toBe('invalid_params');
    expect(invalid.issues[0]?.path).toEqual(['triggers', 0, 'expression']);

    const unknown = await rejection(api.call('tasks.frobnicate' as MethodName, {}));
    expect([unknown.code, unknown.message]).toEqual([
      'unknown_method',
      'Unknown method tasks.frobnicate',
    ]);

    for (const method of ['tasks.get', 'tasks.update', 'tasks.remove', 'tasks.runNow'] as const) {
      const params = method === 'tasks.update' ? { id: MISSING, patch: {} } : { id: MISSING };
      expect((await rejection(api.call(method, params as never))).code).toBe('not_found');
    }
    for (const method of ['executions.get', 'executions.cancel'] as const) {
      expect((await rejection(api.call(method, { id: MISSING }))).message).toBe(
        `No execution with id ${MISSING}`,
      );
    }

    const task = await api.call('tasks.create', manual('conflicted', 'true'));
    const { executionId } = await api.call('tasks.runNow', { id: task.id });
    await ended(executionId);
    const conflict = await rejection(api.call('executions.cancel', { id: executionId }));
    expect([conflict.code, conflict.message]).toEqual([
      'conflict',
      `Execution ${executionId} has already ended (succeeded)`,
    ]);
    await api.call('tasks.remove', { id: task.id });
  });

  it('internal: a tasks file that cannot be written fails the call, and nothing changes', async () => {
    const tasksFile = join(host.dataDir, 'tasks.json');
    rmSync(tasksFile, { force: true });
    // A folder where the file goes: no write can replace it.
    mkdirSync(join(tasksFile, 'blocked'), { recursive: true });
    try {
      const error = await rejection(api.call('tasks.create', manual('unsaved', 'true')));
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(/^Could not save the tasks file: /);
      expect(await api.call('tasks.list')).toEqual([]);
    } finally {
      rmSync(tasksFile, { recursive: true, force: true });
    }
    // Once the file can be written again, so can tasks.
    const saved = await api.call('tasks.create', manual('saved', 'true'));
    await api.call('tasks.remove', { id: saved.id });
  });
});

describe('events over the WebSocket', () => {
  it('arrive in order across batches: queued/running before output, output in order, then the end', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const batches: ApiEvent[][] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(rawText(data)) as {
        method?: string;
        params?: { events: ApiEvent[] };
      };
      if (message.method === 'event' && message.params !== undefined)
        batches.push(message.params.events);
    });
    try {
      const task = await api.call(
        'tasks.create',
        manual('talker', 'for i in 1 2 3 4 5; do echo line $i; sleep 0.2; done'),
      );
      const { executionId } = await api.call('tasks.runNow', { id: task.id });
      await ended(executionId);
      await eventually(() =>
        batches
          .flat()
          .some(
            (e) =>
              e.type === 'execution.changed' &&
              e.data.id === executionId &&
              e.data.status === 'succeeded',
          )
          ? true
          : undefined,
      );
      const mine = batches
        .map((batch) =>
          batch.filter(
            (e) =>
              (e.type === 'execution.changed' && e.data.id === executionId) ||
              (e.type === 'execution.output' && e.data.executionId === executionId),
          ),
        )
        .filter((batch) => batch.length > 0);
      const steps = mine
        .flat()
        .map((e) => (e.type === 'execution.changed' ? e.data.status : 'output'));
      // Output came in more than one batch (a second of it, batches ~10 a second).
      expect(
        mine.filter((batch) => batch.some((e) => e.type === 'execution.output')).length,
      ).toBeGreaterThan(1);
      const firstOutput = steps.indexOf('output');
      expect(steps.slice(0, firstOutput)).toContain('running');
      expect(steps.slice(0, firstOutput).every((s) => s === 'queued' || s === 'running')).toBe(
        true,
      );
      expect(steps.at(-1)).toBe('succeeded');
      // Between, only output and the running run's snapshot again (its output size grew).
      expect(steps.slice(firstOutput, -1).every((s) => s === 'output' || s === 'running')).toBe(
        true,
      );
      const chunks = mine
        .flat()
        .flatMap((e) => (e.type === 'execution.output' ? e.data.chunks : []));
      expect(chunks.map((chunk) => chunk.text).join('')).toBe(
        'line 1\nline 2\nline 3\nline 4\nline 5\n',
      );
      const times = chunks.map((chunk) => chunk.t);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      await api.call('tasks.remove', { id: task.id });
    } finally {
      ws.close();
    }
  });
});
