import { eventually } from '../support/eventually.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { TaskdeckError } from '../../shared/errors.js';
import type { TaskDocumentInput } from '../../shared/schemas/task.js';
import type { AppState } from '../../renderer/store/app-state.js';
import { startBridge } from '../../renderer/store/bridge.js';
import { ALWAYS_OPEN } from '../../renderer/store/connection.js';
import { createTaskdeckStore } from '../../renderer/store/create-store.js';
import type { NodeRpcClient } from '../../electron/headless/node-rpc-client.js';
import { startLiveHost, type LiveHost } from './support/live-host.js';

const task = (name: string, extra: Partial<TaskDocumentInput> = {}): TaskDocumentInput => ({
  name,
  triggers: [{ type: 'cron', expression: '0 9 * * 1-5' }],
  action: { type: 'command', command: 'echo hello' },
  ...extra,
});

let live: LiveHost;
let window: NodeRpcClient;
let other: NodeRpcClient;
let store: StoreApi<AppState>;
let stopBridge: () => void;

beforeEach(async () => {
  live = await startLiveHost();
  window = await live.connect();
  other = await live.connect();
  store = createTaskdeckStore(window.api);
  stopBridge = startBridge(window.api, store, ALWAYS_OPEN);
  await eventually(() => (store.getState().tasksLoaded ? true : undefined));
});

afterEach(async () => {
  stopBridge();
  await live.stop();
});

