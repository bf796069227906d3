import { eventually } from '../support/eventually.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { MethodName, TaskdeckApi } from '../../shared/api.js';
import { TaskdeckError } from '../../shared/errors.js';
import type { TaskDocumentInput } from '../../shared/schemas/task.js';
import type { KeyValueStorage } from '../../renderer/dashboard/dismissed-problems.js';
import { previewKey, TIMELINE_SPAN_MS } from '../../renderer/dashboard/timeline-plan.js';
import type { AppState } from '../../renderer/store/app-state.js';
import { startBridge } from '../../renderer/store/bridge.js';
import { ALWAYS_OPEN } from '../../renderer/store/connection.js';
import { createTaskdeckStore } from '../../renderer/store/create-store.js';
import { startLiveHost, type LiveHost } from './support/live-host.js';

const task = (name: string, extra: Partial<TaskDocumentInput> = {}): TaskDocumentInput => ({
  name,
  triggers: [{ type: 'event', event: 'manual' }],
  action: { type: 'command', command: 'true' },
  ...extra,
});

/** The real API, with a count of the calls made through it per method. */
function counted(api: TaskdeckApi): { api: TaskdeckApi; calls: Map<MethodName, number> } {
  const calls = new Map<MethodName, number>();
  return {
    calls,
    api: {
      call: ((method: MethodName, ...params: never[]) => {
        calls.set(method, (calls.get(method) ?? 0) + 1);
        return (api.call as (m: MethodName, ...p: never[]) => Promise<unknown>)(method, ...params);
      }) as TaskdeckApi['call'],
      on: (event, listener) => api.on(event, listener),
    },
  };
}

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => data.set(key, value) };
}

let live: LiveHost;
let store: StoreApi<AppState>;
let calls: Map<MethodName, number>;
let storage: KeyValueStorage;
let stopBridge: () => void;

beforeEach(async () => {
  live = await startLiveHost();
  const client = await live.connect();
  const wrapped = counted(client.api);
  calls = wrapped.calls;
  storage = memoryStorage();
  store = createTaskdeckStore(wrapped.api, storage);
  stopBridge = startBridge(wrapped.api, store, ALWAYS_OPEN);
  await eventually(() => (store.getState().tasksLoaded ? true : undefined));
});

afterEach(async () => {
  stopBridge();
  await live.stop();
});

const runToEnd = async (id: string) => {
  const { executionId } = await live.host.service.invoke('tasks.runNow', { id });
  await eventually(async () => {
    const run = await live.host.service.invoke('executions.get', { id: executionId });
    return run.status === 'running' || run.status === 'queued' ? undefined : run;
  });
};

