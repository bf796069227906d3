import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TaskdeckApp } from './pages/taskdeck-app.js';
import { startHostProcess } from './support/host-process.js';

const SHOTS = '/tmp/taskdeck-shots';
const GARBAGE = '{"schemaVersion": 1, "tasks": [ {"name": "half a task", ';

test('a corrupt tasks file at start: the dashboard says where the copy went, until dismissed', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-corrupt-'));
  writeFileSync(join(dataDir, 'tasks.json'), GARBAGE);
  const host = await startHostProcess(dataDir);
  try {
    await page.goto(host.url);
    const app = new TaskdeckApp(page, host);
    await expect(app.dashboard.heading).toBeVisible();
    const problems = app.dashboard.problems;
    await expect(problems).toBeVisible();
    const problem = problems.getByRole('alert');
    await expect(problem).toHaveCount(1);
    await expect(problem).toContainText('could not be used');
    await expect(problem).toContainText('Taskdeck started with no tasks and default settings');

    // The path it names holds the damaged file, byte for byte, beside the new one.
    const path = (await problem.locator('code').textContent()) ?? '';
    expect(dirname(path)).toBe(dataDir);
    expect(basename(path)).toMatch(/^tasks\.corrupt-.+\.json$/);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(GARBAGE);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Dashboard/ }),
    ).toHaveAccessibleName('Dashboard, 1 problem needs attention');

    mkdirSync(SHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS}/dashboard-problem-${scheme}.png` });
    }

    // Dismissed, it is gone, and stays gone after a reload (the service still reports it).
    await problems.getByRole('button', { name: 'Dismiss' }).click();
    await expect(problems).toBeHidden();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Dashboard/ }),
    ).toHaveAccessibleName('Dashboard');
    await app.reload();
    await expect(app.dashboard.heading).toBeVisible();
    await expect(app.dashboard.running).toBeVisible();
    await expect(problems).toBeHidden();
    expect(await host.rpc.api.call('system.problems', {})).toHaveLength(1);
  } finally {
    await host.stop();
  }
});
