import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('changing how many tasks run at once in Settings takes effect at once', async ({
  app,
  taskdeck,
}) => {
  test.setTimeout(90_000);
  const tasks = await seedTasks(
    taskdeck,
    ['Encode video', 'Compress logs', 'Scan photos'].map((name) =>
      taskDocument(name, {
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: 'sleep 20' },
      }),
    ),
  );
  await app.goTo('Settings');
  const field = app.settings.field('Tasks running at once');
  await expect(field).toHaveValue('4');
  await expect(app.page.getByText('1 to 64 tasks, default 4.')).toBeVisible();

  // Out of bounds: explained at the field, and nothing is sent.
  await field.fill('0');
  await field.press('Enter');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Must be 1 to 64 tasks/);
  expect((await app.api.call('settings.get', {})).maxRunningTasks).toBe(4);

  await app.settings.set('Tasks running at once', '1');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(app.schedulerStatus).toHaveText('0 of 1 running · 0 queued');
  expect((await app.api.call('settings.get', {})).maxRunningTasks).toBe(1);

  // Three started together: one runs, two wait.
  for (const task of tasks) await app.api.call('tasks.runNow', { id: task.id });
  await expect(app.schedulerStatus).toHaveText('1 of 1 running · 2 queued');
  await app.goTo('Dashboard');
  await expect(app.dashboard.runningItems).toHaveCount(1);
  await expect(app.dashboard.queueItems).toHaveCount(2);

  // Three at once: the two waiting start right away, without a restart.
  await app.goTo('Settings');
  await app.settings.set('Tasks running at once', '3');
  await expect(app.schedulerStatus).toHaveText('3 of 3 running · 0 queued');
  await app.goTo('Dashboard');
  await expect(app.dashboard.runningItems).toHaveCount(3);
  await expect(app.dashboard.queue.getByText('Nothing is waiting')).toBeVisible();

  // The setting is kept: a reload shows it.
  await app.goTo('Settings');
  await app.reload();
  await expect(app.settings.field('Tasks running at once')).toHaveValue('3');
  for (const execution of (await app.api.call('executions.list', { status: ['running', 'queued'] }))
    .items)
    await app.api.call('executions.cancel', { id: execution.id });
});

test('every setting shows its bounds; each change applies without a Save button', async ({
  app,
}) => {
  await app.goTo('Settings');
  const { settings } = app;
  await expect(settings.field('Resource sampling interval')).toHaveValue('1');
  await expect(settings.field('Output kept per run')).toHaveValue('256');
  await expect(settings.field('Grace period before a forced stop')).toHaveValue('5');
  await expect(settings.field('Keep run history for')).toHaveValue('90');
  for (const bounds of [
    '0.25 to 60 s, default 1.',
    '1 to 16,384 KB, default 256.',
    '0 to 60 s, default 5.',
    '1 to 3,650 days, default 90.',
  ])
    await expect(app.page.getByText(bounds)).toBeVisible();

  await settings.set('Resource sampling interval', '0.5');
  await settings.set('Output kept per run', '1024');
  await settings.set('Keep run history for', '30');
  // Typing alone applies it too, after a short pause.
  await settings.field('Grace period before a forced stop').fill('2.5');
  await expect
    .poll(async () => (await app.api.call('settings.get', {})).killGraceMs, { timeout: 5_000 })
    .toBe(2_500);

  const notifications = app.page.getByRole('switch', { name: 'Desktop notifications' });
  await expect(notifications).toBeChecked();
  await notifications.click();
  await expect(notifications).not.toBeChecked();
  await expect.poll(async () => (await app.api.call('settings.get', {})).notifications).toBe(false);
  await app.page.getByRole('switch', { name: 'Start Taskdeck when you log in' }).click();

  expect(await app.api.call('settings.get', {})).toMatchObject({
    sampleIntervalMs: 500,
    outputTailBytes: 1_048_576,
    killGraceMs: 2_500,
    historyMaxAgeDays: 30,
    notifications: false,
    closeToTray: true,
  });
  await expect.poll(async () => (await app.api.call('settings.get', {})).launchAtLogin).toBe(true);
});