describe('the window store against a real Taskdeck', () => {
  it("follows another client's changes and forgets a removed task everywhere", async () => {
    const created = await other.api.call('tasks.create', task('From the command line'));
    await store.getState().loadTasks();
    await other.api.call('tasks.update', { id: created.id, patch: { name: 'Renamed elsewhere' } });
    await eventually(() =>
      store.getState().tasks[created.id]?.name === 'Renamed elsewhere' ? true : undefined,
    );
    store.getState().setSelection([created.id], created.id);
    store.getState().navigate({ screen: 'task', taskId: created.id });
    store.getState().openEditor({ mode: 'edit', taskId: created.id });
    await other.api.call('tasks.remove', { id: created.id });
    await eventually(() => (store.getState().tasks[created.id] === undefined ? true : undefined));
    expect(store.getState().selection).toEqual([]);
    expect(store.getState().route).toEqual({ screen: 'tasks' });
    expect(store.getState().editor).toBeNull();
  });

  // Known service gap (reported): tasks.create, tasks.duplicate and tasks.import send no
  // task.changed, so a window does not see tasks another client adds until it reloads. This
  // test states the contract and flips to a plain `it` once the service sends the event.
  it('shows a task another client creates (needs task.changed on create)', async () => {
    const created = await other.api.call('tasks.create', task('From the command line'));
    await eventually(() => store.getState().tasks[created.id], 2_000);
  });

  it('applies a batch of events as one change, however many events it holds', async () => {
    const exported = {
      format: 'taskdeck' as const,
      version: 1 as const,
      exportedAt: new Date().toISOString(),
      tasks: Array.from({ length: 40 }, (_, index) => task(`Imported ${index}`)),
    };
    await other.api.call('tasks.import', { document: exported, mode: 'merge' });
    await store.getState().loadTasks();
    const ids = Object.keys(store.getState().tasks);
    expect(ids).toHaveLength(40);
    let changes = 0;
    const off = store.subscribe((state, previous) => {
      if (state.tasks !== previous.tasks) changes++;
    });
    await Promise.all(ids.map((id) => other.api.call('tasks.pause', { id })));
    await eventually(() =>
      Object.values(store.getState().tasks).every((view) => view.state === 'paused')
        ? true
        : undefined,
    );
    off();
    // Forty changes arrive in a few batches of ~100 ms; each batch is one store change.
    expect(changes).toBeGreaterThan(0);
    expect(changes).toBeLessThanOrEqual(5);
  });

  it('pausing shows at once and then settles on what the service says', async () => {
    const created = await store.getState().createTask(task('Nightly'));
    const pausing = store.getState().pauseTasks([created.id]);
    expect(store.getState().tasks[created.id]).toMatchObject({ enabled: false, state: 'paused' });
    await pausing;
    const truth = await other.api.call('tasks.get', { id: created.id });
    expect(truth).toMatchObject({ enabled: false, state: 'paused' });
    expect(store.getState().tasks[created.id]).toEqual(truth);
    await store.getState().resumeTasks([created.id]);
    expect(store.getState().tasks[created.id]).toMatchObject({ enabled: true, state: 'idle' });
    expect(store.getState().tasks[created.id]!.nextRunAt).not.toBeNull();
  });

  it('a pause the service refuses is undone, and the person is told why', async () => {
    stopBridge(); // no events: the store still lists a task the service no longer has
    const created = await store.getState().createTask(task('Gone soon'));
    await other.api.call('tasks.remove', { id: created.id });
    await store.getState().pauseTasks([created.id]);
    expect(store.getState().tasks[created.id]).toMatchObject({ enabled: true, state: 'idle' });
    const toast = store.getState().toasts.at(-1);
    expect(toast?.kind).toBe('error');
    expect(toast?.message).toMatch(/^Could not pause 1 task: No task with id/);
  });

  it('deleting removes at once; a task someone else deleted first counts as deleted', async () => {
    stopBridge();
    const a = await store.getState().createTask(task('A'));
    const b = await store.getState().createTask(task('B'));
    await other.api.call('tasks.remove', { id: b.id });
    const deleting = store.getState().removeTasks([a.id, b.id]);
    expect(store.getState().tasks[a.id]).toBeUndefined();
    await deleting;
    expect(await other.api.call('tasks.list', {})).toEqual([]);
    expect(store.getState().tasks).toEqual({});
    expect(store.getState().toasts.at(-1)).toMatchObject({
      kind: 'info',
      message: 'Deleted 2 tasks',
    });
  });

  it('run now: the opened run streams its output in order, ends succeeded, and lands in history', async () => {
    const created = await store.getState().createTask(
      task('Greet', {
        action: { type: 'command', command: 'echo one; sleep 0.4; echo two >&2; echo three' },
      }),
    );
    await store.getState().loadHistory(created.id);
    await store.getState().loadRecent([created.id]);
    const executionId = await store.getState().runNow(created.id);
    expect(executionId).not.toBeNull();
    await store.getState().openExecution(executionId!);
    const opened = await eventually(() => {
      const run = store.getState().opened[executionId!];
      return run?.execution?.status === 'succeeded' && run.log.lines.length === 3 ? run : undefined;
    });
    expect(opened.log.lines.map((line) => [line.stream, line.text])).toEqual([
      ['stdout', 'one'],
      ['stderr', 'two'],
      ['stdout', 'three'],
    ]);
    const row = await eventually(() =>
      store
        .getState()
        .history[created.id]?.items.find(
          (item) => item.id === executionId && item.status === 'succeeded',
        ),
    );
    expect(row.exitCode).toBe(0);
    expect(store.getState().recent[created.id]?.map((run) => run.id)).toEqual([executionId]);
    expect(store.getState().active[executionId!]).toBeUndefined();
  });

  it("an opened run's output size follows its output while it runs, not 0 until it ends", async () => {
    const created = await other.api.call(
      'tasks.create',
      task('Chatty', {
        action: { type: 'command', command: 'echo one; sleep 1.5; echo twenty; sleep 30' },
      }),
    );
    const { executionId } = await other.api.call('tasks.runNow', { id: created.id });
    await eventually(async () => {
      const detail = await other.api.call('executions.get', { id: executionId });
      return detail.output.length > 0 ? true : undefined;
    });
    await store.getState().openExecution(executionId);
    expect(store.getState().opened[executionId]?.execution?.outputBytes).toBe(4);
    const opened = await eventually(() => {
      const run = store.getState().opened[executionId];
      return run?.log.lines.length === 2 ? run : undefined;
    });
    expect(opened.execution).toMatchObject({ status: 'running', outputBytes: 11 });
    await other.api.call('executions.cancel', { id: executionId });
  });

  it('opening a run that already ended shows its saved output and resources', async () => {
    const created = await other.api.call(
      'tasks.create',
      task('Quick', { action: { type: 'command', command: 'printf "a\\nb\\n"' } }),
    );
    const { executionId } = await other.api.call('tasks.runNow', { id: created.id });
    await eventually(async () => {
      const detail = await other.api.call('executions.get', { id: executionId });
      return detail.status === 'succeeded' ? true : undefined;
    });
    await store.getState().openExecution(executionId);
    const opened = store.getState().opened[executionId]!;
    expect(opened.loading).toBe(false);
    expect(opened.log.lines.map((line) => line.text)).toEqual(['a', 'b']);
    store.getState().closeExecution(executionId);
    expect(store.getState().opened[executionId]).toBeUndefined();
    expect(store.getState().samples[executionId]).toBeUndefined();
  });

  it('the trace explains a firing skipped because the task was still running', async () => {
    const created = await store.getState().createTask(
      task('Slow', {
        triggers: [{ type: 'interval', everyMs: 1_000 }],
        action: { type: 'command', command: 'sleep 2.5' },
        overlap: 'skip',
      }),
    );
    await store.getState().loadTrace(created.id);
    const skipped = await eventually(
      () =>
        store.getState().trace[created.id]?.entries.find((entry) => entry.outcome === 'skipped'),
      8_000,
      'a skipped firing',
    );
    expect(skipped.reason).toMatch(/running/i);
    const entries = store.getState().trace[created.id]!.entries;
    expect(entries.map((entry) => entry.t)).toEqual(
      [...entries.map((entry) => entry.t)].sort().reverse(),
    );
    await store.getState().removeTasks([created.id]);
  });

  it("creating passes on the service's invalid_params with the field's path", async () => {
    const error: unknown = await store
      .getState()
      .createTask(
        task('Follower', {
          triggers: [
            { type: 'event', event: 'task.failed', taskId: '00000000-0000-4000-8000-000000000099' },
          ],
        }),
      )
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TaskdeckError);
    expect((error as TaskdeckError).code).toBe('invalid_params');
    expect((error as TaskdeckError).issues).toEqual([
      { path: ['triggers', 0, 'taskId'], message: 'No task with this id' },
    ]);
  });

  it('pause all and resume all change the scheduler status', async () => {
    await eventually(() => store.getState().scheduler ?? undefined);
    await store.getState().pauseAll();
    expect(store.getState().scheduler?.paused).toBe(true);
    expect((await other.api.call('scheduler.status', {})).paused).toBe(true);
    await store.getState().resumeAll();
    expect(store.getState().scheduler?.paused).toBe(false);
  });
});