describe('the dashboard against a real Taskdeck', () => {
  it('plans the next 24 hours with the service, asking once per distinct trigger', async () => {
    const trigger = { type: 'cron' as const, expression: '0 */6 * * *', timezone: 'UTC' };
    const api = live.host.service;
    await api.invoke('tasks.create', task('A', { triggers: [trigger] }));
    await api.invoke('tasks.create', task('B', { triggers: [trigger] }));
    await store.getState().loadTasks();
    const now = Date.now();
    const tasks = Object.values(store.getState().tasks);
    await store.getState().loadPreviews(tasks, now);
    expect(calls.get('triggers.preview')).toBe(1);
    const preview = store.getState().previews[previewKey(tasks[0]!.triggers[0]!, undefined)]!;
    const inWindow = preview.fires.filter((fire) => fire < now + TIMELINE_SPAN_MS);
    expect(inWindow).toHaveLength(4);
    for (const fire of inWindow) {
      expect(fire).toBeGreaterThan(now);
      expect(new Date(fire).getUTCHours() % 6).toBe(0);
      expect(new Date(fire).getUTCMinutes()).toBe(0);
    }
    await store.getState().loadPreviews(tasks, now + 60_000);
    expect(calls.get('triggers.preview')).toBe(1);
  });

  it('counts the last day’s runs and lists the latest failures', async () => {
    const api = live.host.service;
    const ok = await api.invoke('tasks.create', task('Works'));
    const bad = await api.invoke(
      'tasks.create',
      task('Breaks', { action: { type: 'command', command: 'exit 3' } }),
    );
    await runToEnd(ok.id);
    await runToEnd(ok.id);
    await runToEnd(ok.id);
    await runToEnd(bad.id);
    await store.getState().loadOutcomes();
    const { outcomes, recentFailures } = store.getState();
    expect(outcomes?.day.summary.byStatus).toMatchObject({ succeeded: 3, failed: 1 });
    expect(outcomes?.day.summary.successRate).toBe(0.75);
    expect(outcomes?.week.summary.daily.at(-1)).toMatchObject({ succeeded: 3, failed: 1 });
    expect(outcomes?.day.countedFrom).toBeLessThanOrEqual(Date.now() - 86_400_000);
    expect(recentFailures?.map((run) => [run.taskName, run.exitCode])).toEqual([['Breaks', 3]]);
  });

  it('keeps queue positions current, which move without events of their own', async () => {
    await store.getState().updateSettings({ maxRunningTasks: 1 });
    expect(store.getState().scheduler?.maxRunningTasks).toBe(1);
    const api = live.host.service;
    const blocker = await api.invoke(
      'tasks.create',
      task('Blocker', { action: { type: 'command', command: 'sleep 5' } }),
    );
    const sleeper = { action: { type: 'command' as const, command: 'sleep 3' } };
    const low = await api.invoke('tasks.create', task('Low', { priority: -1, ...sleeper }));
    const high = await api.invoke('tasks.create', task('High', { priority: 5, ...sleeper }));
    await api.invoke('tasks.runNow', { id: blocker.id });
    await api.invoke('tasks.runNow', { id: low.id });
    await api.invoke('tasks.runNow', { id: high.id });
    await store.getState().loadTasks();
    await store.getState().refreshQueue();
    const { tasks } = store.getState();
    expect([tasks[high.id]?.queuePosition, tasks[low.id]?.queuePosition]).toEqual([1, 2]);
    await api.invoke('executions.cancel', {
      id: (await api.invoke('executions.list', { taskId: blocker.id })).items[0]!.id,
    });
    // High starts; Low moves up to first in line, and only a reload of the queue shows it.
    await eventually(async () => {
      await store.getState().refreshQueue();
      const { tasks: now } = store.getState();
      return now[high.id]?.state === 'running' && now[low.id]?.queuePosition === 1
        ? true
        : undefined;
    });
  });

  it('refuses a setting out of bounds with the field named, and changes nothing', async () => {
    const error = await store
      .getState()
      .updateSettings({ maxRunningTasks: 0 })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TaskdeckError);
    expect((error as TaskdeckError).issues[0]?.path).toEqual(['maxRunningTasks']);
    expect((await live.host.service.invoke('settings.get', {})).maxRunningTasks).toBe(4);
  });

  it('remembers a dismissed problem for the next window', () => {
    const problem = { code: 'tasks_file_corrupt', message: 'moved', path: '/x/tasks.corrupt.json' };
    store.getState().dismissProblem(problem);
    expect(store.getState().dismissedProblems).toEqual([
      'tasks_file_corrupt:/x/tasks.corrupt.json',
    ]);
    const next = createTaskdeckStore(live.host.service as unknown as TaskdeckApi, storage);
    expect(next.getState().dismissedProblems).toEqual(['tasks_file_corrupt:/x/tasks.corrupt.json']);
  });

  it('exports, and imports into another Taskdeck, after which the window lists the tasks', async () => {
    await live.host.service.invoke('tasks.create', task('Moves house', { tags: ['x'] }));
    const exported = await store.getState().exportTasks();
    expect(exported.tasks.map((entry) => entry.name)).toEqual(['Moves house']);

    const other = await startLiveHost();
    try {
      const client = await other.connect();
      const second = createTaskdeckStore(client.api);
      await second.getState().loadTasks();
      expect(await second.getState().importTasks(exported, 'merge')).toBe(1);
      expect(Object.values(second.getState().tasks).map((entry) => entry.name)).toEqual([
        'Moves house',
      ]);
    } finally {
      await other.stop();
    }
  });
});
