import { eventually } from '../support/eventually.js';
import { readFileSync, writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskdeckError } from '../../shared/errors.js';
import type { TaskStore } from '../../electron/core/ports/task-store.js';
import {
  openService,
  removeDir,
  taskDoc,
  type ServiceFixture,
  type ServiceFixtureOptions,
} from './service-fixture.js';

const open: ServiceFixture[] = [];
async function fixture(dir?: string, options?: ServiceFixtureOptions) {
  const f = await openService(dir, options);
  open.push(f);
  return f;
}
afterEach(async () => {
  for (const f of open.splice(0)) {
    await f.close();
    removeDir(f.dir);
  }
});

async function rejection(promise: Promise<unknown>): Promise<TaskdeckError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TaskdeckError);
  return error as TaskdeckError;
}

describe('service: tasks', () => {
  it('creates with defaults filled in, a fixed interval start, and lists by tag and state', async () => {
    const { service } = await fixture();
    const before = Date.now();
    const a = await service.invoke(
      'tasks.create',
      taskDoc('a', { tags: ['backup'], triggers: [{ type: 'interval', everyMs: 60_000 }] }),
    );
    await service.invoke('tasks.create', taskDoc('b', { enabled: false }));
    expect(a).toMatchObject({
      priority: 0,
      overlap: 'skip',
      retry: { maxRetries: 0 },
      keepHistory: 500,
      state: 'idle',
      stats: { runs: 0 },
    });
    const startAt = (a.triggers[0] as { startAt: string }).startAt;
    expect(Date.parse(startAt)).toBeGreaterThanOrEqual(before - 1);
    expect(a.nextRunAt).toBe(new Date(Date.parse(startAt) + 60_000).toISOString());
    expect((await service.invoke('tasks.list', { tag: 'backup' })).map((t) => t.name)).toEqual([
      'a',
    ]);
    expect((await service.invoke('tasks.list', { state: 'paused' })).map((t) => t.name)).toEqual([
      'b',
    ]);
    // Taskdeck's own hidden housekeeping task never shows.
    expect(await service.invoke('tasks.list', {})).toHaveLength(2);
  });

  it('updates with an RFC 7396 merge patch: arrays replace, null deletes; a bad patch changes nothing', async () => {
    const { service, dir } = await fixture();
    const task = await service.invoke(
      'tasks.create',
      taskDoc('patched', { tags: ['x', 'y'], dst: { gap: 'skip', overlap: 'both' } }),
    );
    const updated = await service.invoke('tasks.update', {
      id: task.id,
      patch: { tags: ['z'], dst: null, retry: { maxRetries: 2 } },
    });
    expect(updated).toMatchObject({ tags: ['z'], retry: { maxRetries: 2, delayMs: 10_000 } });
    expect(updated.dst).toBeUndefined();
    const bytes = readFileSync(join(dir, 'tasks.json'));
    const error = await rejection(
      service.invoke('tasks.update', { id: task.id, patch: { priority: 101, bogus: 1 } }),
    );
    expect(error.code).toBe('invalid_params');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['patch', 'priority'],
      ['patch', 'bogus'],
    ]);
    expect(readFileSync(join(dir, 'tasks.json'))).toEqual(bytes);
    expect((await service.invoke('tasks.get', { id: task.id })).priority).toBe(0);
  });

  it('duplicates as a paused copy, pauses and resumes persistently', async () => {
    const { service, dir } = await fixture();
    const task = await service.invoke('tasks.create', taskDoc('original'));
    const copy = await service.invoke('tasks.duplicate', { id: task.id });
    expect(copy).toMatchObject({ name: 'original (copy)', enabled: false, state: 'paused' });
    expect(copy.id).not.toBe(task.id);
    await service.invoke('tasks.pause', { id: task.id });
    const stored = JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8')) as {
      tasks: { id: string; enabled: boolean }[];
    };
    expect(stored.tasks.find((t) => t.id === task.id)?.enabled).toBe(false);
    expect((await service.invoke('tasks.resume', { id: task.id })).state).toBe('idle');
  });

  it('chains must name an existing task, never itself', async () => {
    const { service } = await fixture();
    const unknown = await rejection(
      service.invoke(
        'tasks.create',
        taskDoc('follower', {
          triggers: [
            {
              type: 'event',
              event: 'task.succeeded',
              taskId: '00000000-0000-4000-8000-000000000001',
            },
          ],
        }),
      ),
    );
    expect(unknown.issues).toEqual([
      { path: ['triggers', 0, 'taskId'], message: 'No task with this id' },
    ]);
    const leader = await service.invoke('tasks.create', taskDoc('leader'));
    const self = await rejection(
      service.invoke('tasks.update', {
        id: leader.id,
        patch: { triggers: [{ type: 'event', event: 'task.finished', taskId: leader.id }] },
      }),
    );
    expect(self.issues).toEqual([
      { path: ['patch', 'triggers', 0, 'taskId'], message: 'A task cannot follow itself' },
    ]);
  });

  it('removing a task cancels its running execution and removes its history', async () => {
    const { service } = await fixture();
    const done = await service.invoke('tasks.create', taskDoc('doomed', { overlap: 'parallel' }));
    const first = await service.invoke('tasks.runNow', { id: done.id });
    await eventually(async () =>
      (await service.invoke('executions.get', { id: first.executionId })).status === 'succeeded'
        ? true
        : undefined,
    );
    await service.invoke('tasks.update', {
      id: done.id,
      patch: { action: { type: 'command', command: 'sleep 300' } },
    });
    const running = await service.invoke('tasks.runNow', { id: done.id });
    await eventually(async () =>
      (await service.invoke('executions.get', { id: running.executionId })).status === 'running'
        ? true
        : undefined,
    );
    expect(await service.invoke('tasks.remove', { id: done.id })).toEqual({ removed: true });
    expect((await service.invoke('executions.list', { taskId: done.id })).items).toEqual([]);
    expect((await rejection(service.invoke('tasks.get', { id: done.id }))).code).toBe('not_found');
  });

  it('a corrupt tasks file at start is moved aside and reported by system.problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskdeck-service-'));
    writeFileSync(join(dir, 'tasks.json'), '{"schemaVersion": 2, "tasks": [');
    const { service } = await fixture(dir);
    const problems = await service.invoke('system.problems', {});
    expect(problems).toHaveLength(1);
    const copy = problems[0]?.path ?? '';
    expect(copy).toMatch(/tasks\.corrupt-.+\.json$/);
    expect(readFileSync(copy, 'utf8')).toBe('{"schemaVersion": 2, "tasks": [');
    expect(readdirSync(dir).filter((name) => name.startsWith('tasks.corrupt-'))).toHaveLength(1);
    expect(await service.invoke('tasks.list', {})).toEqual([]);
  });
});

