import { expect, test } from './fixtures.js';
import { startHostProcess } from './support/host-process.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('the dashboard survives a restart of Taskdeck: it says so, reconnects, and shows fresh state', async ({
  app,
  taskdeck,
}) => {
  test.setTimeout(90_000);
  await seedTasks(taskdeck, [
    taskDocument('Before the restart', {
      triggers: [{ type: 'cron', expression: '0 */2 * * *', timezone: 'UTC' }],
    }),
  ]);
  await app.reload();
  const { dashboard } = app;
  await expect(dashboard.timelineRow('Before the restart')).toBeVisible();
  await expect(dashboard.running.getByText('Nothing is running')).toBeVisible();

  await taskdeck.stop({ keepDataDir: true });
  const banner = app.page.getByRole('status').filter({ hasText: 'Reconnecting to Taskdeck…' });
  await expect(banner).toBeVisible();
  await expect(app.page.getByText('Reconnecting…', { exact: true })).toBeVisible();
  // Acting while away fails visibly rather than hanging.
  await dashboard.actions.getByRole('button', { name: 'Pause all' }).click();
  await expect(app.toast(/Could not pause all/)).toBeVisible();
  await expect(dashboard.actions.getByRole('button', { name: 'Pause all' })).toBeVisible();

  // Back on the same address and token; meanwhile work was added and started elsewhere.
  const again = await startHostProcess(taskdeck.dataDir, {
    port: Number(new URL(taskdeck.origin).port),
    token: taskdeck.token,
  });
  try {
    const [added] = await seedTasks(again, [
      taskDocument('Added while away', {
        triggers: [{ type: 'cron', expression: '30 */3 * * *', timezone: 'UTC' }],
        action: { type: 'command', command: 'sleep 30' },
      }),
    ]);
    await again.rpc.api.call('tasks.runNow', { id: added!.id });

    await expect(banner).toBeHidden({ timeout: 15_000 });
    await expect(app.page.getByText('Connected', { exact: true })).toBeVisible();
    await expect(dashboard.heading).toBeVisible();
    await expect(dashboard.timelineRow('Before the restart')).toBeVisible();
    await expect(dashboard.timelineRow('Added while away')).toBeVisible();
    await expect(dashboard.plannedRuns('Added while away')).toHaveCount(8);
    await expect(dashboard.runningItems).toHaveCount(1);
    await expect(dashboard.runningItems.first()).toContainText('Added while away');

    // And it works again.
    await dashboard.actions.getByRole('button', { name: 'Pause all' }).click();
    await expect(app.schedulerStatus).toHaveText('All paused');
    expect((await again.rpc.api.call('scheduler.status', {})).paused).toBe(true);
    await dashboard.runningItems
      .first()
      .getByRole('button', { name: 'Cancel the run of Added while away' })
      .click();
    await expect(dashboard.running.getByText('Nothing is running')).toBeVisible();
  } finally {
    await again.stop();
  }
});
