import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { trayIconFile } from '../../electron/main/tray-icons.js';
import {
  MAX_LABEL,
  MAX_RUN_NOW,
  MAX_RUNNING_LISTED,
  renderMenuTemplate,
  statusLine,
  trayIconState,
  trayMenu,
  trayTooltip,
  type TrayAction,
  type TrayIconState,
  type TrayMenuItem,
} from '../../electron/main/tray-menu.js';
import { TrayStatus, type TraySnapshot, type TrayTask } from '../../electron/main/tray-status.js';
import { readPngPixels } from './png-pixels.js';
import { commandTask, openRealTaskdeck, type RealTaskdeck } from './real-taskdeck.js';
import { waitFor } from './temp-dir.js';

const task = (id: string, name: string, state: TrayTask['state'] = 'idle'): TrayTask => ({
  id,
  name,
  state,
});
const snapshot = (over: Partial<TraySnapshot> = {}): TraySnapshot => ({
  tasks: [],
  paused: false,
  running: 0,
  queued: 0,
  failures: [],
  ...over,
});
const labels = (items: TrayMenuItem[]) =>
  items.map((item) => (item.kind === 'separator' ? '---' : item.label));
const find = (items: TrayMenuItem[], label: string) => {
  const item = items.find((i) => i.kind !== 'separator' && i.label === label);
  if (item === undefined) throw new Error(`no menu item ${label}`);
  return item;
};

describe('tray icon and tooltip', () => {
  it('shows a failure first, then paused, then running, else idle', () => {
    const failure = {
      executionId: 'e',
      taskId: 't',
      taskName: 'Backup',
      status: 'failed' as const,
    };
    const cases: [Partial<TraySnapshot>, TrayIconState][] = [
      [{}, 'idle'],
      [{ running: 2 }, 'running'],
      [{ running: 2, paused: true }, 'paused'],
      [{ running: 2, paused: true, failures: [failure] }, 'failed'],
      [{ failures: [failure] }, 'failed'],
    ];
    for (const [over, state] of cases)
      expect(trayIconState(snapshot(over)), JSON.stringify(over)).toBe(state);
  });

  it('counts what runs, waits and failed in the status line and the tooltip', () => {
    expect(statusLine(snapshot())).toBe('Idle · no tasks yet');
    expect(statusLine(snapshot({ tasks: [task('a', 'A')] }))).toBe('Idle · 1 task');
    const busy = snapshot({
      tasks: [task('a', 'A'), task('b', 'B'), task('c', 'C')],
      running: 2,
      queued: 1,
      paused: true,
      failures: [{ executionId: 'e', taskId: 'a', taskName: 'A', status: 'timed-out' }],
    });
    expect(statusLine(busy)).toBe('Paused · 2 running · 1 queued · 1 failed · 3 tasks');
    expect(trayTooltip(busy)).toBe(`Taskdeck — ${statusLine(busy)}`);
  });
});

