import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import type { TaskView } from '../../shared/schemas/task.js';
import { DesktopNotifications } from '../../electron/main/desktop-notifications.js';
import type { OpenTarget } from '../../electron/main/ipc-channels.js';
import { noticeText } from '../../electron/main/notice-text.js';
import { standInNotifications } from './electron-stand-ins.js';
import { commandTask, openRealTaskdeck, type RealTaskdeck } from './real-taskdeck.js';
import { waitFor } from './temp-dir.js';

const RUN = {
  id: 'e1',
  taskId: 't1',
  taskName: 'Back up notes',
  status: 'failed' as const,
  attempt: 1,
  startedAt: 1_000,
  endedAt: 4_000,
  exitCode: 3,
  signal: null,
  error: null,
};

describe('desktop notifications (Electron binary unavailable: stand-in Notification)', () => {
  it('show how a run ended with the app icon; a click opens that execution, once', () => {
    const { Notification, shown } = standInNotifications();
    const opened: OpenTarget[] = [];
    const notifications = new DesktopNotifications({
      Notification,
      icon: '/assets/icon.png',
      open: (target) => opened.push(target),
    });
    notifications.run(RUN);
    expect(shown.map((n) => n.options)).toEqual([{ ...noticeText(RUN), icon: '/assets/icon.png' }]);
    expect(opened).toEqual([]);
    shown[0]?.emit('click');
    expect(opened).toEqual([{ kind: 'execution', taskId: 't1', executionId: 'e1' }]);
  });

  it('a one-off message opens nothing when clicked', () => {
    const { Notification, shown } = standInNotifications();
    const opened: OpenTarget[] = [];
    const notifications = new DesktopNotifications({
      Notification,
      icon: 'icon.png',
      open: (target) => opened.push(target),
    });
    notifications.message('Taskdeck could not run the task', 'No task with id x');
    expect(shown.map((n) => n.options.title)).toEqual(['Taskdeck could not run the task']);
    shown[0]?.emit('click');
    expect(opened).toEqual([]);
  });

  it('where the system has no notifications, nothing is built or shown', () => {
    const { Notification, shown } = standInNotifications(false);
    new DesktopNotifications({ Notification, icon: 'icon.png', open: () => undefined }).run(RUN);
    expect(shown).toEqual([]);
  });
});

describe("the real service's notices, per task `notify` and the `notifications` setting (stand-in Notification)", () => {
  let taskdeck: RealTaskdeck;
  const { Notification, shown } = standInNotifications();
  const opened: OpenTarget[] = [];
  let unnotice: () => void;

  beforeAll(async () => {
    taskdeck = await openRealTaskdeck('notify');
    // Wired as main.ts wires them.
    const notifications = new DesktopNotifications({
      Notification,
      icon: 'icon.png',
      open: (target) => opened.push(target),
    });
    unnotice = taskdeck.service.onNotice(({ execution }) => {
      notifications.run(execution);
    });
    await taskdeck.service.invoke('settings.update', { maxRunningTasks: 16, killGraceMs: 500 });
  });
  afterAll(async () => {
    unnotice();
    await taskdeck.dispose();
  });

  const OUTCOMES: Record<'succeeded' | 'failed' | 'timed-out' | 'cancelled', object> = {
    succeeded: { action: { type: 'command', command: 'true' } },
    failed: { action: { type: 'command', command: 'exit 3' } },
    'timed-out': { action: { type: 'command', command: 'sleep 30' }, timeoutMs: 1_000 },
    cancelled: { action: { type: 'command', command: 'sleep 30' } },
  };
  type Outcome = keyof typeof OUTCOMES;
  const NOTIFY = ['never', 'failure', 'always'] as const;

  /** Runs every task once (cancelling the `cancelled` ones) and waits for every run to end. */
  async function runAll(tasks: { task: TaskView; outcome: Outcome }[]) {
    const { service } = taskdeck;
    const runs = await Promise.all(
      tasks.map(async ({ task, outcome }) => {
        const { executionId } = await service.invoke('tasks.runNow', { id: task.id });
        return { executionId, outcome, notify: task.notify };
      }),
    );
    for (const run of runs.filter((r) => r.outcome === 'cancelled')) {
      await waitFor(
        async () =>
          (await service.invoke('executions.get', { id: run.executionId })).status === 'running',
        10_000,
        'the run to cancel to start',
      );
      await service.invoke('executions.cancel', { id: run.executionId });
    }
    const statuses = new Map<string, ExecutionStatus>();
    await waitFor(
      async () => {
        for (const run of runs) {
          const execution = await service.invoke('executions.get', { id: run.executionId });
          if (execution.endedAt !== null) statuses.set(run.executionId, execution.status);
        }
        return statuses.size === runs.length;
      },
      20_000,
      'every run to end',
    );
    for (const run of runs) expect(statuses.get(run.executionId), run.outcome).toBe(run.outcome);
    return runs;
  }

  it('notify: never stays quiet, failure speaks of failed and timed-out runs, always of every run; off silences all', async () => {
    const { service } = taskdeck;
    const tasks: { task: TaskView; outcome: Outcome }[] = [];
    for (const notify of NOTIFY) {
      for (const [outcome, extra] of Object.entries(OUTCOMES) as [Outcome, object][]) {
        tasks.push({
          task: await service.invoke('tasks.create', {
            ...commandTask(`${notify} ${outcome}`, 'true'),
            ...extra,
            notify,
          }),
          outcome,
        });
      }
    }

    const runs = await runAll(tasks);
    const label = (executionId: string) => {
      const run = runs.find((r) => r.executionId === executionId);
      return `${run?.notify ?? '?'} ${run?.outcome ?? '?'}`;
    };
    // Each notification, clicked, opens the run it speaks of (its title names that run's task).
    for (const notification of shown) notification.emit('click');
    const notified = opened.map((target) =>
      target.kind === 'execution' ? label(target.executionId) : `a ${target.kind}`,
    );
    for (const [index, notification] of shown.entries())
      expect(notification.options.title).toContain(notified[index]);
    expect([...notified].sort()).toEqual(
      [
        'failure failed',
        'failure timed-out',
        'always succeeded',
        'always failed',
        'always timed-out',
        'always cancelled',
      ].sort(),
    );

    // With the setting off, not even `always` speaks.
    await service.invoke('settings.update', { notifications: false });
    const before = shown.length;
    await runAll(tasks.filter(({ task }) => task.notify !== 'never'));
    expect(shown.length).toBe(before);
    await service.invoke('settings.update', { notifications: true });
  }, 60_000);
});