describe('service: import and export', () => {
  it('export then import into a fresh instance gives identical tasks', async () => {
    const first = await fixture();
    const leader = await first.service.invoke(
      'tasks.create',
      taskDoc('leader', { priority: 5, tags: ['t'] }),
    );
    await first.service.invoke(
      'tasks.create',
      taskDoc('follower', {
        triggers: [{ type: 'event', event: 'task.succeeded', taskId: leader.id }],
      }),
    );
    const exported = await first.service.invoke('tasks.export', {});
    const second = await fixture();
    expect(
      await second.service.invoke('tasks.import', { document: exported, mode: 'merge' }),
    ).toEqual({ imported: 2 });
    const strip = (tasks: Record<string, unknown>[]) =>
      tasks.map(
        ({ state, stats, nextRunAt, lastExecution, queuePosition, heldBy, updatedAt, ...rest }) =>
          rest,
      );
    expect(strip(await second.service.invoke('tasks.list', {}))).toEqual(
      strip(await first.service.invoke('tasks.list', {})),
    );
  });

  it('merge gives new ids on collision and keeps chains inside the file pointing at them', async () => {
    const { service } = await fixture();
    const leader = await service.invoke('tasks.create', taskDoc('leader'));
    await service.invoke(
      'tasks.create',
      taskDoc('follower', {
        triggers: [{ type: 'event', event: 'task.failed', taskId: leader.id }],
      }),
    );
    const exported = await service.invoke('tasks.export', {});
    await service.invoke('tasks.import', { document: exported, mode: 'merge' });
    const tasks = await service.invoke('tasks.list', {});
    expect(tasks).toHaveLength(4);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(4);
    const followers = tasks.filter((t) => t.name === 'follower');
    const chained = followers.map((t) => (t.triggers[0] as { taskId: string }).taskId).sort();
    const leaders = tasks
      .filter((t) => t.name === 'leader')
      .map((t) => t.id)
      .sort();
    expect(chained).toEqual(leaders);
  });

  it('replace swaps every task; an invalid document changes nothing', async () => {
    const { service, dir } = await fixture();
    await service.invoke('tasks.create', taskDoc('old'));
    const document = {
      format: 'taskdeck',
      version: 1,
      exportedAt: new Date().toISOString(),
      tasks: [taskDoc('new one')],
    };
    const bad = { ...document, tasks: [taskDoc('fine'), taskDoc('', { priority: 'high' })] };
    const bytes = readFileSync(join(dir, 'tasks.json'));
    const error = await rejection(
      service.invoke('tasks.import', { document: bad, mode: 'replace' }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['document', 'tasks', 1, 'name'],
      ['document', 'tasks', 1, 'priority'],
    ]);
    expect(readFileSync(join(dir, 'tasks.json'))).toEqual(bytes);
    await service.invoke('tasks.import', { document, mode: 'replace' });
    expect((await service.invoke('tasks.list', {})).map((t) => t.name)).toEqual(['new one']);
  });
});

