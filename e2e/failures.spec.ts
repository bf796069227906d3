import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';
import { processesMatching } from './support/processes.js';

test('a failing command with 2 retries: three linked attempts, the last failed, and the trace says so', async ({
  app,
  taskdeck,
}) => {
  const [task] = await seedTasks(taskdeck, [
    taskDocument('Flaky upload', {
      action: { type: 'command', command: 'echo trying; echo "no route to host" >&2; exit 3' },
      retry: { maxRetries: 2, delayMs: 300 },
    }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Flaky upload');
  const { detail } = app;
  await detail.action('Run now').click();
  await expect(detail.historyRows).toHaveCount(3, { timeout: 20_000 });
  const rows = detail.historyRows;
  await expect(rows.nth(0)).toContainText('Failed');
  await expect(rows.nth(0)).toContainText('Retry · #3');
  await expect(rows.nth(1)).toContainText('Retry · #2');
  await expect(rows.nth(2)).toContainText('By hand');
  for (let index = 0; index < 3; index++) {
    await expect(rows.nth(index).getByRole('gridcell').nth(0)).toHaveText('Failed');
    await expect(rows.nth(index).getByRole('gridcell').nth(3)).toHaveText('3');
  }
  // The three are one run and its retries: each attempt points at the first.
  const { items } = await app.api.call('executions.list', { taskId: task!.id });
  const first = items.find((item) => item.attempt === 1)!;
  expect(items.map((item) => [item.attempt, item.firstExecutionId])).toEqual([
    [3, first.id],
    [2, first.id],
    [1, first.id],
  ]);

  await rows.nth(0).click();
  await expect(detail.runPanel.getByText('attempt 3', { exact: false })).toBeVisible();
  await expect(detail.logLines('stderr')).toHaveText(['no route to host']);

  await detail.showTrace();
  await expect(detail.trace.getByText('Retried')).toHaveCount(2);
  await expect(detail.trace.getByRole('listitem').first()).toContainText(/Retried|Ran/);
  await expect(detail.tile('Success rate')).toContainText('0%');
});

test('a command sleeping past its time limit is timed out, and no process of it is left', async ({
  app,
  taskdeck,
}) => {
  const marker = `sleep 47.${Date.now() % 100_000}`;
  await seedTasks(taskdeck, [
    taskDocument('Stuck job', {
      action: { type: 'command', command: `${marker} & ${marker}; wait` },
      timeoutMs: 1_500,
    }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Stuck job');
  const { detail } = app;
  await detail.action('Run now').click();
  await expect(detail.runPanel.getByText('Running', { exact: true })).toBeVisible();
  await expect.poll(() => processesMatching(marker).length).toBeGreaterThanOrEqual(2);
  await expect(detail.runPanel.getByText('Timed out', { exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await expect(detail.historyRows.first()).toContainText('Timed out');
  await expect.poll(() => processesMatching(marker), { timeout: 10_000 }).toEqual([]);
});

test('cancelling a running execution marks it cancelled and ends its whole process tree', async ({
  app,
  taskdeck,
}) => {
  const marker = `sleep 53.${Date.now() % 100_000}`;
  await seedTasks(taskdeck, [
    taskDocument('Long export', {
      action: { type: 'command', command: `echo started; ${marker} & ${marker}; wait` },
    }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Long export');
  const { detail } = app;
  await detail.action('Run now').click();
  await expect(detail.logLines()).toHaveText(['started']);
  await expect.poll(() => processesMatching(marker).length).toBeGreaterThanOrEqual(2);
  await detail.runPanel.getByRole('button', { name: 'Cancel run' }).click();
  await expect(detail.runPanel.getByText('Cancelled', { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(detail.runPanel.getByRole('button', { name: 'Cancel run' })).toBeHidden();
  await expect(detail.historyRows.first()).toContainText('Cancelled');
  await expect.poll(() => processesMatching(marker), { timeout: 10_000 }).toEqual([]);
});
