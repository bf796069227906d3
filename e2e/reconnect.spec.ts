import { expect, test } from './fixtures.js';
import { startHostProcess } from './support/host-process.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('when Taskdeck stops, the window says it is reconnecting, then comes back by itself', async ({
  app,
  taskdeck,
}) => {
  await seedTasks(taskdeck, [taskDocument('Survives a restart')]);
  await app.goTo('Tasks');
  await app.reload();
  await expect(app.list.row('Survives a restart')).toBeVisible();
  const { port } = new URL(taskdeck.origin);

  await taskdeck.stop({ keepDataDir: true });
  const banner = app.page.getByRole('status').filter({ hasText: 'Reconnecting to Taskdeck…' });
  await expect(banner).toBeVisible();
  await expect(app.page.getByText('Reconnecting…', { exact: true })).toBeVisible();
  // Acting while away fails visibly instead of hanging.
  await app.list.check('Survives a restart');
  await app.list.selectionAction('Pause');
  await expect(app.toast(/Could not pause 1 task/)).toBeVisible();
  await expect(app.list.state('Survives a restart')).toHaveText('Scheduled');
  await app.list.selectionAction('Clear selection');

  // Taskdeck is back (same folder, address and token); meanwhile a task was added elsewhere.
  const again = await startHostProcess(taskdeck.dataDir, {
    port: Number(port),
    token: taskdeck.token,
  });
  try {
    await again.rpc.api.call('tasks.create', taskDocument('Added while away'));
    await expect(banner).toBeHidden({ timeout: 15_000 });
    await expect(app.page.getByText('Connected', { exact: true })).toBeVisible();
    await expect(app.list.row('Survives a restart')).toBeVisible();
    await expect(app.list.row('Added while away')).toBeVisible();
    // And it works again.
    await app.list.check('Survives a restart');
    await app.list.selectionAction('Pause');
    await expect(app.list.state('Survives a restart')).toHaveText('Paused');
    expect(
      (await again.rpc.api.call('tasks.list', {})).find(
        (task) => task.name === 'Survives a restart',
      )?.enabled,
    ).toBe(false);
  } finally {
    await again.stop();
  }
});

test('the token leaves the address bar and a reload still connects', async ({ app, taskdeck }) => {
  expect(app.page.url()).not.toContain(taskdeck.token);
  expect(app.page.url()).not.toContain('token=');
  await app.reload();
  await expect(app.page.getByText('Connected', { exact: true })).toBeVisible();
});

test('opened without its link, the window explains how to get in', async ({ page, taskdeck }) => {
  await page.goto(taskdeck.origin);
  await expect(page.getByRole('heading', { name: 'Open Taskdeck from its link' })).toBeVisible();
  await expect(page.getByText('taskdeck serve')).toBeVisible();
});