describe('service: import writes once', () => {
  it.each(['merge', 'replace'] as const)(
    '%s: 200 tasks are stored in one write of tasks.json',
    async (mode) => {
      let saves = 0;
      const counted = (store: TaskStore): TaskStore => ({
        load: () => store.load(),
        save: (data) => {
          saves++;
          return store.save(data);
        },
      });
      const { service } = await fixture(undefined, { taskStore: counted });
      for (const name of ['a', 'b', 'c']) await service.invoke('tasks.create', taskDoc(name));
      saves = 0;
      const document = {
        format: 'taskdeck',
        version: 1,
        exportedAt: new Date().toISOString(),
        tasks: Array.from({ length: 200 }, (_, i) => taskDoc(`imported ${i}`)),
      };
      expect(await service.invoke('tasks.import', { document, mode })).toEqual({ imported: 200 });
      // One write: a crash leaves the file with all of them or none.
      expect(saves).toBe(1);
      expect(await service.invoke('tasks.list', {})).toHaveLength(mode === 'merge' ? 203 : 200);
    },
  );
});

describe('service: import replace adopts the file’s settings', () => {
  it('applies them as settings.update does: the engine’s limits at once, and the host is told', async () => {
    const { service } = await fixture();
    const told: unknown[] = [];
    service.onSettings((settings) => told.push(settings));
    const settings = {
      ...(await service.invoke('settings.get', {})),
      maxRunningTasks: 1,
      outputTailBytes: 1_024,
      killGraceMs: 250,
      sampleIntervalMs: 500,
      launchAtLogin: true,
    };
    const document = {
      format: 'taskdeck',
      version: 1,
      exportedAt: new Date().toISOString(),
      tasks: [
        taskDoc('chatty', { action: { type: 'command', command: 'head -c 5000 /dev/zero' } }),
      ],
      settings,
    };
    await service.invoke('tasks.import', { document, mode: 'replace' });
    expect(told).toEqual([settings]);
    expect(await service.invoke('settings.get', {})).toEqual(settings);
    expect((await service.invoke('scheduler.status', {})).maxRunningTasks).toBe(1);
    const [task] = await service.invoke('tasks.list', {});
    const { executionId } = await service.invoke('tasks.runNow', { id: task!.id });
    const done = await eventually(async () => {
      const detail = await service.invoke('executions.get', { id: executionId });
      return detail.status === 'succeeded' ? detail : undefined;
    });
    // The kept tail follows the imported outputTailBytes, not the default 256 KiB.
    expect(done.outputBytes).toBe(5_000);
    expect(done.output.reduce((sum, chunk) => sum + chunk.text.length, 0)).toBeLessThanOrEqual(
      1_024,
    );
  });
});

describe('service: hostile patches', () => {
  it('a patch nested ten thousand levels deep is invalid_params naming its field, not a crash', async () => {
    const { service } = await fixture();
    const task = await service.invoke('tasks.create', taskDoc('deep'));
    let nested: unknown = 'x';
    for (let i = 0; i < 10_000; i++) nested = { a: nested };
    const error = await rejection(
      service.invoke('tasks.update', { id: task.id, patch: { description: nested } }),
    );
    expect(error.code).toBe('invalid_params');
    expect(error.issues).toEqual([
      { path: ['patch', 'description'], message: 'Nested more than 32 levels deep' },
    ]);
    expect((await service.invoke('tasks.get', { id: task.id })).description).toBe('');
  });
});

describe('service: a patch member named __proto__', () => {
  it('is refused as an unknown field, as JSON.parse gives it, never dropped', async () => {
    const { service, dir } = await fixture();
    const task = await service.invoke('tasks.create', taskDoc('target'));
    const bytes = readFileSync(join(dir, 'tasks.json'));
    for (const patch of [
      '{"__proto__":{"priority":7}}',
      '{"priority":3,"__proto__":{"polluted":"yes"}}',
      '{"retry":{"__proto__":{"maxRetries":9}}}',
    ]) {
      const error = await rejection(
        service.call('tasks.update', { id: task.id, patch: JSON.parse(patch) as unknown }),
      );
      expect(error.code).toBe('invalid_params');
      expect(error.issues.map((issue) => issue.path)[0]?.slice(0, 2)).toEqual(
        patch.startsWith('{"retry"') ? ['patch', 'retry'] : ['patch', '__proto__'],
      );
    }
    expect(readFileSync(join(dir, 'tasks.json'))).toEqual(bytes);
    expect((await service.invoke('tasks.get', { id: task.id })).priority).toBe(0);
  });
});
