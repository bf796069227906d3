import { writeFileSync } from 'node:fs';
import type { TaskView } from '../dist/shared/schemas/task.js';
import { expect, test } from './fixtures.js';
import { TaskdeckApp } from './pages/taskdeck-app.js';
import { startHostProcess } from './support/host-process.js';
import { seedTasks, taskDocument } from './support/seed.js';

/** A task as its document and identity, without what the service works out (state, stats…). */
function saved(task: TaskView) {
  const {
    state: _state,
    queuePosition: _queuePosition,
    heldBy: _heldBy,
    nextRunAt: _nextRunAt,
    lastExecution: _lastExecution,
    stats: _stats,
    updatedAt: _updatedAt,
    ...rest
  } = task;
  return rest;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

test('tasks exported from one Taskdeck and imported into a fresh one are identical', async ({
  app,
  taskdeck,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const [upstream] = await seedTasks(taskdeck, [
    taskDocument('Pull mail', {
      description: 'Fetches mail from the server.',
      priority: 7,
      triggers: [
        { type: 'cron', expression: '*/10 8-18 * * 1-5', timezone: 'Europe/Berlin' },
        { type: 'event', event: 'system.resume' },
      ],
      action: { type: 'command', command: 'fetchmail -s', env: { MAILDIR: '/tmp/mail' } },
      retry: { maxRetries: 3, delayMs: 5_000, backoff: 'exponential', jitter: true },
      timeoutMs: 120_000,
      tags: ['mail', 'hourly'],
    }),
  ]);
  await seedTasks(taskdeck, [
    taskDocument('Index mail', {
      triggers: [{ type: 'event', event: 'task.succeeded', taskId: upstream!.id }],
      action: { type: 'command', argv: ['notmuch', 'new'], cwd: '/tmp' },
      overlap: 'queue',
      conditions: { acPower: true, maxSystemCpuPercent: 50 },
      notify: 'always',
    }),
    taskDocument('Water the plants', {
      enabled: false,
      triggers: [{ type: 'interval', everyMs: 86_400_000 }],
      keepHistory: 30,
      missedRuns: 'skip',
    }),
  ]);
  const original = (await app.api.call('tasks.list', {})).sort(byName);

  // Export from the first Taskdeck's settings.
  await app.goTo('Settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    app.settings.exportButton.click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^taskdeck-tasks-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(app.toast('Exported 3 tasks to')).toBeVisible();

  // A fresh Taskdeck: the welcome says how to begin; import the file there.
  const fresh = await startHostProcess();
  try {
    await page.goto(fresh.url);
    const other = new TaskdeckApp(page, fresh);
    await expect(other.dashboard.heading).toBeVisible();
    await page.getByRole('button', { name: 'Import tasks…' }).click();
    await expect(other.settings.heading).toBeVisible();
    await other.settings.importFile.setInputFiles(file);
    await expect(page.getByText(/: 3 tasks, exported/)).toBeVisible();
    await expect(page.getByRole('radio', { name: /Add to my tasks/ })).toBeChecked();
    await page.getByRole('button', { name: 'Import 3 tasks' }).click();
    await expect(other.settings.importReport).toHaveText(
      /Imported 3 tasks from .*, added to your tasks\./,
    );

    const imported = (await fresh.rpc.api.call('tasks.list', {})).sort(byName);
    expect(imported.map(saved)).toEqual(original.map(saved));
    await other.goTo('Tasks');
    await expect(other.list.rows).toHaveCount(3);
    await expect(other.list.row('Index mail')).toContainText('After “Pull mail” succeeds');

    // Replacing asks first, and leaves exactly the file's tasks (not twice as many).
    await other.goTo('Settings');
    await other.settings.importFile.setInputFiles(file);
    await page.getByRole('radio', { name: /Replace my tasks/ }).check();
    await page.getByRole('button', { name: 'Replace my tasks…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Replace all 3 tasks?' });
    await expect(confirm).toContainText('deleted and replaced by the 3 tasks');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await fresh.rpc.api.call('tasks.list', {})).toHaveLength(3);
    await page.getByRole('button', { name: 'Replace my tasks…' }).click();
    await confirm.getByRole('button', { name: 'Replace tasks' }).click();
    await expect(other.settings.importReport).toContainText('replacing your tasks');
    const replaced = (await fresh.rpc.api.call('tasks.list', {})).sort(byName);
    expect(replaced.map(saved)).toEqual(original.map(saved));
  } finally {
    await fresh.stop();
  }
});

test('a file that is not an export is explained and changes nothing', async ({ app }, testInfo) => {
  await app.goTo('Settings');
  const notJson = testInfo.outputPath('notes.json');
  writeFileSync(notJson, 'these are my notes, not JSON');
  await app.settings.importFile.setInputFiles(notJson);
  await expect(app.settings.importReport).toContainText('Nothing was imported from notes.json');
  await expect(app.settings.importReport).toContainText('It is not JSON');

  const wrongShape = testInfo.outputPath('tasks.json');
  writeFileSync(
    wrongShape,
    JSON.stringify({
      format: 'taskdeck',
      version: 1,
      exportedAt: new Date().toISOString(),
      tasks: [
        taskDocument('Good one'),
        { ...taskDocument('Bad schedule'), triggers: [{ type: 'cron', expression: '0 25 * * *' }] },
        { ...taskDocument('Odd field'), colour: 'blue' },
      ],
    }),
  );
  await app.settings.importFile.setInputFiles(wrongShape);
  const report = app.settings.importReport;
  await expect(report).toContainText('Some of what it holds is not valid');
  await expect(report.getByRole('listitem')).toHaveText([
    /^Task 2 “Bad schedule” › trigger 1 › cron expression: .*got value 25 expected range 0-23/,
    'Task 3 “Odd field” › colour: Unknown field',
  ]);
  await expect(app.page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  expect(await app.api.call('tasks.list', {})).toEqual([]);
});