describe('tray menu model', () => {
  it('has the status line, run now, pause all, open and quit', () => {
    const items = trayMenu(snapshot({ tasks: [task('b', 'Beta'), task('a', 'Alpha')] }));
    expect(labels(items)).toEqual([
      'Idle · 2 tasks',
      '---',
      'Run now',
      'Pause all',
      '---',
      'Open Taskdeck',
      'Quit Taskdeck',
    ]);
    expect(items[0]).toEqual({ kind: 'label', label: 'Idle · 2 tasks' });
    const runNow = find(items, 'Run now');
    expect(runNow.kind === 'submenu' && runNow.items).toEqual([
      { kind: 'action', label: 'Alpha', action: { type: 'run-now', taskId: 'a' } },
      { kind: 'action', label: 'Beta', action: { type: 'run-now', taskId: 'b' } },
    ]);
    expect(find(items, 'Pause all')).toMatchObject({ action: { type: 'pause-all' } });
    expect(find(items, 'Quit Taskdeck')).toMatchObject({ action: { type: 'quit' } });
  });

  it('lists failures (opening the run) and running tasks (opening the task)', () => {
    const items = trayMenu(
      snapshot({
        tasks: [task('a', 'Sync photos', 'running'), task('b', 'Backup')],
        running: 1,
        failures: [{ executionId: 'e9', taskId: 'b', taskName: 'Backup', status: 'failed' }],
      }),
    );
    expect(find(items, 'Failed: Backup')).toMatchObject({
      action: { type: 'open-execution', taskId: 'b', executionId: 'e9' },
    });
    expect(find(items, 'Running: Sync photos')).toMatchObject({
      action: { type: 'open-task', taskId: 'a' },
    });
  });

  it('offers Resume all when paused, and never runs completed tasks', () => {
    const items = trayMenu(
      snapshot({
        paused: true,
        tasks: [task('a', 'Once', 'completed'), task('b', 'Daily', 'paused')],
      }),
    );
    expect(find(items, 'Resume all')).toMatchObject({ action: { type: 'resume-all' } });
    const runNow = find(items, 'Run now');
    expect(runNow.kind === 'submenu' && labels(runNow.items)).toEqual(['Daily']);
    const none = find(trayMenu(snapshot()), 'Run now');
    expect(none.kind === 'submenu' && none.items).toEqual([
      { kind: 'label', label: 'No tasks yet' },
    ]);
  });

  it('caps long lists and long names, pointing to the window for the rest', () => {
    const many = Array.from({ length: MAX_RUN_NOW + 7 }, (_, i) =>
      task(
        `t${i}`,
        `Task ${String(i).padStart(3, '0')}`,
        i < MAX_RUNNING_LISTED + 3 ? 'running' : 'idle',
      ),
    );
    const items = trayMenu(snapshot({ tasks: many, running: MAX_RUNNING_LISTED + 3 }));
    expect(labels(items).filter((l) => l.startsWith('Running: '))).toHaveLength(MAX_RUNNING_LISTED);
    expect(find(items, '3 more running…')).toMatchObject({ action: { type: 'open' } });
    const runNow = find(items, 'Run now');
    if (runNow.kind !== 'submenu') throw new Error('Run now is a submenu');
    expect(
      runNow.items.filter((i) => i.kind === 'action' && i.action.type === 'run-now'),
    ).toHaveLength(MAX_RUN_NOW);
    expect(find(runNow.items, '7 more in Taskdeck…')).toMatchObject({ action: { type: 'open' } });

    const long = trayMenu(snapshot({ tasks: [task('x', `A ${'very '.repeat(30)}long\nname`)] }));
    const runLong = find(long, 'Run now');
    const label =
      runLong.kind === 'submenu' && runLong.items[0]?.kind === 'action'
        ? runLong.items[0].label
        : '';
    expect(label).toHaveLength(MAX_LABEL);
    expect(label.endsWith('…')).toBe(true);
    expect(label).not.toContain('\n');
  });

  it('renders to Electron menu templates whose clicks dispatch the actions', () => {
    const actions: TrayAction[] = [];
    const model = trayMenu(snapshot({ tasks: [task('a', 'Tom & Jerry')] }));
    const linux = renderMenuTemplate(model, (a) => actions.push(a), 'linux');
    expect(linux[0]).toEqual({ label: 'Idle · 1 task', enabled: false });
    expect(linux[1]).toEqual({ type: 'separator' });
    const runNow = linux.find((i) => i.label === 'Run now');
    const first = Array.isArray(runNow?.submenu) ? runNow.submenu[0] : undefined;
    // `&` would become a mnemonic outside macOS.
    expect(first?.label).toBe('Tom && Jerry');
    (first?.click as () => void)();
    (linux.find((i) => i.label === 'Quit Taskdeck')?.click as () => void)();
    expect(actions).toEqual([{ type: 'run-now', taskId: 'a' }, { type: 'quit' }]);
    const mac = renderMenuTemplate(model, () => undefined, 'darwin');
    const macRunNow = mac.find((i) => i.label === 'Run now');
    expect(Array.isArray(macRunNow?.submenu) && macRunNow.submenu[0]?.label).toBe('Tom & Jerry');
  });
});

