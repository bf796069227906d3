import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

/** Saves a screenshot among the test's artifacts (test-results/) and attaches it to its report. */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Relative luminance (0 black … 1 white) of a CSS `rgb(r, g, b)` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen, ${scheme}`, async ({ app, taskdeck, page }, testInfo) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await expect(app.dashboard.running.getByText('Nothing is running')).toBeVisible();
    // The window follows the system's scheme: light paper and dark ink, or the other way round.
    const colors = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { paper: style.backgroundColor, ink: style.color };
    });
    if (scheme === 'light') {
      expect(luminance(colors.paper)).toBeGreaterThan(0.8);
      expect(luminance(colors.ink)).toBeLessThan(0.3);
    } else {
      expect(luminance(colors.paper)).toBeLessThan(0.2);
      expect(luminance(colors.ink)).toBeGreaterThan(0.7);
    }
    await shoot(page, testInfo, `dashboard-empty-${scheme}`);
    await app.goTo('Tasks');
    await expect(page.getByRole('heading', { name: 'No tasks yet' })).toBeVisible();
    await shoot(page, testInfo, `empty-${scheme}`);

    const [backup, , flaky] = await seedTasks(taskdeck, [
      taskDocument('Back up notes', {
        description: 'Copies ~/notes to the backup disk every weekday morning.',
        triggers: [{ type: 'cron', expression: '0 9 * * 1-5' }],
        action: {
          type: 'command',
          command: 'for i in 1 2 3 4 5; do echo "copied batch $i of 5"; sleep 0.3; done',
        },
        tags: ['backup', 'daily'],
      }),
      taskDocument('Clean downloads', {
        triggers: [{ type: 'interval', everyMs: 3_600_000 }],
        action: { type: 'command', command: 'find ~/Downloads -mtime +30 -print' },
        tags: ['cleanup'],
        priority: 5,
      }),
      taskDocument('Sync calendar', {
        triggers: [{ type: 'interval', everyMs: 600_000 }],
        action: { type: 'command', command: 'echo syncing; echo "connection refused" >&2; exit 2' },
        tags: ['sync'],
      }),
      taskDocument('Rotate logs', {
        enabled: false,
        triggers: [{ type: 'event', event: 'system.resume' }],
        tags: ['maintenance'],
      }),
      taskDocument('Weekly report', {
        triggers: [{ type: 'cron', expression: '0 8 * * 1', timezone: 'Europe/Berlin' }],
        tags: ['reports'],
      }),
      taskDocument('Render thumbnails', {
        triggers: [{ type: 'cron', expression: '30 */4 * * *' }],
        action: { type: 'command', command: 'sleep 30' },
        priority: -10,
        tags: ['photos'],
      }),
      taskDocument('Index mail', {
        triggers: [{ type: 'cron', expression: '15 */6 * * *' }],
        action: { type: 'command', command: 'sleep 30' },
        priority: 10,
        tags: ['mail'],
      }),
    ]);
    for (let round = 0; round < 3; round++) {
      const backupRun = await app.api.call('tasks.runNow', { id: backup!.id });
      const flakyRun = await app.api.call('tasks.runNow', { id: flaky!.id });
      // Both end before the next round: a run still going would refuse the next (overlap skip).
      for (const [run, status] of [
        [backupRun, 'succeeded'],
        [flakyRun, 'failed'],
      ] as const) {
        await expect
          .poll(
            async () => (await app.api.call('executions.get', { id: run.executionId })).status,
            { timeout: 15_000 },
          )
          .toBe(status);
      }
    }
    await app.reload();
    await expect(app.list.rows).toHaveCount(7);
    await expect(
      app.list.row('Back up notes').getByRole('img', { name: /^Last 3 runs: typically / }),
    ).toBeVisible();
    await shoot(page, testInfo, `list-${scheme}`);

    await app.list.check('Clean downloads');
    await app.list.check('Rotate logs', { shift: true });
    await shoot(page, testInfo, `list-selection-${scheme}`);
    await app.list.selectionAction('Delete…');
    await shoot(page, testInfo, `confirm-delete-${scheme}`);
    await app.list.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
    await app.list.selectionAction('Clear selection');

    // A busy dashboard: one slot, one long run, two waiting behind it.
    await app.api.call('settings.update', { maxRunningTasks: 1 });
    const tasks = await app.api.call('tasks.list', {});
    const named = (name: string) => tasks.find((task) => task.name === name)!.id;
    await app.api.call('tasks.runNow', { id: named('Back up notes') });
    await app.api.call('tasks.runNow', { id: named('Render thumbnails') });
    await app.api.call('tasks.runNow', { id: named('Index mail') });
    await app.goTo('Dashboard');
    await expect(app.dashboard.queueItems).toHaveCount(2);
    await expect(app.dashboard.systemChart).toBeVisible({ timeout: 15_000 });
    await expect(app.dashboard.plannedRuns('Render thumbnails')).toHaveCount(6);
    await shoot(page, testInfo, `dashboard-${scheme}`);
    await page.locator('.content').evaluate((element) => {
      element.scrollTo(0, element.scrollHeight);
    });
    await shoot(page, testInfo, `dashboard-lower-${scheme}`);
    await app.api.call('scheduler.pauseAll', {});
    for (const execution of (
      await app.api.call('executions.list', { status: ['queued', 'running'] })
    ).items)
      await app.api.call('executions.cancel', { id: execution.id });
    await app.api.call('scheduler.resumeAll', {});
    await app.api.call('settings.update', { maxRunningTasks: 4 });

    await app.goTo('Tasks');
    await app.list.open('Back up notes');
    await app.detail.action('Run now').click();
    await expect(app.detail.logLines().nth(1)).toBeVisible();
    await shoot(page, testInfo, `detail-running-${scheme}`);
    await expect(app.detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await page.locator('.content').evaluate((element) => {
      element.scrollTo(0, element.scrollHeight);
    });
    await shoot(page, testInfo, `detail-history-${scheme}`);
    await app.detail.showTrace();
    await shoot(page, testInfo, `detail-trace-${scheme}`);

    await app.detail.action('Edit').click();
    await expect(app.editor.nextRuns.getByRole('listitem')).toHaveCount(5);
    await shoot(page, testInfo, `editor-edit-${scheme}`);
    await app.editor.cronExpression.fill('0 25 * * *');
    await expect(app.editor.save).toBeDisabled();
    await app.editor.cronExpression.scrollIntoViewIfNeeded();
    await shoot(page, testInfo, `editor-cron-error-${scheme}`);
    await app.editor.openSection('Retries');
    await shoot(page, testInfo, `editor-error-${scheme}`);
    await app.editor.dialog.getByRole('button', { name: 'Cancel' }).click();

    await app.page.getByRole('link', { name: 'All tasks' }).click();
    const editor = await app.newTask();
    await editor.name.fill('Nightly database dump');
    await editor.command.fill('pg_dump mydb > ~/backups/mydb.sql');
    await expect(editor.nextRuns.getByRole('listitem')).toHaveCount(5);
    await editor.nextRuns.scrollIntoViewIfNeeded();
    await shoot(page, testInfo, `editor-new-${scheme}`);
    await editor.dialog.getByRole('button', { name: 'Cancel' }).click();

    await app.goTo('Settings');
    await shoot(page, testInfo, `settings-${scheme}`);
    await app.settings.field('Tasks running at once').fill('100');
    await expect(page.getByText('Must be 1 to 64 tasks')).toBeVisible();
    const bad = join(testInfo.outputDir, 'not-quite-an-export.json');
    mkdirSync(testInfo.outputDir, { recursive: true });
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'taskdeck',
        version: 1,
        exportedAt: new Date().toISOString(),
        tasks: [
          taskDocument('Fine'),
          {
            ...taskDocument('Broken schedule'),
            triggers: [{ type: 'cron', expression: '61 * * * *' }],
          },
        ],
      }),
    );
    await app.settings.importFile.setInputFiles(bad);
    await expect(app.settings.importReport).toContainText('Nothing was imported');
    await page.locator('.content').evaluate((element) => {
      element.scrollTo(0, element.scrollHeight);
    });
    await shoot(page, testInfo, `settings-import-error-${scheme}`);

    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await shoot(page, testInfo, `help-${scheme}`);
  });
}
