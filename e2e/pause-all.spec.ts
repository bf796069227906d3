import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('pause all from the dashboard holds every task; resume all from the toolbar lets them run, and the other way round', async ({
  app,
  taskdeck,
}) => {
  test.setTimeout(90_000);
  const [heartbeat] = await seedTasks(taskdeck, [
    taskDocument('Heartbeat', {
      triggers: [{ type: 'interval', everyMs: 1_000 }],
      action: { type: 'command', command: 'true' },
    }),
  ]);
  const runs = async () =>
    (await app.api.call('executions.list', { taskId: heartbeat!.id, status: 'succeeded' })).items
      .length;
  const { dashboard } = app;
  const toolbar = app.page.getByRole('banner');
  await expect.poll(runs, { timeout: 10_000 }).toBeGreaterThan(0);

  // Pause all, on the dashboard.
  await dashboard.actions.getByRole('button', { name: 'Pause all' }).click();
  await expect(app.schedulerStatus).toHaveText('All paused');
  await expect(dashboard.actions.getByRole('button', { name: 'Resume all' })).toBeVisible();
  await expect(toolbar.getByRole('button', { name: 'Resume all' })).toBeVisible();
  await expect(app.page.getByText('All paused: nothing new starts')).toBeVisible();
  await expect(app.toast(/Paused all tasks/)).toBeVisible();
  expect((await app.api.call('scheduler.status', {})).paused).toBe(true);
  // The heartbeat still fires, but waits in the queue, which says why.
  await expect(dashboard.queueItems).toHaveCount(1, { timeout: 5_000 });
  await expect(dashboard.queueItems.first()).toContainText('Heartbeat');
  await expect(dashboard.queueItems.first()).toContainText('All tasks are paused');
  const paused = await runs();
  await app.page.waitForTimeout(2_500);
  expect(await runs()).toBe(paused);

  // Resume all, from the toolbar: the waiting run starts, and it keeps firing.
  await toolbar.getByRole('button', { name: 'Resume all' }).click();
  await expect(app.schedulerStatus).toHaveText(/\d of 4 running · \d queued/);
  await expect(dashboard.actions.getByRole('button', { name: 'Pause all' })).toBeVisible();
  await expect.poll(runs, { timeout: 10_000 }).toBeGreaterThan(paused + 1);
  expect((await app.api.call('scheduler.status', {})).paused).toBe(false);

  // And the other way round: pause from the toolbar, resume from the dashboard.
  await toolbar.getByRole('button', { name: 'Pause all' }).click();
  await expect(dashboard.actions.getByRole('button', { name: 'Resume all' })).toBeVisible();
  expect((await app.api.call('scheduler.status', {})).paused).toBe(true);
  const again = await runs();
  await app.page.waitForTimeout(2_000);
  expect(await runs()).toBe(again);
  await dashboard.actions.getByRole('button', { name: 'Resume all' }).click();
  await expect(toolbar.getByRole('button', { name: 'Pause all' })).toBeVisible();
  await expect.poll(runs, { timeout: 10_000 }).toBeGreaterThan(again);
});