describe('tray status from the real service', () => {
  let taskdeck: RealTaskdeck;
  const batches: ApiEvent[][] = [];
  let unsubscribe: () => void;
  beforeAll(async () => {
    taskdeck = await openRealTaskdeck('tray');
    unsubscribe = taskdeck.service.subscribe((batch) => batches.push(batch));
  });
  afterAll(async () => {
    unsubscribe();
    await taskdeck.dispose();
  });

  it('follows tasks, runs, failures and pause-all through the event batches', async () => {
    const { service } = taskdeck;
    const slow = await service.invoke('tasks.create', commandTask('Slow', 'sleep 30'));
    const broken = await service.invoke('tasks.create', commandTask('Broken', 'exit 3'));
    const status = new TrayStatus(
      await service.invoke('tasks.list', {}),
      await service.invoke('scheduler.status', {}),
    );
    const catchUp = () => {
      for (const batch of batches.splice(0)) status.apply(batch);
    };
    expect(trayIconState(status.snapshot())).toBe('idle');

    const { executionId: slowRun } = await service.invoke('tasks.runNow', { id: slow.id });
    await waitFor(() => (catchUp(), status.snapshot().running === 1), 10_000, 'running');
    expect(trayIconState(status.snapshot())).toBe('running');
    expect(labels(trayMenu(status.snapshot()))).toContain('Running: Slow');

    const { executionId: brokenRun } = await service.invoke('tasks.runNow', { id: broken.id });
    await waitFor(
      () => (catchUp(), status.snapshot().failures.length === 1),
      10_000,
      'the failure',
    );
    expect(status.snapshot().failures[0]).toEqual({
      executionId: brokenRun,
      taskId: broken.id,
      taskName: 'Broken',
      status: 'failed',
    });
    expect(trayIconState(status.snapshot())).toBe('failed');
    status.acknowledge();
    expect(trayIconState(status.snapshot())).toBe('running');

    await service.invoke('scheduler.pauseAll', {});
    await waitFor(() => (catchUp(), status.snapshot().paused), 10_000, 'paused');
    expect(trayIconState(status.snapshot())).toBe('paused');
    await service.invoke('scheduler.resumeAll', {});
    await service.invoke('executions.cancel', { id: slowRun });
    await service.invoke('tasks.remove', { id: broken.id });
    await waitFor(
      () => (catchUp(), status.snapshot().running === 0 && status.snapshot().tasks.length === 1),
      15_000,
      'idle again',
    );
    expect(trayIconState(status.snapshot())).toBe('idle');
    expect(status.snapshot().tasks.map((t) => t.name)).toEqual(['Slow']);
  });
});

describe('tray icon files', () => {
  const pngSize = (path: string) => {
    const bytes = readFileSync(path);
    expect(bytes.subarray(1, 4).toString('latin1'), path).toBe('PNG');
    // IHDR: width and height (big-endian) and colour type 6 (RGBA: a transparent background).
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), rgba: bytes[25] === 6 };
  };

  it('exist for every state, 1x and 2x, coloured and as macOS templates', () => {
    for (const state of ['idle', 'running', 'failed', 'paused'] as const) {
      for (const platform of ['linux', 'win32', 'darwin'] as const) {
        const file = trayIconFile('assets', state, platform);
        expect(pngSize(file)).toEqual({ width: 16, height: 16, rgba: true });
        expect(pngSize(file.replace(/\.png$/, '@2x.png'))).toEqual({
          width: 32,
          height: 32,
          rgba: true,
        });
      }
      expect(trayIconFile('assets', state, 'darwin')).toMatch(/Template\.png$/);
    }
    expect(pngSize('assets/icon.png')).toEqual({ width: 512, height: 512, rgba: true });
    for (const size of [16, 32, 48, 256, 512])
      expect(pngSize(`assets/icons/${size}x${size}.png`)).toEqual({
        width: size,
        height: size,
        rgba: true,
      });
  });

  /** The colours (r,g,b) of the pixels that are not fully transparent. */
  const opaqueColours = (path: string) => {
    const { rgba } = readPngPixels(path);
    const colours = new Set<string>();
    let opaque = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) continue;
      opaque++;
      colours.add(`${rgba[i]},${rgba[i + 1]},${rgba[i + 2]}`);
    }
    return { opaque, colours: [...colours] };
  };

  it('macOS templates are black wherever they are not transparent (the menu bar tints them)', () => {
    const files = readdirSync('assets/tray').map((name) => join('assets/tray', name));
    const templates = files.filter((file) => file.includes('Template'));
    expect(templates).toHaveLength(8);
    for (const file of templates) {
      const { opaque, colours } = opaqueColours(file);
      expect(opaque, `${file} draws something`).toBeGreaterThan(0);
      expect(colours, file).toEqual(['0,0,0']);
    }
    // The coloured icons read as coloured: the decoding sees colour where there is some.
    for (const file of files.filter((f) => !f.includes('Template')))
      expect(
        opaqueColours(file).colours.some((c) => c !== '0,0,0'),
        file,
      ).toBe(true);
  });
});
