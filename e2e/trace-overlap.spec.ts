import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('the trace explains a firing skipped because the previous run was still going', async ({
  app,
  taskdeck,
}) => {
  await seedTasks(taskdeck, [
    taskDocument('Slow sync', {
      triggers: [{ type: 'interval', everyMs: 1_000 }],
      action: { type: 'command', command: 'sleep 3' },
      overlap: 'skip',
    }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Slow sync');
  const { detail } = app;
  await expect(detail.runPanel.getByText('Current run')).toBeVisible({ timeout: 10_000 });
  await detail.showTrace();
  const skipped = detail.trace.getByRole('listitem').filter({ hasText: 'Skipped' }).first();
  await expect(skipped).toBeVisible({ timeout: 10_000 });
  await expect(skipped).toContainText(/running/i);
  const ran = detail.trace.getByRole('listitem').filter({ hasText: 'Ran' }).first();
  await expect(ran).toBeVisible();
  await ran.getByRole('button', { name: 'Open run' }).click();
  await expect(detail.runPanel).toBeVisible();
});
