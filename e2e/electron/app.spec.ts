import { execFileSync } from 'node:child_process';
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

test.describe('the desktop app', () => {
  test.skip(binary === null, 'no Electron binary');

  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-electron-'));
    app = await electron.launch({
      ...(binary === null ? {} : { executablePath: binary }),
      args: ['.', `--data-dir=${dataDir}`, '--no-examples'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
  });

  test.afterEach(async () => {
    // Quitting runs the graceful shutdown; the folder lock must be released by the time it ends.
    await app.close();
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
});
