import type { MenuItemConstructorOptions } from 'electron';
import type { TraySnapshot } from './tray-status.js';

/** The four tray icons (assets/tray/tray-<state>.png). */
export type TrayIconState = 'idle' | 'running' | 'failed' | 'paused';

/** What a tray menu item does when clicked. */
export type TrayAction =
  | { type: 'open' }
  | { type: 'open-task'; taskId: string }
  | { type: 'open-execution'; taskId: string; executionId: string }
  | { type: 'run-now'; taskId: string }
  | { type: 'pause-all' }
  | { type: 'resume-all' }
  | { type: 'quit' };

/** One item of the tray menu, independent of Electron. */
export type TrayMenuItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] };

/** Running tasks listed by name before the rest are summed up. */
export const MAX_RUNNING_LISTED = 8;
/** Tasks in the "Run now" submenu before the rest are left to the window. */
export const MAX_RUN_NOW = 25;
/** Menu labels longer than this are cut with an ellipsis. */
export const MAX_LABEL = 60;

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_LABEL ? flat : `${flat.slice(0, MAX_LABEL - 1)}…`;
}

/**
 * The icon for a state: an unseen failure wins (it needs the person), then paused (nothing new
 * starts), then running, then idle.
 */
export function trayIconState(status: TraySnapshot): TrayIconState {
  if (status.failures.length > 0) return 'failed';
  if (status.paused) return 'paused';
  if (status.running > 0) return 'running';
  return 'idle';
}

/** One line of counts: what runs, what waits, what failed, and how many tasks there are. */
export function statusLine(status: TraySnapshot): string {
  const parts: string[] = [];
  if (status.paused) parts.push('Paused');
  if (status.running > 0) parts.push(`${status.running} running`);
  if (status.queued > 0) parts.push(`${status.queued} queued`);
  if (status.failures.length > 0) parts.push(`${status.failures.length} failed`);
  if (parts.length === 0) parts.push('Idle');
  parts.push(status.tasks.length === 0 ? 'no tasks yet' : plural(status.tasks.length, 'task'));
  return parts.join(' · ');
}

/** The tray's tooltip: the app's name and the status line. */
export function trayTooltip(status: TraySnapshot): string {
  return `Taskdeck — ${statusLine(status)}`;
}

/**
 * The tray menu for a state: the status line; unseen failures (each opens its run); running
 * tasks (each opens its task); "Run now" with every task that can still run; pause all or
 * resume all; open; quit.
 */
export function trayMenu(status: TraySnapshot): TrayMenuItem[] {
  const items: TrayMenuItem[] = [{ kind: 'label', label: statusLine(status) }];

  const failureItems: TrayMenuItem[] = status.failures.map((failure) => ({
    kind: 'action',
    label: clip(`${failure.status === 'timed-out' ? 'Timed out' : 'Failed'}: ${failure.taskName}`),
    action: { type: 'open-execution', taskId: failure.taskId, executionId: failure.executionId },
  }));

  const running = status.tasks.filter((task) => task.state === 'running');
  const runningItems: TrayMenuItem[] = running.slice(0, MAX_RUNNING_LISTED).map((task) => ({
    kind: 'action',
    label: clip(`Running: ${task.name}`),
    action: { type: 'open-task', taskId: task.id },
  }));
  if (running.length > MAX_RUNNING_LISTED) {
    runningItems.push({
      kind: 'action',
      label: `${running.length - MAX_RUNNING_LISTED} more running…`,
      action: { type: 'open' },
    });
  }
  if (failureItems.length > 0 || runningItems.length > 0) {
    items.push({ kind: 'separator' }, ...failureItems, ...runningItems);
  }

  const runnable = status.tasks
    .filter((task) => task.state !== 'completed')
    .sort((a, b) => a.name.localeCompare(b.name));
  const runNow: TrayMenuItem[] =
    runnable.length === 0
      ? [{ kind: 'label', label: 'No tasks yet' }]
      : runnable.slice(0, MAX_RUN_NOW).map((task) => ({
          kind: 'action',
          label: clip(task.name),
          action: { type: 'run-now', taskId: task.id },
        }));
  if (runnable.length > MAX_RUN_NOW) {
    runNow.push(
      { kind: 'separator' },
      {
        kind: 'action',
        label: `${runnable.length - MAX_RUN_NOW} more in Taskdeck…`,
        action: { type: 'open' },
      },
    );
  }

  items.push(
    { kind: 'separator' },
    { kind: 'submenu', label: 'Run now', items: runNow },
    status.paused
      ? { kind: 'action', label: 'Resume all', action: { type: 'resume-all' } }
      : { kind: 'action', label: 'Pause all', action: { type: 'pause-all' } },
    { kind: 'separator' },
    { kind: 'action', label: 'Open Taskdeck', action: { type: 'open' } },
    { kind: 'action', label: 'Quit Taskdeck', action: { type: 'quit' } },
  );
  return items;
}

/**
 * Turns the menu model into Electron's template: labels are plain text (outside macOS `&` is
 * doubled so a task name cannot create a mnemonic), and each click calls `dispatch` with its
 * action.
 */
export function renderMenuTemplate(
  items: readonly TrayMenuItem[],
  dispatch: (action: TrayAction) => void,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  // Windows and Linux menus read `&` as a mnemonic marker; macOS shows it as it is.
  const text = (label: string) => (platform === 'darwin' ? label : label.replaceAll('&', '&&'));
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: text(item.label), enabled: false };
      case 'submenu':
        return {
          label: text(item.label),
          submenu: renderMenuTemplate(item.items, dispatch, platform),
        };
      case 'action': {
        const action = item.action;
        return {
          label: text(item.label),
          click: () => {
            dispatch(action);
          },
        };
      }
    }
  });
}
