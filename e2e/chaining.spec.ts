import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('a task chained after another runs when that one succeeds, and not when it fails', async ({
  app,
  taskdeck,
}) => {
  test.setTimeout(90_000);
  const folder = mkdtempSync(join(tmpdir(), 'taskdeck-chain-'));
  const ready = join(folder, 'data-ready');
  writeFileSync(ready, 'yes');
  try {
    // A succeeds while the file is there and fails once it is gone.
    await seedTasks(taskdeck, [
      taskDocument('Fetch data', {
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: `test -f '${ready}' && echo fetched` },
      }),
    ]);

    // B is made in the editor: after "Fetch data" succeeds.
    const editor = await app.newTask();
    await editor.name.fill('Process data');
    await editor.command.fill('echo processed');
    await editor.chooseTrigger('When something happens');
    await editor.dialog.getByLabel('Event').selectOption({ label: 'After another task succeeds' });
    await editor.dialog.getByLabel('Which task').selectOption({ label: 'Fetch data' });
    await editor.submit();
    await expect(app.list.row('Process data')).toContainText('After “Fetch data” succeeds');

    const runsOf = async (name: string) => {
      const task = (await app.api.call('tasks.list', {})).find((item) => item.name === name)!;
      return (await app.api.call('executions.list', { taskId: task.id })).items;
    };

    // A succeeds: B follows.
    await app.list.open('Fetch data');
    await app.detail.action('Run now').click();
    await expect(app.detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await app.page.getByRole('link', { name: 'All tasks' }).click();
    await app.list.open('Process data');
    await expect(app.detail.historyRows).toHaveCount(1, { timeout: 10_000 });
    await expect(app.detail.historyRows.first()).toContainText('Succeeded');
    await expect(app.detail.historyRows.first()).toContainText('Event');

    // A fails: B does not run.
    rmSync(ready);
    expect(existsSync(ready)).toBe(false);
    await app.page.getByRole('link', { name: 'All tasks' }).click();
    await app.list.open('Fetch data');
    await app.detail.action('Run now').click();
    await expect(app.detail.runPanel.getByText('Failed', { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await expect(app.detail.historyRows).toHaveCount(2);
    // Give a chained run every chance to appear (events go out ten times a second).
    await app.page.waitForTimeout(2_000);
    await app.page.getByRole('link', { name: 'All tasks' }).click();
    await app.list.open('Process data');
    await expect(app.detail.historyRows).toHaveCount(1);
    expect((await runsOf('Process data')).map((run) => run.status)).toEqual(['succeeded']);
    expect((await runsOf('Fetch data')).map((run) => run.status)).toEqual(['failed', 'succeeded']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
