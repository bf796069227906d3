import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

/** "1.4 s of a typical 2.0 s": elapsed time against the median of the runs before. */
const OF_TYPICAL = /\d+(\.\d)? s of a typical 2\.\d s/;

test('a run shows its elapsed time against the typical one, on its page and on the dashboard', async ({
  app,
  taskdeck,
}) => {
  // Two runs of two seconds make the typical duration; the third runs long, so there is time to look.
  const slow = join(mkdtempSync(join(tmpdir(), 'taskdeck-progress-')), 'slow');
  const [task] = await seedTasks(taskdeck, [
    taskDocument('Render video', {
      action: { type: 'command', command: `if [ -e ${slow} ]; then sleep 60; else sleep 2; fi` },
    }),
  ]);
  for (let run = 0; run < 2; run++) {
    const { executionId } = await app.api.call('tasks.runNow', { id: task!.id });
    await expect
      .poll(async () => (await app.api.call('executions.get', { id: executionId })).status, {
        timeout: 15_000,
      })
      .toBe('succeeded');
  }
  writeFileSync(slow, '');
  await app.goTo('Tasks');
  await app.list.open('Render video');
  const { detail } = app;
  await expect(detail.tile('Typical duration')).toContainText(/2\.\d s/);

  await detail.action('Run now').click();
  const progress = detail.runPanel.getByRole('progressbar', {
    name: 'Progress against the typical duration',
  });
  await expect(progress).toBeVisible();
  await expect(detail.runPanel).toContainText(OF_TYPICAL);
  await expect(progress).toHaveAttribute('aria-valuetext', OF_TYPICAL);
  // Past the typical time it says so, and the bar is full.
  await expect(detail.runPanel).toContainText('longer than usual', { timeout: 10_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', '100');

  await app.goTo('Dashboard');
  const running = app.dashboard.runningItems;
  await expect(running).toHaveCount(1);
  await expect(running.first()).toContainText('Render video');
  await expect(running.first()).toContainText(OF_TYPICAL);
  await expect(running.first()).toContainText('longer than usual');

  await running.first().getByRole('button', { name: 'Cancel the run of Render video' }).click();
  await expect(app.dashboard.running.getByText(/^Nothing is running/)).toBeVisible({
    timeout: 15_000,
  });
  rmSync(dirname(slow), { recursive: true, force: true });
});
