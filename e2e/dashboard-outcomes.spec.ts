import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('how runs went: one success and one failure read as 50% over 24 hours and 7 days, and the failure is listed', async ({
  app,
  taskdeck,
}) => {
  const { dashboard } = app;
  await expect(dashboard.outcome('Last 24 hours')).toContainText('No runs');
  await expect(dashboard.outcomes.getByText(/No failed runs\./)).toBeVisible();

  const [backup, sync] = await seedTasks(taskdeck, [
    taskDocument('Back up notes', { action: { type: 'command', command: 'echo copied' } }),
    taskDocument('Sync mail', {
      action: { type: 'command', command: 'echo "server said no" >&2; exit 4' },
    }),
  ]);
  for (const task of [backup!, sync!]) {
    const { executionId } = await app.api.call('tasks.runNow', { id: task.id });
    await expect
      .poll(async () => (await app.api.call('executions.get', { id: executionId })).endedAt, {
        timeout: 15_000,
      })
      .not.toBeNull();
  }

  // The dashboard counts them again by itself as runs end; no reload.
  for (const window of ['Last 24 hours', 'Last 7 days'] as const) {
    const figure = dashboard.outcome(window);
    await expect(figure).toContainText('50% succeeded', { timeout: 15_000 });
    await expect(figure).toContainText('2 runs · 1 failed');
  }
  await expect(dashboard.outcomes.getByRole('img')).toHaveAccessibleName(
    'Runs per day over the last 7 days: 1 succeeded, 1 failed',
  );
  await expect(
    app.page.getByRole('group', { name: 'At a glance' }).getByRole('group', {
      name: 'Last 24 hours',
    }),
  ).toContainText('50%');

  const failures = dashboard.latestFailures;
  await expect(failures).toHaveCount(1);
  await expect(failures.first()).toContainText('Failed');
  await expect(failures.first()).toContainText('exit 4');
  await expect(failures.first()).toContainText(/\d+ s ago|now/);

  // The failure opens the run it names, on its task's page.
  await failures.first().getByRole('link', { name: 'Sync mail' }).click();
  await expect(app.detail.heading).toHaveText('Sync mail');
  await expect(app.detail.runPanel.getByText('Failed', { exact: true })).toBeVisible();
  await expect(app.detail.logLines('stderr')).toHaveText(['server said no']);
});
