import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';
import { processesMatching } from './support/processes.js';

test('a failing command with 2 retries: three linked attempts, the last failed, and the trace says so', async ({
  app,
  taskdeck,
}) => {
  // It fails until the flag file exists, so a later run can succeed.
  const flag = join(mkdtempSync(join(tmpdir(), 'taskdeck-flaky-')), 'online');
  const [task] = await seedTasks(taskdeck, [
    taskDocument('Flaky upload', {
      action: {
        type: 'command',
        command: `if [ -e ${flag} ]; then echo uploaded; else echo trying; echo "no route to host" >&2; exit 3; fi`,
      },
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
  await expect(rows.nth(0)).toContainText('Retry · #3');
  await expect(rows.nth(1)).toContainText('Retry · #2');
  await expect(rows.nth(2)).toContainText('By hand');
  // The last attempt failed too, and nothing was tried after it.
  for (let index = 0; index < 3; index++) {
    await expect(rows.nth(index).getByRole('gridcell').nth(0)).toHaveText('Failed');
    await expect(rows.nth(index).getByRole('gridcell').nth(3)).toHaveText('3');
  }
  await expect(detail.tile('Last run')).toContainText('Failed');
  await expect(detail.tile('Last run')).toContainText('exit 3');
  await expect(detail.durationChart).toHaveAccessibleName(
    'Durations of 3 runs over time, coloured by status: 3 failed',
  );
  // The three are one run and its retries: each attempt points at the first.
  const { items } = await app.api.call('executions.list', { taskId: task!.id });
  const first = items.find((item) => item.attempt === 1)!;
  expect(items.map((item) => [item.attempt, item.status, item.firstExecutionId])).toEqual([
    [3, 'failed', first.id],
    [2, 'failed', first.id],
    [1, 'failed', first.id],
  ]);

  await rows.nth(0).click();
  await expect(detail.runPanel.getByText('attempt 3', { exact: false })).toBeVisible();
  await expect(detail.runPanel.getByText('Failed', { exact: true })).toBeVisible();
  await expect(detail.runFacts).toContainText(/Exit code\s*3/);
  await expect(detail.logLines('stderr')).toHaveText(['no route to host']);

  // The trace says why each retry happened, newest first.
  await detail.showTrace();
  const retried = detail.trace.getByRole('listitem').filter({ hasText: 'Retried' });
  await expect(retried).toHaveCount(2);
  await expect(retried.nth(0)).toContainText(/failed: .*; retry 2 of 2 in 300 ms/);
  await expect(retried.nth(1)).toContainText(/failed: .*; retry 1 of 2 in 300 ms/);
  await expect(detail.tile('Success rate')).toContainText('0%');

  // Once it can succeed, the history holds both kinds; the status filter shows one kind.
  writeFileSync(flag, '');
  await detail.showHistory();
  await detail.action('Run now').click();
  await expect(detail.historyRows).toHaveCount(4, { timeout: 15_000 });
  await expect(rows.nth(0).getByRole('gridcell').nth(0)).toHaveText('Succeeded');
  await detail.historyFilter.selectOption({ label: 'Failed' });
  await expect(detail.historyRows).toHaveCount(3);
  await expect(
    detail.historyRows.getByRole('gridcell').filter({ hasText: /^(Failed|Succeeded)$/ }),
  ).toHaveText(['Failed', 'Failed', 'Failed']);
  await expect(detail.historyCount).toHaveText('3 runs');
  await detail.historyFilter.selectOption({ label: 'Succeeded' });
  await expect(detail.historyRows).toHaveCount(1);
  await expect(detail.historyRows.first()).toContainText('By hand');
  await detail.historyFilter.selectOption({ label: 'Timed out' });
  await expect(detail.history).toContainText('No runs with the status “Timed out”.');
  await detail.historyFilter.selectOption({ label: 'All statuses' });
  await expect(detail.historyRows).toHaveCount(4);
  await expect(detail.tile('Success rate')).toContainText('25%');
  rmSync(dirname(flag), { recursive: true, force: true });
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
  // The chart tells a timed-out run from a failed one.
  await expect(detail.durationChart).toHaveAccessibleName(/coloured by status: 1 timed out$/);
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
  await expect(detail.durationChart).toHaveAccessibleName(/coloured by status: 1 cancelled$/);
  await expect.poll(() => processesMatching(marker), { timeout: 10_000 }).toEqual([]);
});
