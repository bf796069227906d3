import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { TaskDetailPage } from '../pages/task-detail-page.js';
import { TaskEditorPage } from '../pages/task-editor-page.js';
import { TaskListPage } from '../pages/task-list-page.js';

// The desktop app's core journey, run by Playwright's Electron support: it needs the Electron
// binary, which `npm install` downloads on a normal machine. Where the binary could not be
// downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, no network) the test reports itself skipped.
// Build first: `npm run build` (main, preload and window in dist/).

/** The downloaded Electron binary, or null when there is none (as `npm start` decides). */
function electronBinary(): string | null {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
/** The app's own flags, as every launch here gives them (the data folder is added). */
const APP_ARGS = ['.', '--no-examples'];

/** What the main process says of its windows (the first one, which is Taskdeck's only one). */
function windowState(app: ElectronApplication) {
  return app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    const window = windows[0];
    return {
      count: windows.length,
      visible: window?.isVisible() ?? false,
      focused: window?.isFocused() ?? false,
      bounds: window?.getNormalBounds() ?? null,
    };
  });
}

/** The bounds saved in `window-state.json`, or null while there are none. */
function savedBounds(dataDir: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
}

test.describe('the desktop app', () => {
  test.skip(binary === null, 'no Electron binary');

  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;

  async function launch(): Promise<void> {
    app = await electron.launch({
      ...(binary === null ? {} : { executablePath: binary }),
      args: [...APP_ARGS, `--data-dir=${dataDir}`],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
  }

  /** Resolves with the app's exit code once its process has ended. */
  function exited(): Promise<number | null> {
    const child = app.process();
    if (child.exitCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => {
      child.once('exit', (code) => {
        resolve(code);
      });
    });
  }

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-electron-'));
    await launch();
  });

  test.afterEach(async () => {
    // Quitting runs the graceful shutdown; the folder lock must be released by the time it ends.
    if (app.process().exitCode === null) await app.close();
    expect(existsSync(join(dataDir, 'taskdeck.lock'))).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the window opens locked down, shows tasks, and a task created in it runs to its history', async () => {
    await expect(page).toHaveTitle('Taskdeck');
    expect(new URL(page.url()).origin).toBe('app://taskdeck');
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    // The dashboard is the first screen.
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();

    // The preload exposes the API with its open instructions, and nothing of Node or Electron.
    const exposed = await page.evaluate(() => {
      const global = window as unknown as Record<string, unknown>;
      return {
        api: Object.keys(global.taskdeck as object).sort(),
        require: typeof global.require,
        process: typeof global.process,
        ipcRenderer: 'ipcRenderer' in global,
      };
    });
    expect(exposed).toEqual({
      api: ['call', 'on', 'onOpen'],
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: false,
    });
    // No remote content, no new windows.
    const blocked = await page.evaluate(async () => ({
      fetch: await fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
      open: window.open('https://example.com/') === null,
    }));
    expect(blocked).toEqual({ fetch: 'blocked', open: true });
    // Create a task in the window, as a person does.
    await page.getByRole('button', { name: 'New task' }).click();
    const editor = new TaskEditorPage(page);
    await expect(editor.dialog).toBeVisible();
    await editor.name.fill('Hello from Electron');
    await editor.command.fill('echo hello from electron; echo second line');
    await editor.cronExpression.fill('0 3 * * *');
    await editor.submit();
    const list = new TaskListPage(page);
    await expect(list.row('Hello from Electron')).toBeVisible();

    // Run it; see its output and history.
    await list.open('Hello from Electron');
    const detail = new TaskDetailPage(page);
    await expect(detail.heading).toHaveText('Hello from Electron');
    await detail.action('Run now').click();
    await expect(detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await expect(detail.logLines()).toHaveText(['hello from electron', 'second line']);
    await expect(detail.historyRows).toHaveCount(1);

    // The API the window uses agrees.
    const runs = await page.evaluate(async () => {
      const api = (
        window as unknown as { taskdeck: { call(m: string, p?: object): Promise<unknown> } }
      ).taskdeck;
      return (await api.call('executions.list', {})) as {
        items: { status: string; exitCode: number }[];
      };
    });
    expect(runs.items).toMatchObject([{ status: 'succeeded', exitCode: 0 }]);
  });

  test('the taskdeck command scripts the running app through endpoint.json', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Tasks/ })
      .click();
    await expect(page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
    const endpoint = JSON.parse(readFileSync(join(dataDir, 'endpoint.json'), 'utf8')) as {
      url: string;
    };
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    execFileSync(process.execPath, [
      'dist/electron/headless/cli.js',
      'add',
      '--data-dir',
      dataDir,
      '--name',
      'Added from the shell',
      '--command',
      'true',
      '--every',
      '1h',
    ]);
    await expect(new TaskListPage(page).row('Added from the shell')).toBeVisible();
  });

  test('a second launch on the same folder shows and focuses the first window, then leaves', async () => {
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.hide();
    });
    await expect.poll(() => windowState(app)).toMatchObject({ count: 1, visible: false });

    const second = spawn(binary ?? 'electron', [...APP_ARGS, `--data-dir=${dataDir}`], {
      env: process.env,
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code, 'the second launch quits at once').toBe(0);
    await expect
      .poll(() => windowState(app))
      .toMatchObject({ count: 1, visible: true, focused: true });
    // The first app still serves the folder; the second never opened it.
    const endpoint = JSON.parse(readFileSync(join(dataDir, 'endpoint.json'), 'utf8')) as {
      pid: number;
    };
    expect(endpoint.pid).toBe(app.process().pid);
  });

  test('closing the window hides it while close-to-tray is on; with it off, closing quits', async () => {
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.close();
    });
    await expect.poll(() => windowState(app)).toMatchObject({ count: 1, visible: false });
    // Taskdeck still runs in the tray: the command line reaches it.
    const listed = execFileSync(process.execPath, [
      'dist/electron/headless/cli.js',
      'list',
      '--data-dir',
      dataDir,
      '--json',
    ]).toString();
    expect(JSON.parse(listed)).toEqual([]);

    await page.evaluate(async () => {
      const api = (
        window as unknown as { taskdeck: { call(m: string, p?: object): Promise<unknown> } }
      ).taskdeck;
      await api.call('settings.update', { closeToTray: false });
    });
    const ended = exited();
    // The app may be gone before it answers: the answer is not awaited, its exit is.
    void app
      .evaluate(({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0];
        window?.show();
        window?.close();
      })
      .catch(() => undefined);
    expect(await ended, 'a graceful quit').toBe(0);
  });

  test('the window reopens where it was left, from window-state.json', async () => {
    await expect(page).toHaveTitle('Taskdeck');
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 64, y: 48, width: 980, height: 700 });
    });
    // Saved once the window has stopped moving, without waiting for a quit.
    await expect
      .poll(() => savedBounds(dataDir), { timeout: 10_000 })
      .toMatchObject({ width: 980, height: 700, maximized: false });
    const saved = savedBounds(dataDir);

    await app.close();
    await launch();
    await expect(page).toHaveTitle('Taskdeck');
    await expect
      .poll(async () => (await windowState(app)).bounds)
      .toEqual({ x: saved?.x, y: saved?.y, width: 980, height: 700 });
  });
});
